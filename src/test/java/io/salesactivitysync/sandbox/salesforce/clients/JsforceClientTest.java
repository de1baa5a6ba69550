package io.salesactivitysync.sandbox.salesforce.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The emulator as jsforce, a Salesforce client library written independently of it and of
 * camel-salesforce, sees it: {@code src/test/clients/jsforce/check.mjs} logs in (SOAP and OAuth),
 * does Task CRUD, pages a query, reads deleted rows through queryAll, runs composite and
 * collections requests, and follows the change events with Faye and jsforce's Replay extension.
 *
 * <p>Skipped where Node.js (18+) is not on the PATH or {@code npm ci --prefix src/test/clients/jsforce}
 * has not been run, so {@code mvn test} passes on a machine with only Java and Maven.
 */
class JsforceClientTest {

    private static final Duration CEILING = Duration.ofMinutes(3);

    @Test
    void jsforceDrivesTheEmulatorFromLoginToReplay() throws Exception {
        Path directory = ClientScripts.clientDirectory("jsforce");
        Optional<Path> node = ClientScripts.onPath("node");
        assumeTrue(node.isPresent(), "node is not on the PATH: the jsforce check is skipped");
        assumeTrue(Files.isRegularFile(directory.resolve("node_modules/jsforce/package.json")),
                "jsforce is not installed: run npm ci --prefix src/test/clients/jsforce");
        assumeTrue(nodeMajorVersion(node.get(), directory) >= 18, "jsforce 3 needs Node.js 18 or later");

        // Small query batches so that paging takes several round trips; short long polls so that
        // the streaming drills do not wait for Salesforce's 110 seconds; the sandbox's external-id
        // field on Task, for upsert.
        EmulatorSettings settings = EmulatorSettings.builder()
                .queryBatchSize(5)
                .customFields(List.of(new CustomField("Task", "Sales_Activity_Id__c", "string", null, 255, true, true,
                        List.of(), false)))
                .streaming(new StreamingSettings(Duration.ofHours(72), Duration.ofHours(24), Duration.ofSeconds(3),
                        Duration.ofSeconds(40)))
                .build();
        try (SalesforceEmulator emulator = SalesforceEmulator.builder(settings).build().start()) {
            ClientScripts.Outcome outcome = ClientScripts.run(
                    List.of(node.get().toString(), "check.mjs", emulator.baseUrl(), "--fresh-org"),
                    directory, CEILING, "jsforce");

            assertThat(outcome.exitCode()).as("check.mjs exit code; its output:%n%s", outcome.output()).isZero();
            assertThat(outcome.lines()).as("check.mjs output").anyMatch(line -> line.matches("PASS \\d+ steps"));
        }
    }

    private static int nodeMajorVersion(Path node, Path directory) throws InterruptedException {
        ClientScripts.Outcome version = ClientScripts.run(List.of(node.toString(), "--version"), directory,
                Duration.ofSeconds(30), "node");
        String text = version.lines().isEmpty() ? "" : version.lines().get(0).trim();
        return text.matches("v\\d+\\..*") ? Integer.parseInt(text.substring(1, text.indexOf('.'))) : 0;
    }
}
