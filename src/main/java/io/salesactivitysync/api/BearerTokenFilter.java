package io.salesactivitysync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an {@code /api/**} request through only with {@code Authorization: Bearer <sas.api.token>};
 * answers anything else with 401, a JSON {@link ApiError} and a {@code WWW-Authenticate: Bearer}
 * challenge (RFC 6750). The comparison takes the same time whatever the presented token, and no
 * token, right or wrong, is ever logged.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    static final String REALM = "sales-activity-sync";
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final BearerToken token;
    private final ObjectMapper objectMapper;

    public BearerTokenFilter(String token, ObjectMapper objectMapper) {
        this.token = new BearerToken(token);
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = BearerToken.presentedIn(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            LOG.info("Refused {} {} from {}: no bearer token", request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
            reject(response, "Bearer realm=\"" + REALM + "\"",
                    "This API needs a bearer token: send the header Authorization: Bearer <token> (the token is sas.api.token)");
            return;
        }
        if (!matches(presented.get())) {
            LOG.warn("Refused {} {} from {}: wrong bearer token", request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
            reject(response, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"",
                    "The bearer token is not valid for this server");
            return;
        }
        chain.doFilter(request, response);
    }

    boolean matches(String presented) {
        return token.matches(presented);
    }

    private void reject(HttpServletResponse response, String challenge, String message) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), ApiError.of(HttpStatus.UNAUTHORIZED, message));
    }
}
