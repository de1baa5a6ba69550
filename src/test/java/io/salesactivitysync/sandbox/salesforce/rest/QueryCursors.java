package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.sandbox.salesforce.soql.QueryRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open query cursors: the rows of a query that did not fit in its first batch, kept for
 * {@code queryMore} under a query locator ({@code 01g...}) until unused for 15 minutes.
 */
final class QueryCursors {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    /** A query's rows, frozen when it ran, as Salesforce cursors are. */
    static final class Cursor {
        private final List<QueryRow> rows;
        private final int totalSize;
        private volatile Instant lastUsed;

        private Cursor(List<QueryRow> rows, int totalSize, Instant lastUsed) {
            this.rows = rows;
            this.totalSize = totalSize;
            this.lastUsed = lastUsed;
        }

        List<QueryRow> rows() {
            return rows;
        }

        int totalSize() {
            return totalSize;
        }
    }

    QueryCursors(Clock clock) {
        this.clock = clock;
    }

    String open(List<QueryRow> rows, int totalSize) {
        cursors.values().removeIf(c -> c.lastUsed.plus(IDLE_TIMEOUT).isBefore(clock.instant()));
        String locator = SalesforceId.toLongForm(String.format("01g5g%010d", sequence.incrementAndGet()));
        cursors.put(locator, new Cursor(List.copyOf(rows), totalSize, clock.instant()));
        return locator;
    }

    Optional<Cursor> find(String locator) {
        Cursor cursor = cursors.get(locator);
        if (cursor == null || cursor.lastUsed.plus(IDLE_TIMEOUT).isBefore(clock.instant())) {
            return Optional.empty();
        }
        cursor.lastUsed = clock.instant();
        return Optional.of(cursor);
    }

}
