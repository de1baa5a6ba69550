package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A task's editable fields as PUT /api/tasks/{id} replaces them: dueDate and details left out or
 * null are cleared; status and priority left out keep their value (complete and reopen have
 * operations of their own).
 */
public record TaskEdit(
        @NotBlank @Size(max = 255, message = "must be at most {max} characters") @SingleLine
        String name,
        TaskStatus status,
        TaskPriority priority,
        LocalDate dueDate,
        @Size(max = 32000, message = "must be at most {max} characters")
        String details) {
}
