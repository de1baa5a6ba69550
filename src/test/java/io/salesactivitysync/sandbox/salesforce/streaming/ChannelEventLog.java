package io.salesactivitysync.sandbox.salesforce.streaming;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The retained events of one channel, oldest first, for replay. Events older than the retention
 * are dropped as time passes; a client can only resume from a point whose following events are
 * all still here. Not thread-safe: {@link StreamingEventHub} serialises every access.
 */
final class ChannelEventLog {

    /** Replay option: only events published after the subscription. */
    static final long NEW_EVENTS = -1;
    /** Replay option: every retained event. */
    static final long ALL_RETAINED_EVENTS = -2;

    private final Duration retention;
    private final Deque<StoredEvent> events = new ArrayDeque<>();
    private long lastReplayId;
    private long expiredThrough;

    ChannelEventLog(Duration retention) {
        this(retention, new StreamingSnapshot.ChannelSnapshot("", 0, 0, List.of()));
    }

    /** A log that carries on from a saved one: its events, its last id and the ids already expired. */
    ChannelEventLog(Duration retention, StreamingSnapshot.ChannelSnapshot saved) {
        this.retention = retention;
        this.events.addAll(saved.events());
        this.lastReplayId = saved.lastReplayId();
        this.expiredThrough = saved.expiredThrough();
    }

    StreamingSnapshot.ChannelSnapshot snapshot(String channel) {
        return new StreamingSnapshot.ChannelSnapshot(channel, lastReplayId, expiredThrough, List.copyOf(events));
    }

    void append(StoredEvent event) {
        if (event.replayId() <= lastReplayId) {
            throw new IllegalArgumentException(
                    "replay id " + event.replayId() + " does not follow " + lastReplayId);
        }
        events.addLast(event);
        lastReplayId = event.replayId();
    }

    /** The highest replay id this channel ever issued, 0 before its first event. */
    long lastReplayId() {
        return lastReplayId;
    }

    /**
     * Whether a subscriber may resume from this replay id: {@code -1}, {@code -2}, or an id this
     * channel issued (or could have, ids being sparse) whose later events have not expired.
     */
    boolean canReplayFrom(long replayId, Instant now) {
        if (replayId == NEW_EVENTS || replayId == ALL_RETAINED_EVENTS) {
            return true;
        }
        dropExpired(now);
        return replayId > expiredThrough && replayId <= lastReplayId;
    }

    /** The retained events a subscriber resuming from this replay id must receive, in order. */
    List<StoredEvent> eventsAfter(long replayId, Instant now) {
        dropExpired(now);
        if (replayId == NEW_EVENTS) {
            return List.of();
        }
        if (replayId == ALL_RETAINED_EVENTS) {
            return List.copyOf(events);
        }
        return events.stream().filter(event -> event.replayId() > replayId).toList();
    }

    void dropExpired(Instant now) {
        while (!events.isEmpty() && !events.peekFirst().storedAt().plus(retention).isAfter(now)) {
            expiredThrough = events.removeFirst().replayId();
        }
    }
}
