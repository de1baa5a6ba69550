package io.salesactivitysync.sandbox.salesforce.streaming;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalLong;
import org.cometd.bayeux.Message;

/**
 * Reads the replay extension of a {@code /meta/subscribe}: {@code "ext": {"replay": {channel: id}}}.
 * Clients send the map for all their channels (camel-salesforce does); only the entry of the
 * subscribed channel counts. Without an entry the subscriber gets new events only.
 */
final class ReplayRequest {

    private ReplayRequest() {
    }

    /** The value the client asked for on this channel, or {@code -1} without an entry. */
    static Object requested(Message subscribe, String channel) {
        Map<String, Object> ext = subscribe == null ? null : subscribe.getExt();
        if (ext != null && ext.get("replay") instanceof Map<?, ?> replay && replay.containsKey(channel)) {
            return replay.get(channel);
        }
        return ChannelEventLog.NEW_EVENTS;
    }

    /** The requested replay id, or empty when it is not a whole number (numbers and numeric strings both occur). */
    static OptionalLong replayId(Object requested) {
        try {
            if (requested instanceof Number number) {
                return OptionalLong.of(new BigDecimal(number.toString()).longValueExact());
            }
            if (requested instanceof String text) {
                return OptionalLong.of(Long.parseLong(text.trim()));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
