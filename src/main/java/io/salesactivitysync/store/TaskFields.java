package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A new reminder task as a client posts it.
 *
 * @param status   open unless given
 * @param priority normal unless given
 * @param dueDate  a calendar date (yyyy-MM-dd), optional
 */
public record TaskFields(
        @NotBlank @Size(max = 255, message = "must be at most {max} characters") @SingleLine
        String name,
        TaskStatus status,
        TaskPriority priority,
        LocalDate dueDate,
        @Size(max = 32000, message = "must be at most {max} characters")
        String details,
        @NotNull @Positive
        Long repId,
        @Positive
        Long personId) {
}
