package io.salesactivitysync.sandbox.salesforce.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A minimal {@code /services/oauth2/*} answering like Salesforce, so the real camel-salesforce
 * client can log in to a test server that hosts only the Streaming API.
 */
final class OAuthTokenServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestAccessTokens tokens;
    private final Supplier<String> instanceUrl;

    OAuthTokenServlet(TestAccessTokens tokens, Supplier<String> instanceUrl) {
        this.tokens = tokens;
        this.instanceUrl = instanceUrl;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && request.getPathInfo().startsWith("/revoke")) {
            revoke(request, response);
            return;
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", tokens.issue());
        token.put("instance_url", instanceUrl.get());
        token.put("id", instanceUrl.get() + "/id/" + TestAccessTokens.ORG_ID + "/" + TestAccessTokens.USER_ID);
        token.put("token_type", "Bearer");
        token.put("issued_at", String.valueOf(System.currentTimeMillis()));
        token.put("signature", "c2lnbmF0dXJl");
        response.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(response.getOutputStream(), token);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        revoke(request, response);
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response) {
        String token = request.getParameter("token");
        if (token != null) {
            tokens.revoke(token);
        }
        response.setStatus(200);
    }
}
