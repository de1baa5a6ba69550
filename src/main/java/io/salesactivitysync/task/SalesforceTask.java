package io.salesactivitysync.task;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * What the sync knows of one Salesforce Task at a time: from a change event, a query (first sync,
 * reconciliation, a GAP event read again) or a deletion.
 *
 * @param change       CREATE, UPDATE, DELETE, UNDELETE, or RECORD (the whole record as read now)
 * @param values       its fields; for an UPDATE only the changed ones
 * @param changed      for an UPDATE, the fields it changed; null when every field present counts
 * @param ownChange    made by the product itself (changeOrigin carries its client id)
 * @param lastModified Salesforce's LastModifiedDate of the change, when known
 */
public record SalesforceTask(String id, String change, Map<String, Object> values, Set<String> changed,
        boolean ownChange, OffsetDateTime lastModified) {

    public boolean deleted() {
        return "DELETE".equals(change) || Boolean.TRUE.equals(values.get("IsDeleted"));
    }

    public boolean carries(String field) {
        return changed == null ? values.containsKey(field) : changed.contains(field);
    }

    public String text(String field) {
        Object value = values.get(field);
        return value == null ? null : value.toString();
    }
}
