package io.salesactivitysync.sandbox.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulated org's clock: real time plus an offset that tests and the admin API can advance, so
 * that token expiry, the 15-day recycle bin, LAST_N_DAYS and TODAY can be exercised without waiting.
 */
public final class EmulatorClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    public EmulatorClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private EmulatorClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Moves the org's time forward (a negative duration is refused: time never runs back). */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward; got " + duration);
        }
        offset.accumulateAndGet(duration, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new EmulatorClock(base.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    /** The clock in UTC, the org's time zone. */
    public static EmulatorClock utc() {
        return new EmulatorClock(Clock.system(ZoneOffset.UTC));
    }
}
