package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Read access to the org's records as one transaction sees them (its own uncommitted writes included). */
public interface OrgView {

    OrgSchema schema();

    /** The record with this 18-character id, live or in the recycle bin. */
    Optional<StoredRecord> find(String id);

    /** Every record of the type, live and in the recycle bin, in creation order. */
    Stream<StoredRecord> records(String type);

    /**
     * The records of the type, live and in the recycle bin, whose field holds the value, text
     * compared case-insensitively as Salesforce compares external ids and unique fields; in creation
     * order.
     */
    default List<StoredRecord> withFieldValue(String type, String field, Object value) {
        return records(type).filter(r -> FieldValueIndex.sameValue(value, r.get(field))).toList();
    }

    /** The transaction's time: every timestamp a transaction writes is this one. */
    Instant now();
}
