package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each class of error the API answers, over real HTTP: all with the same JSON shape
 * {status, error, message, errors[]}.
 */
@AppTest
class ApiErrorResponsesTest {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void withoutATokenEveryApiPathAnswers401WithABearerChallenge() {
        for (String path : List.of("/api/reps", "/api/people/1", "/api/settings", "/api/tasks", "/api/tasks/1/history",
                "/api/command-center?rep=1", "/api/openapi.json", "/api/no-such-thing")) {
            Response response = api.send(api.unauthenticated(path).GET());
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(path).isEqualTo("Bearer realm=\"sales-activity-sync\"");
            assertError(response, 401, "Unauthorized");
            assertThat(response.json().get("message").asText()).contains("Authorization: Bearer");
        }
        Response post = api.send(api.unauthenticated("/api/reps").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(ApiClient.toJson(RepApiTest.rep(uniqueEmail("anonymous"))))));
        assertThat(post.status()).isEqualTo(401);
    }

    @Test
    void aWrongTokenAnswers401AndTheTokenIsNotEchoed() {
        for (String authorization : List.of("Bearer wrong-token", "Bearer " + ApiClient.TEST_TOKEN + "x",
                "Bearer " + ApiClient.TEST_TOKEN.substring(1), "Basic dXNlcjpwYXNz", "Bearer ")) {
            Response response = api.send(api.unauthenticated("/api/reps").header("Authorization", authorization).GET());
            assertThat(response.status()).as(authorization).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(authorization).startsWith("Bearer realm=\"sales-activity-sync\"");
            assertThat(response.body()).doesNotContain("wrong-token");
        }
        Response wrong = api.send(api.unauthenticated("/api/reps").header("Authorization", "Bearer wrong-token").GET());
        assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        // the scheme is case-insensitive (RFC 7235)
        Response lowerCase = api.send(api.unauthenticated("/api/settings").header("Authorization", "bearer " + ApiClient.TEST_TOKEN).GET());
        assertThat(lowerCase.status()).isEqualTo(200);
    }

    @Test
    void requestHeadersAndTheTokenAreNotWrittenBackIntoResponses() {
        Response response = api.send(api.request("/api/reps?page=0&size=1").header("X-Probe", "probe-value").GET());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("authorization")
                || name.equalsIgnoreCase("x-probe") || name.equalsIgnoreCase("page") || name.equalsIgnoreCase("size"));
        assertThat(response.headers().map().values().toString()).doesNotContain(ApiClient.TEST_TOKEN);
    }

    @Test
    void malformedJsonAnswers400WithLineAndColumn() {
        Response response = api.post("/api/reps", "{\n  \"email\": \"a@test.example\",\n  \"name\": \n}");
        assertError(response, 400, "Bad Request");
        assertThat(response.json().get("message").asText())
                .startsWith("Malformed JSON at line 4, column 1:")
                .contains("Unexpected character ('}'");

        assertThat(api.post("/api/reps", "{\"email\": \"a@test.example\"} trailing").json().get("message").asText())
                .startsWith("Malformed JSON at line 1");
        assertThat(api.post("/api/reps", "{\"name\": \"A\", \"name\": \"B\"}").json().get("message").asText())
                .contains("Duplicate field 'name'");
        assertThat(api.post("/api/reps", "[1, 2]").json().get("message").asText())
                .isEqualTo("The request body must be a JSON object at line 1, column 1");
        assertThat(api.post("/api/reps", "null").json().get("message").asText())
                .isEqualTo("The request body must be a JSON object, not null");
        assertThat(api.post("/api/reps", "").json().get("message").asText())
                .isEqualTo("The request body is empty: send a JSON object");
    }

    @Test
    void aFieldOfTheWrongJsonTypeAnswers400NamingTheField() {
        RepApiTest.assertField(api.post("/api/reps", object("email", 42, "name", "N", "timeZone", "UTC")),
                400, "email", "must be a string");
        RepApiTest.assertField(api.post("/api/reps", object("email", uniqueEmail("a"), "name", "N", "timeZone", "UTC",
                "aliases", "not-a-list@test.example")), 400, "aliases", "must be an array");
        RepApiTest.assertField(api.post("/api/reps", object("email", uniqueEmail("a"), "name", "N", "timeZone", "UTC",
                "aliases", List.of(List.of()))), 400, "aliases[0]", "must be a string");
        RepApiTest.assertField(api.post("/api/reps", object("email", uniqueEmail("a"), "name", "N", "timeZone", "UTC",
                "role", "admin")), 400, "role", "is not a known field");
    }

    @Test
    void aWrongContentTypeAnswers415() {
        Response text = api.send(api.request("/api/reps").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("{}")));
        assertError(text, 415, "Unsupported Media Type");
        assertThat(text.json().get("message").asText()).isEqualTo("Content-Type text/plain is not supported; send application/json");

        Response form = api.send(api.request("/api/settings").header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(BodyPublishers.ofString("logCalls=false")));
        assertError(form, 415, "Unsupported Media Type");

        Response none = api.send(api.request("/api/people").POST(BodyPublishers.ofString("{}")));
        assertError(none, 415, "Unsupported Media Type");
        assertThat(none.json().get("message").asText()).startsWith("The Content-Type header is missing");

        Response withCharset = api.send(api.request("/api/people").header("Content-Type", "application/json; charset=UTF-8")
                .POST(BodyPublishers.ofString(ApiClient.toJson(object("name", "Ünïcode Person", "email", uniqueEmail("utf8"))))));
        assertThat(withCharset.status()).as(withCharset.body()).isEqualTo(201);
        assertThat(withCharset.json().get("name").asText()).isEqualTo("Ünïcode Person");
    }

    @Test
    void anUnknownRouteAnswers404AndAnUnsupportedMethod405() {
        Response unknown = api.get("/api/no-such-thing");
        assertError(unknown, 404, "Not Found");
        assertThat(unknown.json().get("message").asText()).isEqualTo("No resource at GET /api/no-such-thing");

        Response method = api.send(api.request("/api/settings").DELETE());
        assertError(method, 405, "Method Not Allowed");
        assertThat(method.json().get("message").asText()).contains("DELETE is not supported").contains("GET").contains("PUT");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Response document = api.get("/api/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/api/reps", "/api/reps/{id}", "/api/reps/{id}/settings",
                "/api/people", "/api/people/{id}", "/api/settings", "/api/tasks", "/api/tasks/{id}", "/api/tasks/{id}/complete",
                "/api/tasks/{id}/reopen", "/api/tasks/{id}/history", "/api/command-center");
        assertThat(paths.at("/~1api~1reps/post/operationId").asText()).isEqualTo("create-rep");
        assertThat(document.json().at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.json().at("/components/schemas/ApiError/properties").has("errors")).isTrue();
        assertThat(document.json().at("/components/schemas/RepFields/properties").has("timeZone")).isTrue();
    }

    private static void assertError(Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
        assertThat(response.json().get("message").asText()).isNotBlank();
        assertThat(response.json().get("errors").isArray()).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
