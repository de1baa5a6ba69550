package io.salesactivitysync.sandbox.salesforce.streaming;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Bayeux client written against the wire with java.net.http, to see exactly what the server
 * answers: one cookie jar per client, as a browser or CometD client keeps.
 */
final class BayeuxTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http;
    private final AtomicInteger ids = new AtomicInteger();
    private String accessToken;
    private String clientId;

    BayeuxTestClient(String url, String accessToken) {
        this(url, accessToken, HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    private BayeuxTestClient(String url, String accessToken, HttpClient http) {
        this.url = url;
        this.accessToken = accessToken;
        this.http = http;
    }

    /** Another Bayeux client sharing this one's cookies, like a second tab of the same browser. */
    BayeuxTestClient sameBrowser() {
        return new BayeuxTestClient(url, accessToken, http);
    }

    String clientId() {
        return clientId;
    }

    void useClientId(String clientId) {
        this.clientId = clientId;
    }

    void useAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    Map<String, Object> handshake() {
        Map<String, Object> message = message("/meta/handshake");
        message.put("version", "1.0");
        message.put("supportedConnectionTypes", List.of("long-polling"));
        message.put("ext", Map.of("replay", true));
        Map<String, Object> reply = single(send("handshake", message));
        if (Boolean.TRUE.equals(reply.get("successful"))) {
            clientId = (String) reply.get("clientId");
        }
        return reply;
    }

    /** The first connect, which the server answers at once. */
    Map<String, Object> firstConnect() {
        Map<String, Object> message = connectMessage();
        message.put("advice", Map.of("timeout", 0));
        return single(send("connect", message));
    }

    /** A long poll: the events it brought, then the connect reply last. */
    List<Map<String, Object>> connect() {
        return send("connect", connectMessage());
    }

    Map<String, Object> subscribe(String channel, Map<String, Object> replay) {
        Map<String, Object> message = message("/meta/subscribe");
        message.put("clientId", clientId);
        message.put("subscription", channel);
        if (replay != null) {
            message.put("ext", Map.of("replay", replay));
        }
        return single(send("subscribe", message));
    }

    Map<String, Object> unsubscribe(String channel) {
        Map<String, Object> message = message("/meta/unsubscribe");
        message.put("clientId", clientId);
        message.put("subscription", channel);
        return single(send("unsubscribe", message));
    }

    Map<String, Object> disconnect() {
        Map<String, Object> message = message("/meta/disconnect");
        message.put("clientId", clientId);
        return single(send("disconnect", message));
    }

    List<Map<String, Object>> send(String messageType, Object messages) {
        HttpResponse<String> response = post(url + "/" + messageType, toJson(messages instanceof List ? messages : List.of(messages)));
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    HttpResponse<String> post(String target, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accessToken != null) {
            request.header("Authorization", "OAuth " + accessToken);
        }
        return exchange(request.build());
    }

    HttpResponse<String> get(String target) {
        return exchange(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    static List<Map<String, Object>> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON array of messages: " + json, e);
        }
    }

    static Map<String, Object> parseObject(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data messages among a connect's replies. */
    static List<Map<String, Object>> events(List<Map<String, Object>> messages) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Map<String, Object> message : messages) {
            if (!String.valueOf(message.get("channel")).startsWith("/meta/")) {
                events.add(message);
            }
        }
        return events;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> connectMessage() {
        Map<String, Object> message = message("/meta/connect");
        message.put("clientId", clientId);
        message.put("connectionType", "long-polling");
        return message;
    }

    private Map<String, Object> message(String channel) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", channel);
        message.put("id", String.valueOf(ids.incrementAndGet()));
        return message;
    }

    private static Map<String, Object> single(List<Map<String, Object>> replies) {
        if (replies.size() != 1) {
            throw new AssertionError("Expected one reply, got " + replies);
        }
        return replies.get(0);
    }
}
