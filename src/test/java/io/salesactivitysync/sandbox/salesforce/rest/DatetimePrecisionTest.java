package io.salesactivitysync.sandbox.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorClock;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Salesforce keeps datetime fields to the second: REST shows {@code .000+0000}, change events
 * {@code ...:05Z}, and SOQL compares whole seconds, so all three agree on one value. The org's
 * clock here stands at 12:00:05.709.
 */
class DatetimePrecisionTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:05.709Z");

    private static SalesforceEmulator emulator;
    private static TestHttp http;
    private static final List<RecordChange> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build())
                .clock(new EmulatorClock(Clock.fixed(NOW, ZoneOffset.UTC))).build().start();
        emulator.addChangeListener(changes::addAll);
        http = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String createTask(String json) {
        TestHttp.Response created = http.api("POST", "sobjects/Task", json);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static int count(String soql) {
        TestHttp.Response result = http.api("GET", "query/?q="
                + URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20"), null);
        assertThat(result.status()).as(result.text()).isEqualTo(200);
        return result.body().get("totalSize").asInt();
    }

    @Test
    void systemStampsAndWrittenDatetimesKeepWholeSeconds() {
        String id = createTask("{\"Subject\":\"Seconds\",\"ReminderDateTime\":\"2026-03-11T09:30:15.250Z\"}");

        JsonNode task = http.api("GET", "sobjects/Task/" + id, null).body();
        assertThat(task.get("CreatedDate").asText()).isEqualTo("2026-03-10T12:00:05.000+0000");
        assertThat(task.get("LastModifiedDate").asText()).isEqualTo("2026-03-10T12:00:05.000+0000");
        assertThat(task.get("SystemModstamp").asText()).isEqualTo("2026-03-10T12:00:05.000+0000");
        assertThat(task.get("ReminderDateTime").asText()).isEqualTo("2026-03-11T09:30:15.000+0000");

        RecordChange create = changes.stream().filter(c -> c.recordId().equals(id)).findFirst().orElseThrow();
        assertThat(create.fields().get("LastModifiedDate")).isEqualTo(Instant.parse("2026-03-10T12:00:05Z"));
        assertThat(create.fields().get("ReminderDateTime")).isEqualTo(Instant.parse("2026-03-11T09:30:15Z"));
        assertThat(create.context().commitTimestamp()).isEqualTo(Instant.parse("2026-03-10T12:00:05Z"));
    }

    @Test
    void aWatermarkTakenFromAChangeEventDoesNotMatchTheSameRecordAgain() {
        String id = createTask("{\"Subject\":\"Watermark\"}");
        String where = "SELECT Id FROM Task WHERE Id = '" + id + "' AND LastModifiedDate ";

        assertThat(count(where + "> 2026-03-10T12:00:05Z")).isZero();
        assertThat(count(where + ">= 2026-03-10T12:00:05Z")).isEqualTo(1);
        assertThat(count(where + "= 2026-03-10T12:00:05.709Z")).as("milliseconds in a literal are ignored").isEqualTo(1);
    }
}
