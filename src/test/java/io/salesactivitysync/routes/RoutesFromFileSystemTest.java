package io.salesactivitysync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.SalesActivitySyncApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The routes that run are the YAML files of the routes folder, read from the file system: a copy
 * of routes/ with a changed path is what the application serves. In the sandbox profile a route
 * file changed while the application runs is reloaded.
 */
@CamelSpringBootTest
@SpringBootTest(
        classes = SalesActivitySyncApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class RoutesFromFileSystemTest {

    private static final String LIST_PEOPLE = "description: Lists people, ordered by id, one page at a time";
    private static Path routes;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routesFromACopy(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        routes = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "routes-copy-");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                String content = Files.readString(file);
                if (file.getFileName().toString().equals("rest-api.camel.yaml")) {
                    assertThat(content).contains("path: /reps").contains(LIST_PEOPLE);
                    content = content.replace("path: /reps", "path: /sellers");
                }
                Files.writeString(routes.resolve(file.getFileName()), content);
            }
        }
        registry.add("camel.main.routes-include-pattern", () -> "file:" + routes + "/*.camel.yaml");
        registry.add("camel.main.routes-reload-directory", () -> routes.toString());
    }

    @Test
    void theRoutesFolderIsWhatRuns() {
        ApiClient api = new ApiClient(port, "sandbox-token");
        ApiClient.Response sellers = api.get("/api/sellers");
        assertThat(sellers.status()).as(sellers.body()).isEqualTo(200);
        assertThat(sellers.json().get("items")).isNotEmpty();
        assertThat(sellers.json().get("items").get(0).has("timeZone")).isTrue();
        assertThat(api.get("/api/reps").status()).isEqualTo(404);
    }

    @Test
    void aChangedRouteFileIsReloadedWhileRunning() throws IOException {
        ApiClient api = new ApiClient(port, "sandbox-token");
        assertThat(api.get("/api/openapi.json").body()).doesNotContain("Lists people, changed while running");

        Path file = routes.resolve("rest-api.camel.yaml");
        Path edited = Files.createTempFile(routes.getParent(), "rest-api-", ".edit");
        Files.writeString(edited, Files.readString(file).replace(LIST_PEOPLE, "description: Lists people, changed while running"));
        // replace the file in one step, so the watcher never sees it half written
        Files.move(edited, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        // a reload stops and restarts every route of the file: wait until it is done and all serve again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(api.get("/api/openapi.json").body()).contains("Lists people, changed while running");
            assertThat(api.get("/api/people").status()).isEqualTo(200);
            assertThat(api.get("/api/sellers").status()).isEqualTo(200);
        });
    }
}
