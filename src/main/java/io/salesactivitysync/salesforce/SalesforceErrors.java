package io.salesactivitysync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * Sorts what Salesforce answered into {@link ErrorClass}es. Codes not listed are data problems:
 * Salesforce refused the record for what it holds, and only a change to it (or to the mapping)
 * helps.
 */
public final class SalesforceErrors {

    /** The code of a failure that is not Salesforce's answer: the flow itself failed (the store, a bug). */
    public static final String UNEXPECTED = "UNEXPECTED";

    private static final Set<String> INTERMITTENT = Set.of("SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW",
            "REQUEST_LIMIT_EXCEEDED", "REQUEST_RUNNING_TOO_LONG", "QUERY_TIMEOUT", "TOO_MANY_ENUM_VALUE",
            "CONCURRENT_REQUEST_LIMIT_EXCEEDED", "TIMEOUT", "CONNECTION_FAILED", "HTTP_500", "HTTP_502", "HTTP_503",
            "HTTP_504");
    private static final Set<String> AUTH = Set.of("INVALID_SESSION_ID", "INVALID_AUTH_HEADER",
            "INVALID_OPERATION_WITH_EXPIRED_PASSWORD", "INVALID_LOGIN", "LOGIN_MUST_USE_SECURITY_TOKEN",
            "INVALID_CLIENT", "INVALID_CLIENT_ID", "INVALID_GRANT", "UNAUTHORIZED_CLIENT", "UNSUPPORTED_GRANT_TYPE",
            "INACTIVE_USER", "INACTIVE_ORG", "HTTP_401");
    private static final Set<String> ACCESS = Set.of("INSUFFICIENT_ACCESS_OR_READONLY",
            "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", "INSUFFICIENT_ACCESS", "INVALID_FIELD_FOR_INSERT_UPDATE",
            "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED", "FUNCTIONALITY_NOT_ENABLED", "NOT_FOUND",
            "INVALID_TYPE", "HTTP_403");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SalesforceErrors() {
    }

    public static ErrorClass classify(String code) {
        String upper = code == null ? "" : code.toUpperCase(Locale.ROOT);
        if (INTERMITTENT.contains(upper)) {
            return ErrorClass.INTERMITTENT;
        }
        if (AUTH.contains(upper)) {
            return ErrorClass.AUTH;
        }
        if (ACCESS.contains(upper)) {
            return ErrorClass.ACCESS;
        }
        return ErrorClass.DATA;
    }

    /** An error of one record in a collections or composite answer. */
    public static SalesforceProblem of(String code, String message, List<String> fields) {
        return new SalesforceProblem(code, message == null ? "(no message)" : message, fields, classify(code));
    }

    /** What a failed call means: the first error Salesforce sent, or why there was no answer. */
    public static SalesforceProblem of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SalesforceCallException call) {
                return call.problem();
            }
            if (cause instanceof SalesforceException salesforce) {
                SalesforceProblem problem = fromSalesforce(salesforce);
                if (problem != null) {
                    return problem;
                }
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return of("TIMEOUT", "Salesforce did not answer in time: " + cause.getMessage(), null);
            }
            if (cause instanceof IOException) {
                return of("CONNECTION_FAILED", "Salesforce could not be reached: " + cause, null);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SalesforceException salesforce && salesforce.getStatusCode() == 0) {
                return of("CONNECTION_FAILED", "Salesforce could not be reached: " + salesforce.getMessage(), null);
            }
        }
        return new SalesforceProblem(UNEXPECTED, String.valueOf(failure), null, ErrorClass.DATA);
    }

    /**
     * The errors Salesforce sent with a failed call. salesforce:raw leaves them unparsed: its
     * exception's message is Salesforce's answer, e.g. {@code [{"errorCode": ..., "message": ...}]}.
     */
    public static List<RestError> errors(SalesforceException exception) {
        if (!exception.getErrors().isEmpty()) {
            return exception.getErrors();
        }
        String answer = exception.getMessage();
        if (answer == null || !answer.strip().startsWith("[")) {
            return List.of();
        }
        List<RestError> errors = new ArrayList<>();
        try {
            for (JsonNode error : JSON.readTree(answer)) {
                if (error.hasNonNull("errorCode")) {
                    List<String> fields = new ArrayList<>();
                    error.path("fields").forEach(field -> fields.add(field.asText()));
                    errors.add(new RestError(error.get("errorCode").asText(), error.path("message").asText(null), fields));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return errors;
    }

    private static SalesforceProblem fromSalesforce(SalesforceException exception) {
        List<RestError> errors = errors(exception);
        if (!errors.isEmpty()) {
            RestError first = errors.get(0);
            return of(first.getErrorCode(), first.getMessage(), first.getFields());
        }
        int status = exception.getStatusCode();
        if (status >= 400) {
            return of("HTTP_" + status, exception.getMessage(), null);
        }
        return null;
    }
}
