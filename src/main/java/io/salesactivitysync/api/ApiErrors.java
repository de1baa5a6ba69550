package io.salesactivitysync.api;

import io.salesactivitysync.store.DuplicateValueException;
import io.salesactivitysync.store.InvalidReferenceException;
import io.salesactivitysync.store.RecordInUseException;
import io.salesactivitysync.store.RecordNotFoundException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Component;

/**
 * Turns the exception that ended an API operation into the error the client gets. Expected
 * failures (bad input, unknown id, duplicate) keep their message; anything else is a 500 whose
 * details stay in the server log under a reference the client can quote.
 */
@Component
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /**
     * The error for the exception, logged: a 500 with its stack trace, once, under the reference
     * the client gets; a 503 with its cause in one line.
     */
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
        if (exception instanceof InvalidReferenceException e) {
            return ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(new FieldProblem(e.field(), e.problem())));
        }
        if (exception instanceof RecordInUseException e) {
            return ApiError.of(HttpStatus.CONFLICT, e.getMessage());
        }
        if (isDatabaseUnavailable(exception)) {
            String reference = UUID.randomUUID().toString();
            LOG.warn("API operation failed: the database is not available (reference {}): {}", reference,
                    rootMessage(exception));
            return ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, "The database is not available right now; nothing was"
                    + " changed. Try again in a few seconds (reference " + reference + ")");
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("API operation failed unexpectedly (reference {})", reference, exception);
        return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "The operation failed unexpectedly; the server log has the details under reference " + reference);
    }

    /**
     * The database cannot be reached, or cannot serve the request right now (a lost connection,
     * a lock that could not be taken in time): the transaction was rolled back, and the same
     * request can succeed later.
     */
    static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
