package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Turns a transaction's writes into the {@link RecordChange}s its listeners receive. */
final class RecordChangeFactory {

    /** Never part of a change event body (Change Data Capture leaves them out). */
    private static final Set<String> NEVER_IN_EVENTS = Set.of("IsDeleted", "SystemModstamp");

    private RecordChangeFactory() {
    }

    static List<RecordChange> changesOf(List<OrgTransaction.PendingChange> writes, TransactionOrigin origin,
            String transactionKey, long commitNumber, Instant commitTimestamp) {
        List<RecordChange> result = new ArrayList<>();
        int sequence = 0;
        for (OrgTransaction.PendingChange change : writes) {
            ChangeContext context = new ChangeContext(origin.changeOrigin(), transactionKey, ++sequence,
                    commitTimestamp, origin.userId(), commitNumber);
            result.add(toRecordChange(change, context));
        }
        return result;
    }

    private static RecordChange toRecordChange(OrgTransaction.PendingChange change, ChangeContext context) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> changedFields = new ArrayList<>();
        List<String> nulledFields = new ArrayList<>();
        switch (change.changeType()) {
            case CREATE, UNDELETE -> change.after().values().forEach((name, value) -> {
                if (value != null && !NEVER_IN_EVENTS.contains(name)) {
                    fields.put(name, value);
                }
            });
            case UPDATE -> {
                change.after().values().forEach((name, value) -> {
                    if (NEVER_IN_EVENTS.contains(name) || Objects.equals(value, change.before().get(name))) {
                        return;
                    }
                    changedFields.add(name);
                    if (value == null) {
                        nulledFields.add(name);
                    } else {
                        fields.put(name, value);
                    }
                });
                Object lastModified = change.after().get("LastModifiedDate");
                if (lastModified != null && !changedFields.contains("LastModifiedDate")) {
                    changedFields.add("LastModifiedDate");
                    fields.put("LastModifiedDate", lastModified);
                }
            }
            case DELETE -> {
                // a delete event carries no fields
            }
        }
        return new RecordChange(change.type(), change.id(), change.changeType(), fields, changedFields, nulledFields,
                change.before() == null ? null : change.before().values(), change.after().values(), context);
    }
}
