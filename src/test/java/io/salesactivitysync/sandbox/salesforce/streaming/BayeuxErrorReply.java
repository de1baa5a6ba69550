package io.salesactivitysync.sandbox.salesforce.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an HTTP request that never became Bayeux messages (not a POST, unreadable JSON,
 * too large): a Bayeux-style array with one unsuccessful reply, so clients read an error instead
 * of a servlet container's HTML page.
 */
final class BayeuxErrorReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BayeuxErrorReply() {
    }

    static void write(HttpServletResponse response, int status, String error) throws IOException {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("successful", false);
        reply.put("error", error);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = JSON.writeValueAsBytes(List.of(reply));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
