package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state file, the org survives a restart; without one, it starts fresh. */
class OrgStateFileTest {

    @TempDir
    Path directory;

    @Test
    void recordsDeletionsAndIdSequenceSurviveARestart() throws IOException {
        Path file = directory.resolve("org.json");
        EmulatorSettings settings = EmulatorSettings.builder().stateFile(file).build();
        String kept;
        String deleted;
        try (SalesforceEmulator first = SalesforceEmulator.builder(settings).build().start()) {
            EmulatorHttp http = new EmulatorHttp(first.baseUrl()).loginAsIntegrationUser();
            kept = http.api("POST", "sobjects/Task", "{\"Subject\":\"Persisted\",\"ActivityDate\":\"2030-01-02\"}")
                    .body().get("id").asText();
            deleted = http.api("POST", "sobjects/Task", "{\"Subject\":\"Deleted\"}").body().get("id").asText();
            http.api("DELETE", "sobjects/Task/" + deleted, null);
            assertThat(file).exists();
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).as("no temporary files left").containsExactlyInAnyOrder(file,
                    directory.resolve("org.streaming.json"));
        }

        try (SalesforceEmulator second = SalesforceEmulator.builder(settings).build().start()) {
            EmulatorHttp http = new EmulatorHttp(second.baseUrl()).loginAsIntegrationUser();
            assertThat(http.api("GET", "sobjects/Task/" + kept + "?fields=Subject,ActivityDate", null).body()
                    .get("ActivityDate").asText()).isEqualTo("2030-01-02");
            assertThat(http.api("GET", "sobjects/Task/" + deleted, null).body().get(0).get("errorCode").asText())
                    .isEqualTo("ENTITY_IS_DELETED");
            String next = http.api("POST", "sobjects/Task", "{\"Subject\":\"After restart\"}").body().get("id").asText();
            assertThat(next).isNotIn(kept, deleted);
        }
    }

    @Test
    void withoutAStateFileEachStartIsTheDemoOrg() {
        EmulatorSettings settings = EmulatorSettings.builder().build();
        try (SalesforceEmulator first = SalesforceEmulator.builder(settings).build().start()) {
            new EmulatorHttp(first.baseUrl()).loginAsIntegrationUser().api("POST", "sobjects/Task", "{\"Subject\":\"gone\"}");
        }
        try (SalesforceEmulator second = SalesforceEmulator.builder(settings).build().start()) {
            EmulatorHttp http = new EmulatorHttp(second.baseUrl()).loginAsIntegrationUser();
            assertThat(http.query("SELECT COUNT() FROM Task").body().get("totalSize").asInt()).isEqualTo(4);
        }
    }

    @Test
    void demoDataCanBeTurnedOffWhileUsersRemain() {
        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().demoData(false).build())
                .build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).login("sam@sandbox.example", "sandbox");
            assertThat(http.query("SELECT COUNT() FROM Task").body().get("totalSize").asInt()).isZero();
            assertThat(http.query("SELECT Username FROM User ORDER BY Username").body().get("totalSize").asInt()).isEqualTo(3);
        }
    }
}
