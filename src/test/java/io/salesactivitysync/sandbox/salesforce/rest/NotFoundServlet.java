package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** Every path the emulator does not serve: 404 in Salesforce's error array shape. */
public final class NotFoundServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("application/json;charset=UTF-8");
        JsonValues.MAPPER.writeValue(response.getOutputStream(),
                JsonValues.errors(List.of(ApiError.of("NOT_FOUND", "The requested resource does not exist"))));
    }
}
