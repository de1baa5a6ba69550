package io.salesactivitysync.sandbox.salesforce.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.rest.RestResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The sandbox admin API, JSON over HTTP under {@code /sandbox/admin}, on the emulator's own port,
 * which belongs to a sandbox, never to a real org. Reading is open; a call that changes state
 * needs the admin token or a JSON body from no web page but the emulator's own ({@link AdminAccess}).
 *
 * <pre>
 * GET    /sandbox/admin                       state: clock, usage, faults, calls, sessions, streaming
 * POST   /sandbox/admin/faults                {"fault":"SERVER_UNAVAILABLE|REQUEST_LIMIT_EXCEEDED|UNABLE_TO_LOCK_ROW",
 *                                              "next":N} or {"fault":..., "share":0.25, "seed":1}
 * DELETE /sandbox/admin/faults                clears faults and latency
 * PUT    /sandbox/admin/latency               {"millis":250}
 * POST   /sandbox/admin/sessions/expire       every access token stops working
 * POST   /sandbox/admin/refresh-tokens        {"username":"..."} gives {"refresh_token":"..."}
 * POST   /sandbox/admin/streaming/drop-clients
 * POST   /sandbox/admin/streaming/restart     (409 when the emulator has no Streaming API)
 * GET    /sandbox/admin/api-calls             counts by kind; DELETE resets them
 * PUT    /sandbox/admin/api-usage             {"used":14990} sets today's DailyApiRequests usage
 * GET    /sandbox/admin/clock                 POST /sandbox/admin/clock/advance {"duration":"PT25H"}
 * GET    /sandbox/admin/field-security        PUT {"sObject":"Task","field":"Priority","editable":false}
 * POST   /sandbox/admin/write-as              {"username":"rep@sandbox.example","method":"PATCH",
 *                                              "path":"sobjects/Task/00T...","body":{...}}
 * </pre>
 */
public final class AdminServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorAdmin admin;
    private final java.util.function.Supplier<String> baseUrl;
    private final AdminAccess access;

    /** @param adminToken what a state-changing call may carry instead of a same-origin JSON body */
    public AdminServlet(EmulatorAdmin admin, java.util.function.Supplier<String> baseUrl, String adminToken) {
        this.admin = admin;
        this.baseUrl = baseUrl;
        this.access = new AdminAccess(adminToken, baseUrl);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        var refusal = access.refusal(request);
        if (refusal.isPresent()) {
            write(response, refusal.get().status(), Map.of("error", refusal.get().message()));
            return;
        }
        try {
            JsonNode body = readBody(request);
            Object answer = switch (method + " " + path) {
                case "GET ", "GET /" -> state();
                case "POST /faults" -> injectFault(body);
                case "DELETE /faults" -> run(admin::clearFaults);
                case "PUT /latency" -> run(() -> admin.setLatency(Duration.ofMillis(required(body, "millis").asLong())));
                case "POST /sessions/expire" -> run(admin::expireAllSessions);
                case "POST /refresh-tokens" -> Map.of("refresh_token",
                        admin.issueRefreshToken(required(body, "username").asText()));
                case "POST /streaming/drop-clients" -> run(admin::dropStreamingClients);
                case "POST /streaming/restart" -> run(admin::restartStreaming);
                case "PUT /streaming/gap-events" -> run(() -> admin.gapEvents(required(body, "on").asBoolean()));
                case "GET /api-calls" -> admin.calls().snapshot();
                case "DELETE /api-calls" -> run(() -> admin.calls().reset());
                case "PUT /api-usage" -> run(() -> admin.usage().setUsed(required(body, "used").asInt()));
                case "GET /clock" -> clock();
                case "POST /clock/advance" -> advanceClock(body);
                case "GET /field-security" -> Map.of("readOnlyFields", admin.fieldLevelSecurity().readOnlyFields());
                case "PUT /field-security" -> run(() -> admin.setFieldEditable(required(body, "sObject").asText(),
                        required(body, "field").asText(), required(body, "editable").asBoolean()));
                case "POST /write-as" -> writeAs(body);
                default -> throw new NoSuchElementException("No admin resource " + method + " /sandbox/admin" + path);
            };
            write(response, 200, answer);
        } catch (NoSuchElementException e) {
            write(response, 404, Map.of("error", e.getMessage()));
        } catch (IllegalStateException e) {
            write(response, 409, Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            write(response, 400, Map.of("error", e.getMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            write(response, 400, Map.of("error", "Bad JSON: " + e.getOriginalMessage()));
        }
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("baseUrl", baseUrl.get());
        state.put("clock", clock());
        state.put("apiUsage", admin.usage().limitInfo());
        state.put("faults", admin.faultState());
        state.put("apiCalls", admin.calls().snapshot());
        state.put("liveSessions", admin.liveSessions());
        state.put("streaming", admin.streaming().map(s -> (Object) Map.of("connectedClients", s.connectedClients()))
                .orElse("absent"));
        state.put("readOnlyFields", admin.fieldLevelSecurity().readOnlyFields());
        return state;
    }

    private Map<String, Object> injectFault(JsonNode body) {
        InjectedFault fault = InjectedFault.valueOf(required(body, "fault").asText());
        if (body.has("next")) {
            admin.failNext(body.get("next").asInt(), fault);
        } else if (body.has("share")) {
            admin.failShare(body.get("share").asDouble(), fault, body.path("seed").asLong(0));
        } else {
            throw new IllegalArgumentException("Give \"next\" (a count) or \"share\" (0..1)");
        }
        return admin.faultState();
    }

    private Map<String, Object> clock() {
        return Map.of("now", admin.clock().instant().toString(), "offset", admin.clock().offset().toString());
    }

    private Map<String, Object> advanceClock(JsonNode body) {
        Duration duration = body.has("seconds") ? Duration.ofSeconds(body.get("seconds").asLong())
                : Duration.parse(required(body, "duration").asText());
        admin.advanceClock(duration);
        return clock();
    }

    private Map<String, Object> writeAs(JsonNode body) {
        RestResponse result = admin.writeAs(required(body, "username").asText(), required(body, "method").asText(),
                required(body, "path").asText(), body.get("body"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", result.status());
        answer.put("body", result.body());
        return answer;
    }

    private static Map<String, Object> run(Runnable action) {
        action.run();
        return Map.of("done", true);
    }

    private static JsonNode required(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Missing \"" + name + "\" in the request body");
        }
        return value;
    }

    private static JsonNode readBody(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(response.getOutputStream(), body instanceof ObjectNode node ? node : body);
    }
}
