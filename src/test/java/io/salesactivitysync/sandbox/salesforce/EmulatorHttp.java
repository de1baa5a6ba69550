package io.salesactivitysync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain HTTP against a running emulator, for tests that check exact status codes and bodies. */
final class EmulatorHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "v56.0";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private String accessToken;

    /** A status, the headers, and the body as JSON (null when empty). */
    record Result(int status, java.net.http.HttpHeaders headers, JsonNode body, String text) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    EmulatorHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    EmulatorHttp login(String username, String password) {
        Result result = token(Map.of("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", username, "password", password));
        if (result.status() != 200) {
            throw new IllegalStateException("login failed: " + result.text());
        }
        accessToken = result.body().get("access_token").asText();
        return this;
    }

    EmulatorHttp loginAsIntegrationUser() {
        return login("integration@sandbox.example", "sandbox");
    }

    void useToken(String token) {
        accessToken = token;
    }

    String accessToken() {
        return accessToken;
    }

    Result token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A call under {@code /services/data/v56.0/}. */
    Result api(String method, String path, String jsonBody, String... headers) {
        return raw(method, "/services/data/" + VERSION + "/" + path, jsonBody, headers);
    }

    Result raw(String method, String path, String jsonBody, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (!java.util.Arrays.asList(headers).contains("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    Result query(String soql) {
        return api("GET", "query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20"), null);
    }

    Result admin(String method, String path, String jsonBody) {
        String saved = accessToken;
        accessToken = null;
        try {
            return raw(method, "/sandbox/admin" + path, jsonBody);
        } finally {
            accessToken = saved;
        }
    }

    private Result send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = !json || text == null || text.isBlank() ? null : JSON.readTree(text);
            return new Result(response.statusCode(), response.headers(), body, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
