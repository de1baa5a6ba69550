package io.salesactivitysync.sandbox.salesforce.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may change the sandbox through {@code /sandbox/admin}. Reading is open. A call that changes
 * state carries the admin token ({@code Authorization: Bearer <token>} or {@code X-Admin-Token}),
 * or is JSON sent from no web page or from the emulator's own origin. A web page elsewhere can
 * send a cross-site {@code text/plain} or form POST without asking, but neither a JSON body nor a
 * header of its own without a CORS preflight the emulator never grants, and its Origin gives it away.
 */
final class AdminAccess {

    private static final Set<String> READING = Set.of("GET", "HEAD");

    private final byte[] token;
    private final Supplier<String> baseUrl;

    AdminAccess(String token, Supplier<String> baseUrl) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.baseUrl = baseUrl;
    }

    /** Why the request may not go ahead, or empty when it may. */
    Optional<Refusal> refusal(HttpServletRequest request) {
        if (READING.contains(request.getMethod())) {
            return Optional.empty();
        }
        String given = givenToken(request);
        if (given != null) {
            return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8)) ? Optional.empty()
                    : Optional.of(new Refusal(403, "Wrong admin token"));
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !isOwnOrigin(origin, request.getLocalPort())) {
            return Optional.of(new Refusal(403, "A call from the web page at " + origin + " needs the admin token "
                    + "(Authorization: Bearer <token>, printed when the sandbox starts)"));
        }
        if (!isJson(request.getContentType())) {
            return Optional.of(new Refusal(415, "Send Content-Type: application/json, or the admin token "
                    + "(Authorization: Bearer <token>, printed when the sandbox starts)"));
        }
        return Optional.empty();
    }

    private static String givenToken(HttpServletRequest request) {
        String header = request.getHeader("X-Admin-Token");
        if (header != null) {
            return header.strip();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private boolean isOwnOrigin(String origin, int port) {
        String lower = origin.toLowerCase(Locale.ROOT);
        return lower.equals(baseUrl.get().toLowerCase(Locale.ROOT))
                || Set.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port).contains(lower);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    /** A refused call: 403 or 415, and the sentence that says what to do. */
    record Refusal(int status, String message) {
    }
}
