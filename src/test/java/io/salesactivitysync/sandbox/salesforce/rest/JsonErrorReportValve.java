package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * The emulator's Tomcat host answers the errors it raises itself in Salesforce's error array
 * instead of Tomcat's HTML page, so no client ever has to parse HTML from the emulator: a request
 * line or URI Tomcat refuses (a raw space, a bad {@code %} escape in the path) is 400
 * {@code BAD_REQUEST} with Tomcat's reason, an unmapped path 404 {@code NOT_FOUND}, a servlet that
 * failed 500 {@code UNKNOWN_EXCEPTION}. (Salesforce's own front end answers the first kind with a
 * plain "Bad Message 400" page; the issue asks for JSON everywhere.)
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json;charset=UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                ApiError error = errorFor(status, response.getMessage(), request.getMethod());
                writer.write(JsonValues.MAPPER.writeValueAsString(JsonValues.errors(List.of(error))));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    static ApiError errorFor(int status, String reason, String method) {
        return switch (status) {
            case 404 -> ApiError.of("NOT_FOUND", "The requested resource does not exist");
            case 405 -> ApiError.of("METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed.");
            default -> status >= 500
                    ? ApiError.of("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if "
                            + "you contact support: " + Math.abs(System.nanoTime() % 1_000_000_000L) + "-0")
                    : ApiError.of("BAD_REQUEST", reason == null || reason.isBlank() ? "Bad Request" : reason);
        };
    }
}
