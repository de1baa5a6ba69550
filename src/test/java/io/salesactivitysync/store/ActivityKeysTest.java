package io.salesactivitysync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ActivityKeysTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T10:30:00Z");

    @Test
    void theMessageIdIsTheKeyWhateverItsBrackets() {
        assertThat(ActivityKeys.activityKey("<abc@host.example>", "email", "rep@x.example", "email:a@x.example", AT, "Hi"))
                .isEqualTo("mid:abc@host.example")
                .isEqualTo(ActivityKeys.activityKey("  abc@host.example ", "reply", "other@x.example", "id:5", AT, "Re"));
    }

    @Test
    void withoutAMessageIdTheKeyIsADigestOfWhatTheActivityIs() {
        String key = ActivityKeys.activityKey(null, "call", "Rep@X.example", "sf:003000000000001AAA", AT, "Intro");
        assertThat(key).startsWith("sha256:").hasSize(7 + 64);
        // the same activity written another way: the same key
        assertThat(ActivityKeys.activityKey("<>", "call", "rep@x.example", "sf:003000000000001AAA",
                OffsetDateTime.parse("2026-11-23T11:30:00.400+01:00"), "Intro")).isEqualTo(key);
        // another subject, time, person or type: another key
        assertThat(ActivityKeys.activityKey(null, "call", "rep@x.example", "sf:003000000000001AAA", AT, "Intro 2")).isNotEqualTo(key);
        assertThat(ActivityKeys.activityKey(null, "call", "rep@x.example", "sf:003000000000001AAA", AT.plusSeconds(1), "Intro")).isNotEqualTo(key);
        assertThat(ActivityKeys.activityKey(null, "email", "rep@x.example", "sf:003000000000001AAA", AT, "Intro")).isNotEqualTo(key);
    }

    @Test
    void aTaskExternalIdNamesTheKeyAndTheRecordsAndFitsTheField() {
        String longKey = "mid:" + "x".repeat(990);
        String withOpportunity = ActivityKeys.taskExternalId(longKey, "003000000000001AAA", "006000000000001AAA");
        assertThat(withOpportunity).matches("sas1:[0-9a-f]{24}:003000000000001AAA:006000000000001AAA").hasSizeLessThan(100);
        assertThat(ActivityKeys.taskExternalId(longKey, "003000000000001AAA", null))
                .isEqualTo(withOpportunity.substring(0, withOpportunity.lastIndexOf(':')));
    }

    @Test
    void aMessageIdTooLongOrNotAsciiForTheIndexIsKeyedByItsDigest() {
        assertThat(ActivityKeys.messageIdKey("<" + "x".repeat(500) + "@h>")).startsWith("midsha256:").hasSize(10 + 64);
        assertThat(ActivityKeys.messageIdKey("<caf\u00e9@host.example>")).startsWith("midsha256:");
        assertThat(ActivityKeys.messageIdKey("<abc@host.example>")).isEqualTo("mid:abc@host.example");
        assertThat(ActivityKeys.messageIdKey("  ")).isNull();
        // the API and the mailbox give the same email the same key
        assertThat(ActivityKeys.mailKey("<caf\u00e9@host.example>", java.util.List.of()))
                .isEqualTo(ActivityKeys.activityKey("<caf\u00e9@host.example>", "email", "r@x.example", "p", AT, "s"));
    }
}
