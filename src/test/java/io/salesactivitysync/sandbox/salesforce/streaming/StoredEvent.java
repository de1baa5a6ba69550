package io.salesactivitysync.sandbox.salesforce.streaming;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event as a channel keeps it for replay (and as {@link StreamingSnapshot} saves it).
 *
 * @param replayId the id clients see in {@code data.event.replayId}
 * @param storedAt when it entered the log; retention counts from here
 * @param data     the Bayeux {@code data} of the message, ready to send (never modified)
 */
public record StoredEvent(long replayId, Instant storedAt, Map<String, Object> data) {

    public StoredEvent {
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(data, "data");
    }
}
