package io.salesactivitysync.sandbox.salesforce.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The org's daily API request allowance: each authenticated REST call uses one; once spent, calls
 * fail with {@code REQUEST_LIMIT_EXCEEDED} until the 24-hour window (on the emulator's clock) rolls over.
 */
public final class ApiUsage {

    private static final Duration WINDOW = Duration.ofHours(24);

    private final Clock clock;
    private final int dailyLimit;
    private Instant windowStart;
    private int used;

    public ApiUsage(Clock clock, int dailyLimit) {
        this.clock = clock;
        this.dailyLimit = dailyLimit;
        this.windowStart = clock.instant();
    }

    /** Uses one request; false (nothing used) when the limit is already reached. */
    public synchronized boolean tryUse() {
        rollWindow();
        if (used >= dailyLimit) {
            return false;
        }
        used++;
        return true;
    }

    public synchronized int used() {
        rollWindow();
        return used;
    }

    public int dailyLimit() {
        return dailyLimit;
    }

    /** Sets the requests used so far today, e.g. to bring the org to the edge of its limit. */
    public synchronized void setUsed(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("used must be 0 or more");
        }
        rollWindow();
        used = value;
    }

    /** The {@code Sforce-Limit-Info} header value. */
    public synchronized String limitInfo() {
        rollWindow();
        return "api-usage=" + used + "/" + dailyLimit;
    }

    private void rollWindow() {
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            used = 0;
        }
    }
}
