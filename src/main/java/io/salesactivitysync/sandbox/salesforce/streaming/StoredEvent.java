package io.salesactivitysync.sandbox.salesforce.streaming;

import java.time.Instant;
import java.util.Map;

/**
 * One event as a channel keeps it for replay.
 *
 * @param replayId the id clients see in {@code data.event.replayId}
 * @param storedAt when it entered the log; retention counts from here
 * @param data     the Bayeux {@code data} of the message, ready to send (never modified)
 */
record StoredEvent(long replayId, Instant storedAt, Map<String, Object> data) {
}
