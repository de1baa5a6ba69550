package io.salesactivitysync.store;

import java.time.OffsetDateTime;

/**
 * A rep's first task sync: run when task sync is turned on, and again at every save of the setting
 * while it is on. It imports the rep's Salesforce Tasks created or updated in the last 24 hours.
 *
 * @param state    requested (waits to run), running, done or failed
 * @param imported Salesforce Tasks created in the product
 * @param updated  Salesforce Tasks already in the product whose changes were applied
 * @param skipped  Salesforce Tasks not taken (not a reminder task, or nothing to change)
 * @param error    why it failed
 */
public record TaskFirstSync(String state, OffsetDateTime requestedAt, OffsetDateTime startedAt,
        OffsetDateTime finishedAt, int imported, int updated, int skipped, String error) {
}
