package io.salesactivitysync.task;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event of the task stream, read from its raw JSON: a Change Data Capture TaskChangeEvent or a
 * PushTopic notification.
 *
 * @param changeType    CREATE, UPDATE, DELETE, UNDELETE, GAP_* (the records must be read again),
 *                      PUSHTOPIC_CREATED/UPDATED/UNDELETED (likewise), or
 *                      MALFORMED (the product could not read it: skipped, counted, logged)
 * @param recordIds     the Salesforce Tasks it is about (Salesforce merges identical changes)
 * @param changedFields for an UPDATE, the fields it changed; null when every field present counts
 *                      (CREATE, UNDELETE, a PushTopic notification)
 * @param values        the Task fields it carries
 * @param changeOrigin  who made the change (CDC only): the product's own writes carry its client id
 * @param committedAt   when Salesforce committed it (the stream lag is measured from it)
 */
public record TaskEvent(String channel, long replayId, String changeType, List<String> recordIds,
        Set<String> changedFields, Map<String, Object> values, String changeOrigin, OffsetDateTime committedAt) {

    /**
     * Whether the records must be read again: a GAP event carries no fields, and a PushTopic
     * notification only those its query may select (never Description, a long text area).
     */
    public boolean needsReread() {
        return changeType.startsWith("GAP_") || changeType.startsWith("PUSHTOPIC_");
    }
}
