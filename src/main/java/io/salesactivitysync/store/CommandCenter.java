package io.salesactivitysync.store;

import java.time.LocalDate;
import java.util.List;

/**
 * A rep's command center: the tasks due today and tomorrow in the rep's time zone, today's first,
 * high priority before normal (the sync itself covers every task, whatever its due date).
 */
public record CommandCenter(long repId, String timeZone, LocalDate today, LocalDate tomorrow, List<Task> tasks) {
}
