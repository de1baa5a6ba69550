package io.salesactivitysync.store;

import java.time.OffsetDateTime;

/**
 * Which activities a list shows; null means any.
 *
 * @param state only activities in this state
 * @param repId only the rep's
 * @param since only those taken in at or after this time
 */
public record ActivityFilter(ActivityState state, Long repId, OffsetDateTime since) {
}
