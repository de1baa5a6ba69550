package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;
import java.util.Map;

/**
 * One committed change to one record, as the org store reports it to its listeners (the Streaming
 * API turns it into change events and PushTopic notifications).
 *
 * <p>Field values are typed, never pre-formatted: {@link String}, {@link Boolean}, {@link Number},
 * {@link java.time.LocalDate} for date fields, {@link java.time.Instant} for datetime fields.
 *
 * @param entityName    the sObject type, e.g. {@code Task}
 * @param recordId      the 18-character record id
 * @param changeType    what happened
 * @param fields        CREATE and UNDELETE: every non-null field of the record after the change
 *                      (system fields included, {@code IsDeleted} and {@code SystemModstamp} not);
 *                      UPDATE: the new values of the changed non-null fields plus
 *                      {@code LastModifiedDate}; DELETE: empty. Never contains null values.
 * @param changedFields UPDATE: names of all changed fields, {@code LastModifiedDate} included;
 *                      otherwise empty
 * @param nulledFields  UPDATE: names of fields set to null by the change; otherwise empty
 * @param recordBefore  the whole record before the change (null values included), or null for CREATE
 * @param recordAfter   the whole record after the change (null values included); for DELETE the
 *                      record as it was deleted, with {@code IsDeleted=true}
 * @param context       origin and transaction
 */
public record RecordChange(
        String entityName,
        String recordId,
        ChangeType changeType,
        Map<String, Object> fields,
        List<String> changedFields,
        List<String> nulledFields,
        Map<String, Object> recordBefore,
        Map<String, Object> recordAfter,
        ChangeContext context) {
}
