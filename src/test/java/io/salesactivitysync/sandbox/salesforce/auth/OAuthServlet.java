package io.salesactivitysync.sandbox.salesforce.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /services/oauth2/token} (POST) and {@code /services/oauth2/revoke} (GET or POST with
 * {@code token}), answering as Salesforce does. Each call is reported to the given hook, so the
 * admin API can count OAuth calls and inject latency.
 */
public final class OAuthServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuthTokenService tokens;
    private final SessionRegistry sessions;
    private final Runnable beforeEachCall;

    public OAuthServlet(OAuthTokenService tokens, SessionRegistry sessions, Runnable beforeEachCall) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.beforeEachCall = beforeEachCall;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        beforeEachCall.run();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/token" -> token(request, response);
            case "/revoke" -> revoke(request, response);
            default -> write(response, 404, error("not_found", "The requested resource does not exist"));
        }
    }

    private void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            write(response, 400, error("invalid_request", "must use HTTP POST"));
            return;
        }
        try {
            write(response, 200, tokens.token(request::getParameter));
        } catch (OAuthError e) {
            write(response, 400, error(e.error(), e.description()));
        }
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
            write(response, 400, error("invalid_request", "must use HTTP GET or POST"));
            return;
        }
        if (sessions.revoke(request.getParameter("token"))) {
            response.setStatus(200);
        } else {
            write(response, 400, error("invalid_token", "invalid token"));
        }
    }

    private static Map<String, Object> error(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
