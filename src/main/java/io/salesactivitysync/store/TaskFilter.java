package io.salesactivitysync.store;

import java.time.LocalDate;

/**
 * Which tasks a list shows; null parts do not filter.
 *
 * @param repId   the owner
 * @param dueFrom due on or after this date
 * @param dueTo   due on or before this date
 */
public record TaskFilter(Long repId, LocalDate dueFrom, LocalDate dueTo) {
}
