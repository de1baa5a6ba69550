package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BCC capture's rules, end to end: SMTP in, IMAP out, Tasks in the emulator's org. */
class BccCaptureFlowTest extends BccFlowTest {

    @Test
    void anEmailARepBccsBecomesATaskOnTheRecipientsContactAndMovesToLogged() throws Exception {
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, "Alice Buyer <" + ALICE_EMAIL + ">", "Our quote", "Hello Alice, here is the quote."));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(1);
        JsonNode activity = activities.get(0);
        assertState(activity, "logged");
        assertThat(activity.get("source").asText()).isEqualTo("bcc");
        List<JsonNode> tasks = tasks(activity);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("WhoId").asText()).isEqualTo(ALICE_CONTACT);
        assertThat(tasks.get(0).get("OwnerId").asText()).isEqualTo(RILEY_USER);
        assertThat(tasks.get(0).get("Subject").asText()).isEqualTo("Our quote");
        assertThat(tasks.get(0).get("Description").asText()).contains("Hello Alice, here is the quote.");
        awaitInFolder("Logged", messageId);
        assertThat(messageIds("INBOX", false)).doesNotContain(messageId);
    }
}
