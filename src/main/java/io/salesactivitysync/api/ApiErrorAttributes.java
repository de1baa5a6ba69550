package io.salesactivitysync.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives the errors Spring MVC answers itself (no such path, wrong method, wrong content type)
 * the same JSON shape as the API's own errors ({@link ApiError}), with a message that says what
 * to do instead.
 */
@Component
public class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        return apiError(request).asMap();
    }

    /** The error the client gets for the request being answered by the error page. */
    public ApiError apiError(WebRequest request) {
        HttpStatus status = status(request);
        return ApiError.of(status, message(status, request));
    }

    private HttpStatus status(WebRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, WebRequest.SCOPE_REQUEST);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private String message(HttpStatus status, WebRequest request) {
        Throwable error = getError(request);
        HttpServletRequest servletRequest = request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
        String method = servletRequest == null ? "" : servletRequest.getMethod() + " ";
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, WebRequest.SCOPE_REQUEST);
        if (error instanceof HttpRequestMethodNotSupportedException e) {
            return "Method " + e.getMethod() + " is not supported for " + path
                    + (e.getSupportedMethods() == null ? "" : "; use " + String.join(", ", e.getSupportedMethods()));
        }
        if (error instanceof HttpMediaTypeNotSupportedException e) {
            String supported = e.getSupportedMediaTypes().stream().map(MimeType::toString).collect(Collectors.joining(", "));
            String sent = servletRequest == null ? null : servletRequest.getContentType();
            String problem = e.getContentType() != null ? "Content-Type " + e.getContentType() + " is not supported"
                    : sent == null || sent.isBlank() ? "The Content-Type header is missing"
                    : "Content-Type " + sent + " is not valid";
            return problem + (supported.isEmpty() ? "" : "; send " + supported);
        }
        if (error instanceof HttpMediaTypeNotAcceptableException e) {
            String supported = e.getSupportedMediaTypes().stream().map(MimeType::toString).collect(Collectors.joining(", "));
            return "No response matches the Accept header" + (supported.isEmpty() ? "" : "; this resource produces " + supported);
        }
        return switch (status) {
            case NOT_FOUND -> "No resource at " + method + path;
            case INTERNAL_SERVER_ERROR -> "The request failed unexpectedly; the server log has the details";
            case SERVICE_UNAVAILABLE -> "The service is not available right now; try again in a few seconds";
            default -> status.getReasonPhrase();
        };
    }
}
