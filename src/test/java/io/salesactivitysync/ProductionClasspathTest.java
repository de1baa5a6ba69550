package io.salesactivitysync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The product as {@code java -jar} runs it: a JVM of its own, started in a folder holding copies
 * of {@code routes/} and {@code config/}, on the jar's classpath only (compile and runtime scopes,
 * written by the build to {@code target/production-classpath.txt}; no test classes, no test-scoped
 * libraries, no sandbox), with no environment variable of the product's set unless the test says so.
 */
class ProductionClasspathTest {

    private static final Duration START_CEILING = Duration.ofMinutes(3);
    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path folder;

    @Test
    void startsAndServesHealthWithOnlyTheProductionClasspath() throws Exception {
        copyRoutesAndConfig();
        String token = "production-classpath-token-0123456789abcdef";
        Process process = start(Map.of("SAS_API_TOKEN", token), "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:production-classpath;DB_CLOSE_DELAY=-1");
        Output output = new Output(process.getInputStream());
        try {
            await().atMost(START_CEILING).until(() -> output.text().contains("Started SalesActivitySyncApplication")
                    || !process.isAlive());
            assertThat(process.isAlive()).as(output.text()).isTrue();
            Matcher port = TOMCAT_PORT.matcher(output.text());
            assertThat(port.find()).as(output.text()).isTrue();

            ApiClient client = new ApiClient(Integer.parseInt(port.group(1)), token);
            ApiClient.Response health = client.send(client.unauthenticated("/actuator/health").GET());
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
            assertThat(client.get("/actuator/health").json().at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(client.get("/api/reps").status()).isEqualTo(200);
            assertThat(client.send(client.request("/actuator/camelroutes/api-list-reps/stop")
                    .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(405);
            assertThat(output.text()).doesNotContain(" ERROR ", "sandbox");
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theLocalExampleWithoutItsVariablesStopsWithOneMessage() throws Exception {
        copyRoutesAndConfig();
        Files.copy(folder.resolve("config/application-local.example.yml"), folder.resolve("config/application-local.yml"));
        Process process = start(Map.of(), "--spring.profiles.active=local");
        Output output = new Output(process.getInputStream());

        assertThat(process.waitFor(START_CEILING.toSeconds(), TimeUnit.SECONDS)).isTrue();
        output.drained();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output.text())
                .contains("APPLICATION FAILED TO START")
                .contains("5 required settings are missing:")
                .contains("    sas.api.token: ${SAS_API_TOKEN} is not resolved: environment variable SAS_API_TOKEN is not set"
                        + " (config/application-local.yml line ")
                .contains("    sas.mail.bcc.password: ${SAS_BCC_PASSWORD} is not resolved")
                .contains("    camel.component.salesforce.client-id: ${SALESFORCE_CLIENT_ID} is not resolved")
                .contains("    camel.component.salesforce.client-secret: ${SALESFORCE_CLIENT_SECRET} is not resolved")
                .contains("    spring.datasource.password: ${SAS_DB_PASSWORD} is not resolved")
                .contains("    export SAS_API_TOKEN=<", "    export SAS_BCC_PASSWORD=<", "    export SALESFORCE_CLIENT_ID=<",
                        "    export SALESFORCE_CLIENT_SECRET=<", "    export SAS_DB_PASSWORD=<")
                .doesNotContain("\tat ", "Caused by", "Tomcat started", "HikariPool");
    }

    private void copyRoutesAndConfig() throws IOException {
        FileSystemUtils.copyRecursively(Path.of("routes"), folder.resolve("routes"));
        FileSystemUtils.copyRecursively(Path.of("config"), folder.resolve("config"));
        Files.deleteIfExists(folder.resolve("config/application-local.yml"));
    }

    private Process start(Map<String, String> variables, String... arguments) throws IOException {
        String classpath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/production-classpath.txt")).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, SalesActivitySyncApplication.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SAS_") || name.startsWith("SALESFORCE_")
                || name.startsWith("SPRING_") || name.startsWith("CAMEL_"));
        builder.environment().putAll(variables);
        return builder.start();
    }

    /** The child's console, read as it comes. */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;

        Output(InputStream stream) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    for (int read; (read = stream.read(buffer)) >= 0; ) {
                        text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "production-classpath-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            return text.toString();
        }

        void drained() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
