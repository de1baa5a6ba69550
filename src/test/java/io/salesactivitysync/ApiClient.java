package io.salesactivitysync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Real HTTP calls to the application under test, as a client of the REST API would make them. */
public final class ApiClient {

    public static final String TEST_TOKEN = "test-token-0123456789abcdef0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String token;

    public ApiClient(int port) {
        this(port, TEST_TOKEN);
    }

    public ApiClient(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    /** A response: its status, headers, raw body and the body parsed as JSON (null when empty). */
    public record Response(int status, HttpHeaders headers, String body, JsonNode json) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, Object body) {
        return post(path, toJson(body));
    }

    public Response put(String path, Object body) {
        return put(path, toJson(body));
    }

    /** Any request, e.g. without a token or with an odd content type. */
    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() ? null : parse(body);
            return new Response(response.statusCode(), response.headers(), body, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the path with the bearer token set. */
    public HttpRequest.Builder request(String path) {
        return unauthenticated(path).header("Authorization", "Bearer " + token);
    }

    public HttpRequest.Builder unauthenticated(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A fresh e-mail address, so that tests sharing a database never collide. */
    public static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    /** A fresh, valid 18-character Salesforce id of the object type with the given key prefix. */
    public static String uniqueSalesforceId(String keyPrefix) {
        long digits = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L);
        return io.salesactivitysync.salesforce.SalesforceId.toLongForm(keyPrefix + String.format("%012d", digits));
    }

    /** A JSON object from alternating keys and values; null values are kept. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
