package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.api.RepApiTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import io.salesactivitysync.RawRequest;
import io.salesactivitysync.RawRequest.Answer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API attacked as a hostile or careless client would: odd encodings, oversized bodies,
 * smuggled headers, text no database keeps, requests Tomcat refuses before Spring. Every answer
 * is a 4xx (or 5xx for what the server really does not do) in the one JSON error shape.
 */
@AppTest
class HostileRequestsTest {

    private static final String AUTH = "Authorization: Bearer " + ApiClient.TEST_TOKEN + "\r\n";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aBodyInAnotherCharsetIs415AndBytesThatAreNotUtf8Are400() {
        byte[] latin1 = ("{\"name\":\"J\u00e9r\u00f4me\",\"email\":\"" + uniqueEmail("latin") + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        assertError(post("/api/people", "application/json; charset=ISO-8859-1", latin1), 415, "charset ISO-8859-1 is not supported");
        byte[] utf16 = ("{\"name\":\"U\",\"email\":\"" + uniqueEmail("utf16") + "\"}").getBytes(StandardCharsets.UTF_16);
        assertError(post("/api/people", "application/json; charset=UTF-16", utf16), 415, "send the body in UTF-8");
        assertError(post("/api/people", "application/json", utf16), 400, "not valid UTF-8 (at byte 0)");

        byte[] stray = ("{\"name\":\"J?\",\"email\":\"" + uniqueEmail("stray") + "\"}").getBytes(StandardCharsets.US_ASCII);
        stray[10] = (byte) 0xff;
        assertError(post("/api/people", "application/json", stray), 400, "not valid UTF-8 (at byte 10)");
        assertError(post("/api/people", "application/json", latin1), 400, "not valid UTF-8");

        Response unknown = post("/api/people", "application/json; charset=foo-bar", "{}".getBytes(StandardCharsets.UTF_8));
        assertError(unknown, 415, "application/json; charset=foo-bar is not valid");
        assertThat(unknown.json().get("message").asText()).doesNotContain("missing");

        Response utf8 = post("/api/people", "application/json;charset=utf-8",
                ApiClient.toJson(object("name", "J\u00e9r\u00f4me \uD83D\uDE00", "email", uniqueEmail("utf8"))).getBytes(StandardCharsets.UTF_8));
        assertThat(utf8.status()).as(utf8.body()).isEqualTo(201);
        assertThat(utf8.json().get("name").asText()).isEqualTo("J\u00e9r\u00f4me \uD83D\uDE00");
    }

    @Test
    void nulCharactersAndUnpairedSurrogatesAreRefusedNamingTheField() {
        long rep = api.post("/api/reps", RepApiTest.rep(uniqueEmail("text"))).json().get("id").asLong();
        String path = "/api/reps/" + rep + "/settings";
        assertField(api.put(path, "{\"descriptionTemplate\":\"a\\u0000b\"}"), 400, "descriptionTemplate", "NUL character");
        assertField(api.put(path, "{\"subjectTemplate\":\"a\\ud800b\"}"), 400, "subjectTemplate", "unpaired surrogate (\\ud800)");
        assertField(api.put(path, "{\"subjectTemplate\":\"a\\udc00\"}"), 400, "subjectTemplate", "unpaired surrogate");
        assertField(api.post("/api/reps", "{\"email\":\"x@test.example\",\"name\":\"N\",\"timeZone\":\"UTC\",\"aliases\":[\"a\\ud800@test.example\"]}"),
                400, "aliases[0]", "unpaired surrogate");
        // an unknown field whose name holds a lone surrogate still gets a readable (valid JSON) answer
        Response key = api.put(path, "{\"x\\ud800\":true}");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.json()).as(key.body()).isNotNull();
        // a surrogate pair (an emoji) is text like any other
        assertThat(api.put(path, "{\"subjectTemplate\":\"\\ud83d\\ude00 {{activity_subject}}\"}").status()).isEqualTo(200);
        assertThat(api.get("/api/reps?size=100").json()).as("the list still parses").isNotNull();
    }

    @Test
    void aBodyAboveTheLimitIs413BeforeItIsRead() {
        String headPrefix = "POST /api/people HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "Content-Type: application/json\r\n";
        // 200 MB announced, 64 KB sent: the answer comes without the rest
        Answer announced = RawRequest.send(port, (headPrefix + "Content-Length: 209715200\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                "{\"name\":\"".getBytes(StandardCharsets.UTF_8), 64 * 1024);
        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.json().get("message").asText()).contains("larger than 1048576 bytes");

        // no length announced: refused once the body passes the limit, not after reading all of it
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        Answer streamed = RawRequest.send(port, (headPrefix + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                chunked.toByteArray(), 0);
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.header("Content-Type")).startsWith("application/json");

        // just under the limit is read, and judged as JSON
        Response big = api.post("/api/people", "{\"name\":\"" + "x".repeat(1_000_000) + "\"}");
        assertField(big, 400, "name", "at most 200 characters");
    }

    @Test
    void requestHeadersNeverReachTheResponseOrActAsParameters() {
        Response response = api.send(api.request("/api/reps").header("Location", "http://evil.example/")
                .header("size", "1").header("page", "3").header("X-Probe", "probe").GET());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Location")).isNull();
        assertThat(response.json().at("/page/size").asInt()).as("a size header is not ?size=").isEqualTo(20);
        assertThat(response.json().at("/page/number").asInt()).isZero();

        Response query = api.get("/api/reps?size=1&Location=http://evil.example/&CamelHttpResponseCode=302");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.header("Location")).isNull();
        assertThat(query.json().at("/page/size").asInt()).isEqualTo(1);

        long id = api.post("/api/reps", RepApiTest.rep(uniqueEmail("path-id"))).json().get("id").asLong();
        assertThat(api.get("/api/reps/" + id + "?id=987654321").json().get("id").asLong()).as("?id= does not override the path").isEqualTo(id);
    }

    @Test
    void everyAnswerIsJsonWhateverTheClientAccepts() {
        for (String accept : List.of("text/html", "application/xml")) {
            Response response = api.send(api.request("/api/reps").header("Accept", accept).GET());
            assertError(response, 406, "No response matches the Accept header");
        }
        Response root = api.send(api.unauthenticated("/").header("Accept", "text/html").GET());
        assertError(root, 404, "No resource at GET /");
        Response actuator = api.send(api.unauthenticated("/actuator/nope").header("Accept", "text/html").GET());
        assertError(actuator, 404, "No resource");
        Response patch = api.send(api.request("/api/reps/1").header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{}")));
        assertError(patch, 405, "PATCH is not supported");
        assertThat(api.send(api.request("/api/reps").method("HEAD", BodyPublishers.noBody())).status()).isEqualTo(200);
    }

    @Test
    void requestsTomcatRefusesAreAnsweredInJsonToo() {
        for (String path : List.of("/api/reps%2F1", "/api/reps%5C1", "/api/reps%001", "/api/a b")) {
            Answer answer = RawRequest.send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "Connection: close\r\n\r\n");
            assertRaw(answer, 400, path);
        }
        assertRaw(RawRequest.send(port, "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 501, "CONNECT");
        Answer trace = RawRequest.send(port, "TRACE /api/reps HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "Connection: close\r\n\r\n");
        assertRaw(trace, 405, "TRACE");
        assertThat(trace.body()).doesNotContain(ApiClient.TEST_TOKEN);
    }

    @Test
    void compressedOrUntypedBodiesAre415() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(ApiClient.toJson(object("name", "Zip", "email", uniqueEmail("zip"))).getBytes(StandardCharsets.UTF_8));
        }
        Response gzip = api.send(api.request("/api/people").header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(BodyPublishers.ofByteArray(gzipped.toByteArray())));
        assertError(gzip, 415, "Content-Encoding gzip is not supported");

        Answer empty = RawRequest.send(port, "POST /api/people HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: \r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertRaw(empty, 415, "empty Content-Type");
    }

    @Test
    void deeplyNestedJsonHugeNumbersAndDuplicateKeysAre400() {
        String deep = "{\"aliases\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Response nested = api.post("/api/reps", deep);
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.json().get("status").asInt()).isEqualTo(400);

        assertField(api.put("/api/settings", "{\"logCalls\": 1e999999999}"), 400, "logCalls", "must be true or false");
        assertField(api.post("/api/reps", "{\"email\": 123456789012345678901234567890}"), 400, "email", "must be a string");
        assertField(api.get("/api/reps?size=99999999999999999999"), 400, "size", "whole number");
        assertThat(api.post("/api/reps", "{\"email\":\"a@test.example\",\"email\":\"b@test.example\"}").json()
                .get("message").asText()).contains("Duplicate field 'email'");
    }

    private Response post(String path, String contentType, byte[] body) {
        return api.send(api.request(path).header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body)));
    }

    private static void assertError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json()).as(response.body()).isNotNull();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).contains(messagePart);
        assertThat(response.json().get("errors").isArray()).isTrue();
    }

    private static void assertRaw(Answer answer, int status, String what) {
        assertThat(answer.status()).as(what + ": " + answer.headers() + "\n" + answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(answer.json().get("status").asInt()).as(what).isEqualTo(status);
        assertThat(answer.json().get("message").asText()).as(what).isNotBlank();
        assertThat(answer.body()).as(what).doesNotContain("<html").doesNotContain("Exception");
    }
}
