package io.salesactivitysync.actuator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.api.ApiError;
import io.salesactivitysync.api.BearerToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code /actuator/**} stays open to anonymous callers (health status, liveness and readiness
 * probes, route states), but a request with {@code Authorization: Bearer <sas.api.token>} becomes
 * an authenticated one: its {@link HttpServletRequest#getUserPrincipal() principal} is what Spring
 * Boot's {@code show-details: when-authorized} looks at, without Spring Security. Any other
 * {@code Authorization} header is refused with 401, so a wrong token is never mistaken for no token.
 * {@code /actuator/metrics} (activity counts, Salesforce API usage) answers only the token holder.
 *
 * <p>Actuator answers "nothing here" (a health component hidden from an anonymous caller, an
 * unknown health path) with an empty 404; those get the project's JSON error body like every
 * other error.
 */
public class ActuatorTokenFilter extends OncePerRequestFilter {

    /** The principal of a request that presented the API token. */
    static final Principal TOKEN_HOLDER = () -> "sas-api-token";
    private static final String REALM = "sales-activity-sync";
    private static final Logger LOG = LoggerFactory.getLogger(ActuatorTokenFilter.class);

    private final BearerToken token;
    private final ObjectMapper objectMapper;

    public ActuatorTokenFilter(BearerToken token, ObjectMapper objectMapper) {
        this.token = token;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean tokenHolder = authorization != null;
        if (tokenHolder && !BearerToken.presentedIn(authorization).map(token::matches).orElse(false)) {
            LOG.warn("Refused {} {} from {}: wrong bearer token", request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            writeError(response, HttpStatus.UNAUTHORIZED,
                    "The bearer token is not valid for this server; leave the Authorization header out to see the status alone");
            return;
        }
        if (!tokenHolder && isMetrics(request)) {
            LOG.info("Refused {} {} from {}: no bearer token", request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
            writeError(response, HttpStatus.UNAUTHORIZED,
                    "Metrics need a bearer token: send the header Authorization: Bearer <token> (the token is sas.api.token)");
            return;
        }
        ErrorTrackingResponse buffered = new ErrorTrackingResponse(response);
        chain.doFilter(tokenHolder ? new TokenHolderRequest(request) : request, buffered);
        HttpStatus status = HttpStatus.resolve(buffered.getStatus());
        if (!buffered.errorSent && buffered.getContentSize() == 0 && status != null && status.isError()) {
            writeError(response, status, status == HttpStatus.NOT_FOUND ? notFound(request, tokenHolder) : status.getReasonPhrase());
        } else {
            buffered.copyBodyToResponse();
        }
    }

    private static boolean isMetrics(HttpServletRequest request) {
        String path = request.getRequestURI();
        int at = path.indexOf("/metrics");
        return at >= 0 && (path.length() == at + "/metrics".length() || path.charAt(at + "/metrics".length()) == '/')
                && path.substring(0, at).endsWith("/actuator");
    }

    private static String notFound(HttpServletRequest request, boolean tokenHolder) {
        String message = "No resource at " + request.getMethod() + " " + request.getRequestURI();
        return tokenHolder || !request.getRequestURI().contains("/health/") ? message
                : message + "; health components are shown only to callers that send Authorization: Bearer <sas.api.token>";
    }

    private void writeError(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), ApiError.of(status, message));
    }

    /** Holds the body back until the filter has seen the status; knows whether the error page will answer. */
    private static final class ErrorTrackingResponse extends ContentCachingResponseWrapper {

        private boolean errorSent;

        ErrorTrackingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }
    }

    private static final class TokenHolderRequest extends HttpServletRequestWrapper {

        TokenHolderRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return TOKEN_HOLDER;
        }

        @Override
        public String getRemoteUser() {
            return TOKEN_HOLDER.getName();
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }
    }
}
