package io.salesactivitysync.sandbox.salesforce.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP walk-through a new user can paste ({@code src/test/clients/curl/walkthrough.sh}:
 * bash and curl only) runs to the end against an emulator. Skipped where bash or curl is missing.
 */
class CurlWalkthroughTest {

    @Test
    void theWalkthroughRunsToTheEnd() throws Exception {
        Optional<Path> bash = ClientScripts.onPath("bash");
        assumeTrue(bash.isPresent(), "bash is not on the PATH: the curl walk-through is skipped");
        assumeTrue(ClientScripts.onPath("curl").isPresent(), "curl is not on the PATH: the curl walk-through is skipped");
        Path directory = ClientScripts.clientDirectory("curl");

        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build()
                .start()) {
            ClientScripts.Outcome outcome = ClientScripts.run(
                    List.of(bash.get().toString(), "walkthrough.sh", emulator.baseUrl()), directory,
                    Duration.ofMinutes(2), "walkthrough");

            assertThat(outcome.exitCode()).as("walkthrough.sh exit code; its output:%n%s", outcome.output()).isZero();
            assertThat(outcome.lines())
                    .contains("HTTP 201", "HTTP 204", "Walk-through done: every answer was what Salesforce gives.")
                    .anyMatch(line -> line.contains("\"IsDeleted\" : true"))
                    .anyMatch(line -> line.contains("\"errorCode\" : \"ENTITY_IS_DELETED\""));
        }
    }
}
