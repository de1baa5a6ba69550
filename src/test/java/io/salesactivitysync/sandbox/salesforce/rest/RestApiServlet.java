package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.admin.ApiUsage;
import io.salesactivitysync.sandbox.salesforce.admin.FaultInjector;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import io.salesactivitysync.sandbox.salesforce.auth.AuthenticatedSession;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.TransactionOrigin;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /services/data} over HTTP: the version list, then for {@code /services/data/vNN.0/...}
 * injected latency and faults, the session check (401 {@code INVALID_SESSION_ID}), the daily limit
 * (403 {@code REQUEST_LIMIT_EXCEEDED}), and the call itself. Every answer carries
 * {@code Sforce-Limit-Info}.
 */
public final class RestApiServlet extends HttpServlet {

    public static final int OLDEST_VERSION = 50;
    public static final int NEWEST_VERSION = 62;

    // at most three digits: v99999999999.0 is an unknown version like v49.0, not a number to parse
    private static final Pattern VERSIONED = Pattern.compile("^/v(\\d{1,3})\\.0(/.*)?$");
    private static final Pattern CLIENT_OPTION = Pattern.compile("(?:^|,)\\s*client\\s*=\\s*([^,\\s]+)");
    private static final List<String> RELEASES = List.of("Winter '21", "Spring '21", "Summer '21", "Winter '22",
            "Spring '22", "Summer '22", "Winter '23", "Spring '23", "Summer '23", "Winter '24", "Spring '24",
            "Summer '24", "Winter '25");

    private final RestCallExecutor executor;
    private final AccessTokenValidator tokens;
    private final ApiUsage usage;
    private final FaultInjector faults;

    public RestApiServlet(RestCallExecutor executor, AccessTokenValidator tokens, ApiUsage usage, FaultInjector faults) {
        this.executor = executor;
        this.tokens = tokens;
        this.usage = usage;
        this.faults = faults;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // "//services/data" is "/services/data", as at Salesforce: the Salesforce CLI joins an instance URL
        // ending in a slash with a path starting with one
        String uri = request.getRequestURI().replaceFirst("^//+", "/");
        String path = uri.substring(request.getContextPath().length() + "/services/data".length());
        if (path.isEmpty() || path.equals("/")) {
            write(response, request, "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                    ? new RestResponse(200, versions(), Map.of())
                    : error(405, ApiError.of("METHOD_NOT_ALLOWED",
                            "HTTP Method '" + request.getMethod() + "' not allowed. Allowed are HEAD,GET")));
            return;
        }
        Matcher versioned = VERSIONED.matcher(path);
        if (!versioned.matches() || Integer.parseInt(versioned.group(1)) < OLDEST_VERSION
                || Integer.parseInt(versioned.group(1)) > NEWEST_VERSION) {
            write(response, request, error(404, ApiError.of("NOT_FOUND", "The requested resource does not exist")));
            return;
        }
        delay(faults.latency());
        Optional<InjectedFault> fault = faults.draw();
        if (fault.isPresent()) {
            InjectedFault injected = fault.get();
            String message = injected == InjectedFault.UNABLE_TO_LOCK_ROW ? lockMessage(request, versioned.group(2))
                    : injected.message();
            write(response, request, error(injected.status(), injected.recordLevel()
                    ? ApiError.onFields(injected.errorCode(), message, List.of())
                    : ApiError.of(injected.errorCode(), message)));
            return;
        }
        Optional<AuthenticatedSession> session = tokens.validate(bearerToken(request));
        if (session.isEmpty()) {
            write(response, request, error(401, ApiError.of("INVALID_SESSION_ID", "Session expired or invalid")));
            return;
        }
        if (!usage.tryUse()) {
            write(response, request, error(403, ApiError.of("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));
            return;
        }
        String version = versioned.group(1) + ".0";
        BodyPositions bodyPositions = new BodyPositions();
        JsonNode body;
        try {
            body = readBody(request, bodyPositions);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? ""
                    : " at [line:" + e.getLocation().getLineNr() + ", column:" + e.getLocation().getColumnNr() + "]";
            write(response, request, error(400, ApiError.of("JSON_PARSER_ERROR", e.getOriginalMessage() + location)));
            return;
        }
        RestRequest restRequest;
        try {
            restRequest = new RestRequest(request.getMethod(), version,
                    CompositeResource.segments(versioned.group(2) == null ? "" : versioned.group(2)),
                    CompositeResource.queryParameters(request.getQueryString()), body, bodyPositions,
                    session.get().userId(), request.getHeader("Sforce-Query-Options"));
        } catch (ApiException e) {
            write(response, request, new RestResponse(e.status(), JsonValues.errors(e.errors()), Map.of()));
            return;
        }
        TransactionOrigin origin = TransactionOrigin.restApi(version, clientOf(request.getHeader("Sforce-Call-Options")),
                session.get().userId());
        write(response, request, executor.execute(restRequest, origin));
    }

    /** Salesforce's lock error names the records it could not lock: here, those the request names. */
    private static String lockMessage(HttpServletRequest request, String path) throws IOException {
        JsonNode body;
        Map<String, String> parameters;
        try {
            body = readBody(request, new BodyPositions());
        } catch (JsonProcessingException e) {
            body = null;
        }
        try {
            parameters = CompositeResource.queryParameters(request.getQueryString());
        } catch (ApiException e) {
            parameters = Map.of();
        }
        return LockedRecords.message(path == null ? "" : path, parameters, body);
    }

    private static JsonNode readBody(HttpServletRequest request, BodyPositions positions) throws IOException {
        byte[] bytes = request.getInputStream().readAllBytes();
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        return positions.read(bytes);
    }

    static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        for (String scheme : List.of("Bearer ", "OAuth ")) {
            if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return trimmed.substring(scheme.length()).trim();
            }
        }
        return null;
    }

    static String clientOf(String callOptions) {
        if (callOptions == null) {
            return null;
        }
        Matcher matcher = CLIENT_OPTION.matcher(callOptions);
        return matcher.find() ? matcher.group(1) : null;
    }

    private ArrayNode versions() {
        ArrayNode list = JsonValues.array();
        for (int version = OLDEST_VERSION; version <= NEWEST_VERSION; version++) {
            ObjectNode entry = list.addObject();
            entry.put("label", RELEASES.get(version - OLDEST_VERSION));
            entry.put("url", "/services/data/v" + version + ".0");
            entry.put("version", version + ".0");
        }
        return list;
    }

    private static RestResponse error(int status, ApiError error) {
        return new RestResponse(status, JsonValues.errors(List.of(error)), Map.of());
    }

    private void write(HttpServletResponse response, HttpServletRequest request, RestResponse answer) throws IOException {
        response.setStatus(answer.status());
        response.setHeader("Sforce-Limit-Info", usage.limitInfo());
        answer.headers().forEach(response::setHeader);
        if (answer.body() != null) {
            response.setContentType("application/json;charset=UTF-8");
            if (!"HEAD".equals(request.getMethod())) {
                // X-PrettyPrint: 1 indents the answer, as Salesforce does for curl users
                var writer = request.getHeader("X-PrettyPrint") != null
                        ? JsonValues.MAPPER.writerWithDefaultPrettyPrinter() : JsonValues.MAPPER.writer();
                writer.writeValue(response.getOutputStream(), answer.body());
            }
        }
    }

    private static void delay(Duration latency) throws InterruptedIOException {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while injecting latency");
        }
    }
}
