package io.salesactivitysync.sandbox.salesforce.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, for each API call, whether to fail it on purpose and how long to delay it: the next N
 * calls, or a share of calls (drawn from a seeded random, so a drill can be repeated).
 */
public final class FaultInjector {

    private InjectedFault nextFault;
    private int remainingFailures;
    private InjectedFault sharedFault;
    private double share;
    private Random random = new Random(0);
    private Duration latency = Duration.ZERO;

    /** Fails the next {@code count} API calls with the fault (replacing earlier settings). */
    public synchronized void failNext(int count, InjectedFault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, was " + count);
        }
        this.nextFault = fault;
        this.remainingFailures = count;
    }

    /** Fails about this share (0..1) of API calls with the fault; a seed makes the draw repeatable. */
    public synchronized void failShare(double share, InjectedFault fault, long seed) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
        }
        this.sharedFault = fault;
        this.share = share;
        this.random = new Random(seed);
    }

    public synchronized void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        this.latency = latency;
    }

    public synchronized Duration latency() {
        return latency;
    }

    public synchronized void clear() {
        nextFault = null;
        remainingFailures = 0;
        sharedFault = null;
        share = 0;
        latency = Duration.ZERO;
    }

    /** The fault to answer this call with, if any; consumes one of the "next N". */
    public synchronized Optional<InjectedFault> draw() {
        if (remainingFailures > 0) {
            remainingFailures--;
            return Optional.of(nextFault);
        }
        if (sharedFault != null && share > 0 && random.nextDouble() < share) {
            return Optional.of(sharedFault);
        }
        return Optional.empty();
    }

    public synchronized Map<String, Object> describe() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("failNext", remainingFailures);
        state.put("failNextWith", remainingFailures > 0 ? nextFault.name() : null);
        state.put("failShare", share);
        state.put("failShareWith", sharedFault == null ? null : sharedFault.name());
        state.put("latencyMillis", latency.toMillis());
        return state;
    }
}
