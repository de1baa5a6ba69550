package io.salesactivitysync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Writes every error Spring MVC answers itself (no such path, wrong method, wrong content type,
 * an Accept header that wants HTML or XML) as the API's JSON error, whatever the client accepts:
 * Spring Boot's own error controller would answer a browser with a Whitelabel HTML page and an
 * {@code Accept: application/xml} client with an empty body.
 */
@Controller
public class JsonErrorController implements ErrorController {

    private final ApiErrorAttributes errorAttributes;
    private final ApiProperties properties;
    private final ObjectMapper objectMapper;

    public JsonErrorController(ApiErrorAttributes errorAttributes, ApiProperties properties, ObjectMapper objectMapper) {
        this.errorAttributes = errorAttributes;
        this.properties = properties;
        this.objectMapper = objectMapper;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiError error = errorAttributes.apiError(new ServletWebRequest(request));
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(error.status());
        if (error.status() == 503) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfterSeconds()));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), error);
    }
}
