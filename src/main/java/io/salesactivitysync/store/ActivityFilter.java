package io.salesactivitysync.store;

import java.time.OffsetDateTime;

/**
 * Which activities a list shows; null means any.
 *
 * @param state only activities in this state
 * @param repId only the rep's
 * @param since only those taken in at or after this time
 * @param until only those taken in before this time
 * @param source only those that came this way (the API or the BCC mailbox)
 * @param reason only those whose reason is exactly this text (a group of the summary)
 */
public record ActivityFilter(ActivityState state, Long repId, OffsetDateTime since, OffsetDateTime until,
        ActivitySource source, String reason) {
}
