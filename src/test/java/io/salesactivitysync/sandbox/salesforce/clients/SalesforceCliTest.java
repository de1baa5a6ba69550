package io.salesactivitysync.sandbox.salesforce.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox org through the Salesforce CLI, the tool integration engineers look at an org with:
 * {@code sf org login access-token} (which asks {@code /services/oauth2/userinfo}, the User record
 * and the Organization), then {@code sf data query} (which asks the query again with
 * {@code columns=true} to lay out its table) and {@code sf org display}.
 *
 * <p>Skipped where Node.js 20+ is not on the PATH or {@code npm ci --prefix src/test/clients/sf}
 * has not been run. The CLI keeps its configuration under a temporary HOME.
 */
class SalesforceCliTest {

    private static final Duration CEILING = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void theCliLogsInWithAnAccessTokenAndShowsWhatTheProductWrote() throws Exception {
        Path directory = ClientScripts.clientDirectory("sf");
        Optional<Path> node = ClientScripts.onPath("node");
        assumeTrue(node.isPresent(), "node is not on the PATH: the Salesforce CLI check is skipped");
        Path cli = directory.resolve("node_modules/@salesforce/cli/bin/run.js");
        assumeTrue(Files.isRegularFile(cli), "the Salesforce CLI is not installed: run npm ci --prefix src/test/clients/sf");
        assumeTrue(nodeMajorVersion(node.get(), directory) >= 20, "this Salesforce CLI release needs Node.js 20 or later");

        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start()) {
            String token = TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example");
            TestHttp http = new TestHttp(emulator.baseUrl(), token);
            TestHttp.Response created = http.api("POST", "sobjects/Task",
                    "{\"Subject\":\"Logged by the product\",\"WhoId\":\"003000000000001AAA\",\"Status\":\"Completed\"}");
            assertThat(created.status()).isEqualTo(201);
            String taskId = created.body().get("id").asText();
            Sf sf = new Sf(node.get(), cli, directory, Map.of("SF_ACCESS_TOKEN", token));

            ClientScripts.Outcome login = sf.run("org", "login", "access-token", "--instance-url", emulator.baseUrl(),
                    "--no-prompt", "--alias", "sandbox");
            assertThat(login.exitCode()).as(login.output()).isZero();
            assertThat(login.output()).contains("Successfully authorized integration@sandbox.example with org ID "
                    + EmulatorSettings.ORG_ID);

            JsonNode rows = sf.json("data", "query", "--query",
                    "SELECT Id, Subject, Status, Who.Name FROM Task WHERE Status = 'Completed'", "--target-org", "sandbox");
            assertThat(rows.at("/result/records")).anySatisfy(row -> {
                assertThat(row.get("Id").asText()).isEqualTo(taskId);
                assertThat(row.get("Subject").asText()).isEqualTo("Logged by the product");
                assertThat(row.at("/Who/Name").asText()).isEqualTo("Alice Buyer");
            });

            ClientScripts.Outcome table = sf.run("data", "query", "--query",
                    "SELECT Id, Subject, Who.Name FROM Task WHERE Id = '" + taskId + "'", "--target-org", "sandbox");
            assertThat(table.exitCode()).as(table.output()).isZero();
            assertThat(table.lines()).anySatisfy(line -> assertThat(line).contains("SUBJECT").contains("WHO.NAME"));
            assertThat(table.lines()).anySatisfy(line -> assertThat(line).contains(taskId)
                    .contains("Logged by the product").contains("Alice Buyer"));
            assertThat(table.output()).contains("Total number of records retrieved: 1.");

            JsonNode org = sf.json("org", "display", "--target-org", "sandbox");
            assertThat(org.at("/result/connectedStatus").asText()).isEqualTo("Connected");
            assertThat(org.at("/result/id").asText()).isEqualTo(EmulatorSettings.ORG_ID);
            assertThat(org.at("/result/username").asText()).isEqualTo("integration@sandbox.example");
        }
    }

    /** The CLI, run with node, its configuration under the test's HOME and no update checks or telemetry. */
    private final class Sf {
        private final Path node;
        private final Path cli;
        private final Path directory;
        private final Map<String, String> environment;

        Sf(Path node, Path cli, Path directory, Map<String, String> extra) {
            this.node = node;
            this.cli = cli;
            this.directory = directory;
            Map<String, String> environment = new java.util.HashMap<>(extra);
            environment.put("HOME", home.toString());
            environment.put("SF_DISABLE_TELEMETRY", "true");
            environment.put("SF_AUTOUPDATE_DISABLE", "true");
            environment.put("SF_HIDE_RELEASE_NOTES", "true");
            environment.put("NO_COLOR", "1");
            // the CLI starts "sf" itself for some commands: let it find this one
            environment.put("PATH", directory.resolve("node_modules/.bin") + File.pathSeparator + System.getenv("PATH"));
            this.environment = environment;
        }

        ClientScripts.Outcome run(String... arguments) throws InterruptedException {
            List<String> command = new ArrayList<>(List.of(node.toString(), cli.toString()));
            command.addAll(List.of(arguments));
            return ClientScripts.run(command, environment, directory, CEILING, "sf");
        }

        /** The command's {@code --json} answer, which must say status 0. */
        JsonNode json(String... arguments) throws Exception {
            List<String> withJson = new ArrayList<>(List.of(arguments));
            withJson.add("--json");
            ClientScripts.Outcome outcome = run(withJson.toArray(String[]::new));
            String output = outcome.output();
            JsonNode answer = JSON.readTree(output.substring(output.indexOf('{')));
            assertThat(answer.get("status").asInt()).as(output).isZero();
            return answer;
        }
    }

    private static int nodeMajorVersion(Path node, Path directory) throws InterruptedException {
        ClientScripts.Outcome version = ClientScripts.run(List.of(node.toString(), "--version"), directory,
                Duration.ofSeconds(30), "node");
        String text = version.lines().isEmpty() ? "" : version.lines().get(0).trim();
        return text.matches("v\\d+\\..*") ? Integer.parseInt(text.substring(1, text.indexOf('.'))) : 0;
    }
}
