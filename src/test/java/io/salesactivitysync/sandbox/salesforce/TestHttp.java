package io.salesactivitysync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A public face of {@link EmulatorHttp} for tests in sub-packages: plain HTTP with one user's token. */
public final class TestHttp {

    private final EmulatorHttp http;

    /** A status, headers and body. */
    public record Response(int status, JsonNode body, String text, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public TestHttp(String baseUrl, String token) {
        this.http = new EmulatorHttp(baseUrl);
        if (token != null) {
            http.useToken(token);
        }
    }

    public static TestHttp loggedIn(String baseUrl, String username) {
        EmulatorHttp http = new EmulatorHttp(baseUrl).login(username, "sandbox");
        return new TestHttp(baseUrl, http.accessToken());
    }

    /** A fresh access token for the user (password {@code sandbox}). */
    public static String accessToken(String baseUrl, String username) {
        return new EmulatorHttp(baseUrl).login(username, "sandbox").accessToken();
    }

    public Response api(String method, String path, String json, String... headers) {
        return of(http.api(method, path, json, headers));
    }

    public Response raw(String method, String path, String json, String... headers) {
        return of(http.raw(method, path, json, headers));
    }

    /** {@code GET query/?q=} with the statement URL-encoded. */
    public Response query(String soql) {
        return of(http.query(soql));
    }

    public Response admin(String method, String path, String json) {
        return of(http.admin(method, path, json));
    }

    public Response token(Map<String, String> form) {
        return of(http.token(form));
    }

    private static Response of(EmulatorHttp.Result result) {
        return new Response(result.status(), result.body(), result.text(), result.headers());
    }
}
