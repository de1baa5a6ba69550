package io.salesactivitysync.store;

import java.time.OffsetDateTime;

/**
 * One thing that happened to a task.
 *
 * @param side   product, salesforce or sync
 * @param event  e.g. created, edited, sent, applied, filtered, conflict, deleted
 * @param detail what, in words (the fields, the values, how a conflict was decided)
 */
public record TaskHistoryEntry(OffsetDateTime at, String side, String event, String detail) {
}
