package io.salesactivitysync.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's files over real HTTP: served under /console/ without a token, and nothing else
 * becomes a static path; every other unknown path keeps the JSON 404, and /api keeps its token.
 */
@AppTest
class ConsoleResourcesTest {

    private static final List<String> FILES = List.of("index.html", "console.js", "console.css", "api.js", "dom.js",
            "lookups.js", "health.js", "activities.js", "settings.js", "command-center.js", "diagnostics.js");

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void slashConsoleRedirectsToTheFolderAndTheFolderIsThePage() {
        Response redirect = api.send(api.unauthenticated("/console").GET());
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/console/");

        Response page = api.send(api.unauthenticated("/console/").header("Accept", "text/html").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\"></script>");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void everyFileIsServedWithoutATokenAndWithItsType() {
        for (String file : FILES) {
            Response response = api.send(api.unauthenticated("/console/" + file).GET());
            assertThat(response.status()).as(file).isEqualTo(200);
            String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
            assertThat(response.header("Content-Type")).as(file).startsWith(type);
        }
    }

    @Test
    void unknownPathsStillAnswerTheJson404() {
        for (String path : List.of("/console/nope.js", "/console/static/console/index.html", "/nope", "/index.html",
                "/static/console/index.html", "/console.js", "/favicon.ico", "/console/../application.yml")) {
            Response response = api.send(api.unauthenticated(path).header("Accept", "text/html").GET());
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(response.json().get("status").asInt()).as(path).isEqualTo(404);
            assertThat(response.json().has("errors")).as(path).isTrue();
        }
    }

    @Test
    void theApiStillNeedsItsToken() {
        Response anonymous = api.send(api.unauthenticated("/api/reps").GET());
        assertThat(anonymous.status()).isEqualTo(401);
        Response post = api.send(api.unauthenticated("/console/index.html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json().get("status").asInt()).isEqualTo(405);
    }
}
