package io.salesactivitysync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks what the routes cannot check cheaply, before any route runs, and answers with the API's
 * JSON error:
 * <ul>
 *   <li>503 with {@code Retry-After} until the routes are up (and while they stop);</li>
 *   <li>415 for a body in another charset than UTF-8, an unparsable Content-Type, or a
 *       Content-Encoding (gzip, ...) the API does not decode;</li>
 *   <li>413 for a body above {@code sas.api.max-body-size}, told by its Content-Length before
 *       reading it, or while reading a body of unknown length, never holding more than the limit;</li>
 *   <li>400 for a body that is not valid UTF-8.</li>
 * </ul>
 * What passes goes on as a {@link CheckedApiRequest}: the body already read and decoded, and only
 * the request headers the API reads.
 */
public class ApiRequestGuard extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestGuard.class);

    private final ApiProperties properties;
    private final BooleanSupplier routesReady;
    private final ObjectMapper objectMapper;

    public ApiRequestGuard(ApiProperties properties, BooleanSupplier routesReady, ObjectMapper objectMapper) {
        this.properties = properties;
        this.routesReady = routesReady;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!routesReady.getAsBoolean()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfterSeconds()));
            reject(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The API is starting or stopping; try again in " + properties.retryAfterSeconds() + " seconds");
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            reject(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding.strip() + " is not supported; send the body uncompressed");
            return;
        }
        String problem = charsetProblem(request.getContentType());
        if (problem != null) {
            reject(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem);
            return;
        }
        boolean batch = request.getRequestURI().endsWith("/batch");
        long limit = (batch ? properties.maxBatchBodySize() : properties.maxBodySize()).toBytes();
        String setting = batch ? "sas.api.max-batch-body-size" : "sas.api.max-body-size";
        if (request.getContentLengthLong() > limit) {
            LOG.info("Refused {} {}: a body of {} bytes is above {} ({} bytes)",
                    request.getMethod(), request.getRequestURI(), request.getContentLengthLong(), setting, limit);
            reject(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(limit, setting));
            return;
        }
        byte[] body = read(request.getInputStream(), limit);
        if (body == null) {
            LOG.info("Refused {} {}: the body went past {} ({} bytes)",
                    request.getMethod(), request.getRequestURI(), setting, limit);
            reject(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(limit, setting));
            return;
        }
        int invalidAt = Utf8.firstInvalidByte(body);
        if (invalidAt >= 0) {
            reject(response, HttpStatus.BAD_REQUEST, "The request body is not valid UTF-8 (at byte " + invalidAt
                    + "); send JSON encoded in UTF-8");
            return;
        }
        chain.doFilter(new CheckedApiRequest(request, body), response);
    }

    /** What is wrong with the Content-Type's charset, or null when there is none or it is UTF-8. */
    static String charsetProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "Content-Type " + printable(contentType) + " is not valid (" + printable(e.getMessage())
                    + "); send application/json";
        }
        String charset = type.getParameter("charset");
        if (charset == null) {
            return null;
        }
        Charset named = type.getCharset();
        if (!StandardCharsets.UTF_8.equals(named)) {
            return "The charset " + printable(charset) + " is not supported; send the body in UTF-8"
                    + " (Content-Type: application/json or application/json; charset=UTF-8)";
        }
        return null;
    }

    /** The whole body, or null when it is longer than the limit (then at most limit + 1 bytes were read). */
    static byte[] read(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        return body.length > limit ? null : body;
    }

    private static String tooLarge(long limit, String setting) {
        return "The request body is larger than " + limit + " bytes (" + setting + ")";
    }

    private static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private void reject(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), ApiError.of(status, message));
    }
}
