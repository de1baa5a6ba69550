package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;

/** A request Salesforce refuses: the HTTP status and the error array it answers with. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<ApiError> errors;

    public ApiException(int status, List<ApiError> errors) {
        super(errors.isEmpty() ? "HTTP " + status : errors.get(0).errorCode() + ": " + errors.get(0).message());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, ApiError error) {
        this(status, List.of(error));
    }

    public static ApiException badRequest(String errorCode, String message) {
        return new ApiException(400, ApiError.of(errorCode, message));
    }

    /** A record-level (DML) failure: 400 with a {@code fields} list. */
    public static ApiException onFields(String errorCode, String message, List<String> fields) {
        return new ApiException(400, ApiError.onFields(errorCode, message, fields));
    }

    public static ApiException notFound() {
        return new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist"));
    }

    public static ApiException entityIsDeleted() {
        return new ApiException(404, ApiError.onFields("ENTITY_IS_DELETED", "entity is deleted", List.of()));
    }

    public int status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }
}
