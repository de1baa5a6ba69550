package io.salesactivitysync.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The body of every error the API returns, whatever produced it (a route, the token check, Spring
 * MVC's own 404/405/415):
 * <pre>{"status":400,"error":"Bad Request","message":"...","errors":[{"field":"email","message":"..."}]}</pre>
 *
 * @param status  the HTTP status code
 * @param error   the HTTP reason phrase
 * @param message what went wrong, in a sentence
 * @param errors  one entry per field with a problem; empty when the problem is not about a field
 */
public record ApiError(int status, String error, String message, List<FieldProblem> errors) {

    public static ApiError of(HttpStatus status, String message) {
        return of(status, message, List.of());
    }

    /**
     * Control characters in the message or the fields (a JSON key or a template can carry a line
     * break) become {@code ?}: the message is logged, and a line break would forge a log entry.
     * So do unpaired surrogates, which no UTF-8 response can carry.
     */
    public static ApiError of(HttpStatus status, String message, List<FieldProblem> errors) {
        return new ApiError(status.value(), status.getReasonPhrase(), printable(message),
                errors.stream().map(e -> new FieldProblem(printable(e.field()), printable(e.message()))).toList());
    }

    private static String printable(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cntrl}\\x{D800}-\\x{DFFF}]", "?");
    }

    /** The same body as a map, for Spring's error controller. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status);
        map.put("error", error);
        map.put("message", message);
        map.put("errors", errors);
        return map;
    }
}
