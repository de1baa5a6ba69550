package io.salesactivitysync.sandbox.salesforce.streaming;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record event a PushTopic reports.
 *
 * @param topicName   the PushTopic's {@code Name}
 * @param type        {@code created}, {@code updated}, {@code deleted} or {@code undeleted}
 * @param createdDate when the change was committed
 * @param sobject     the record reduced to the query's SELECT fields, values already formatted
 */
record PushTopicNotification(String topicName, String type, Instant createdDate, Map<String, Object> sobject) {

    /** The Bayeux {@code data}: {@code {"event": {createdDate, replayId, type}, "sobject": {..}}}. */
    Map<String, Object> data(long replayId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("createdDate", StreamingValueFormat.eventCreatedDate(createdDate));
        event.put("replayId", replayId);
        event.put("type", type);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event);
        data.put("sobject", sobject);
        return data;
    }
}
