package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as the org keeps it: every field of its type, in describe order, null values
 * included, each value typed (String, Boolean, Double, Integer, LocalDate, Instant).
 *
 * @param deletedAt when it went to the recycle bin; null while live
 */
public record StoredRecord(String type, String id, Map<String, Object> values, Instant deletedAt) {

    public StoredRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object get(String field) {
        return values.get(field);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public StoredRecord with(Map<String, Object> newValues) {
        return new StoredRecord(type, id, newValues, deletedAt);
    }

    /** A mutable copy of the values, for building the next version. */
    public Map<String, Object> copyOfValues() {
        return new LinkedHashMap<>(values);
    }
}
