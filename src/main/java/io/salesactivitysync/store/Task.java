package io.salesactivitysync.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A reminder task as the API shows it.
 *
 * @param dueDate          a calendar date, never shifted by time zones (Salesforce ActivityDate)
 * @param salesforceTaskId the Salesforce Task it is synced with, once it has one
 * @param origin           where it was created: product or salesforce
 * @param synced           whether it takes part in the sync: created while the owner's task sync
 *                         was on, or imported from Salesforce (tasks older than the sync are never pushed)
 * @param syncState        not_synced, pending (a change waits in the outbox), synced, or failed
 *                         (syncError says why)
 */
public record Task(
        long id,
        String name,
        TaskStatus status,
        TaskPriority priority,
        LocalDate dueDate,
        String details,
        long repId,
        Long personId,
        String salesforceTaskId,
        String origin,
        boolean synced,
        String syncState,
        String syncError,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
