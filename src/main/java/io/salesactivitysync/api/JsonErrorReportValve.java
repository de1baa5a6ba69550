package io.salesactivitysync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers in the API's JSON shape instead of Tomcat's HTML page: a request
 * line or URI Tomcat refuses before any filter or servlet runs (an encoded slash, backslash or
 * NUL in the path, a raw space, an oversized header) is 400, CONNECT is 501. Errors Spring
 * answers are written by {@link JsonErrorController} and left alone here.
 *
 * <p>Tomcat creates the valve from its class name (see {@code ApiConfiguration}), so it has its
 * own plain ObjectMapper: the body holds strings and numbers only.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(ApiError.of(status, message(status, response.getMessage()))));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    static String message(HttpStatus status, String reason) {
        return switch (status) {
            case BAD_REQUEST -> "The server cannot read this request" + (reason == null || reason.isBlank() ? "" : ": " + reason)
                    + " (the server refuses, among others, an encoded /, \\ or NUL in the path and oversized headers)";
            case NOT_IMPLEMENTED -> "This HTTP method is not supported";
            case METHOD_NOT_ALLOWED -> "This HTTP method is not allowed here";
            default -> reason == null || reason.isBlank() ? status.getReasonPhrase() : reason;
        };
    }
}
