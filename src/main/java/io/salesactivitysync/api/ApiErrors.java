package io.salesactivitysync.api;

import io.salesactivitysync.store.DuplicateValueException;
import io.salesactivitysync.store.RecordInUseException;
import io.salesactivitysync.store.RecordNotFoundException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns the exception that ended an API operation into the error the client gets. Expected
 * failures (bad input, unknown id, duplicate) keep their message; anything else is a 500 whose
 * details stay in the server log under a reference the client can quote.
 */
@Component
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    public ApiError describe(Exception exception) {
        if (exception instanceof BadRequestException e) {
            return ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems());
        }
        if (exception instanceof RecordNotFoundException e) {
            return ApiError.of(HttpStatus.NOT_FOUND, e.getMessage());
        }
        if (exception instanceof DuplicateValueException e) {
            return ApiError.of(HttpStatus.CONFLICT, e.getMessage(), List.of(new FieldProblem(e.field(), e.problem())));
        }
        if (exception instanceof RecordInUseException e) {
            return ApiError.of(HttpStatus.CONFLICT, e.getMessage());
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("API operation failed unexpectedly (reference {})", reference, exception);
        return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "The operation failed unexpectedly; the server log has the details under reference " + reference);
    }
}
