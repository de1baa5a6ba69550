package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.store.DuplicateValueException;
import io.salesactivitysync.store.RecordInUseException;
import io.salesactivitysync.store.RecordNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors();

    @Test
    void badInputIs400WithItsFields() {
        ApiError error = errors.describe(BadRequestException.forField("email", "must be a valid email address"));
        assertThat(error).isEqualTo(new ApiError(400, "Bad Request", "email must be a valid email address",
                List.of(new FieldProblem("email", "must be a valid email address"))));
    }

    @Test
    void controlCharactersNeverReachTheMessageOrTheLog() {
        ApiError error = errors.describe(BadRequestException.forField("na\r\nme", "has an invalid dynamic field {{a\nb}}"));
        assertThat(error.message()).isEqualTo("na??me has an invalid dynamic field {{a?b}}");
        assertThat(error.errors()).containsExactly(new FieldProblem("na??me", "has an invalid dynamic field {{a?b}}"));
    }

    @Test
    void anUnknownIdIs404() {
        assertThat(errors.describe(new RecordNotFoundException("rep", 7)))
                .isEqualTo(new ApiError(404, "Not Found", "No rep with id 7", List.of()));
    }

    @Test
    void aDuplicateOrARecordInUseIs409() {
        assertThat(errors.describe(new DuplicateValueException("aliases[0]", "is already used by rep 3")))
                .isEqualTo(new ApiError(409, "Conflict", "aliases[0] is already used by rep 3",
                        List.of(new FieldProblem("aliases[0]", "is already used by rep 3"))));
        assertThat(errors.describe(new RecordInUseException("Rep 3 still owns 1 task(s)")).status()).isEqualTo(409);
    }

    @Test
    void anythingElseIs500WithoutItsDetails() {
        ApiError error = errors.describe(new IllegalStateException("jdbc:postgresql://secret-host/db refused"));
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.message()).startsWith("The operation failed unexpectedly; the server log has the details under reference ")
                .doesNotContain("secret-host");
        assertThat(error.errors()).isEmpty();
    }

    @Test
    void aDatabaseThatCannotServeIs503WithoutItsDetails() {
        for (Exception unavailable : List.<Exception>of(
                new CannotGetJdbcConnectionException("no connection to jdbc:postgresql://secret-host/db"),
                new CannotCreateTransactionException("begin failed", new java.sql.SQLNonTransientConnectionException("gone")),
                new CannotAcquireLockException("lock timeout on secret-host"),
                new RuntimeException("wrapped", new QueryTimeoutException("slow")))) {
            ApiError error = errors.describe(unavailable);
            assertThat(error.status()).as(unavailable.toString()).isEqualTo(503);
            assertThat(error.message()).contains("database is not available").doesNotContain("secret-host");
        }
        assertThat(errors.describe(new DataIntegrityViolationException("check constraint")).status()).isEqualTo(500);
    }

    @Test
    void unpairedSurrogatesNeverReachTheMessage() {
        ApiError error = errors.describe(BadRequestException.forField("a\ud800b", "is not a known field"));
        assertThat(error.message()).isEqualTo("a?b is not a known field");
        assertThat(ApiError.of(org.springframework.http.HttpStatus.BAD_REQUEST, "pair \ud83d\ude00 kept").message())
                .isEqualTo("pair \ud83d\ude00 kept");
    }
}
