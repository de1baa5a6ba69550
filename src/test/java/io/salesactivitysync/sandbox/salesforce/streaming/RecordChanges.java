package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.org.ChangeContext;
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the {@link RecordChange}s the org store would report, following its contract: CREATE
 * and UNDELETE carry every non-null field, UPDATE the changed non-null ones plus
 * {@code LastModifiedDate}, DELETE none.
 */
final class RecordChanges {

    static final String USER_ID = EmulatorSettings.INTEGRATION_USER_ID;
    static final String ORIGIN = "com/salesforce/api/rest/56.0;client=sales-activity-sync";

    private static final AtomicLong COMMIT_NUMBER = new AtomicLong(10_426_208_028_536L);

    private RecordChanges() {
    }

    static RecordChange created(String entity, String id, Map<String, Object> record, Instant at) {
        Map<String, Object> after = withSystemFields(id, record, at, at);
        return new RecordChange(entity, id, ChangeType.CREATE, nonNull(after), List.of(), List.of(), null, after,
                context(at));
    }

    static RecordChange updated(String entity, Map<String, Object> before, Map<String, Object> changes, Instant at) {
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.putAll(changes);
        after.put("LastModifiedDate", at);
        after.put("SystemModstamp", at);
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        List<String> nulled = new ArrayList<>();
        changes.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changed.add(field);
                if (value == null) {
                    nulled.add(field);
                } else {
                    fields.put(field, value);
                }
            }
        });
        fields.put("LastModifiedDate", at);
        changed.add("LastModifiedDate");
        return new RecordChange(entity, (String) before.get("Id"), ChangeType.UPDATE, fields, changed, nulled,
                before, after, context(at));
    }

    static RecordChange deleted(String entity, Map<String, Object> before, Instant at) {
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("IsDeleted", true);
        return new RecordChange(entity, (String) before.get("Id"), ChangeType.DELETE, Map.of(), List.of(), List.of(),
                before, after, context(at));
    }

    static RecordChange undeleted(String entity, Map<String, Object> deleted, Instant at) {
        Map<String, Object> after = new LinkedHashMap<>(deleted);
        after.put("IsDeleted", false);
        return new RecordChange(entity, (String) deleted.get("Id"), ChangeType.UNDELETE, nonNull(after), List.of(),
                List.of(), deleted, after, context(at));
    }

    static Map<String, Object> withSystemFields(String id, Map<String, Object> record, Instant created, Instant modified) {
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("Id", id);
        full.putAll(record);
        full.put("OwnerId", USER_ID);
        full.put("IsDeleted", false);
        full.put("CreatedDate", created);
        full.put("CreatedById", USER_ID);
        full.put("LastModifiedDate", modified);
        full.put("LastModifiedById", USER_ID);
        full.put("SystemModstamp", modified);
        return full;
    }

    static ChangeContext context(Instant at) {
        return new ChangeContext(ORIGIN, UUID.randomUUID().toString(), 1, at, USER_ID, COMMIT_NUMBER.incrementAndGet());
    }

    private static Map<String, Object> nonNull(Map<String, Object> record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        record.forEach((field, value) -> {
            if (value != null && !"IsDeleted".equals(field) && !"SystemModstamp".equals(field)) {
                fields.put(field, value);
            }
        });
        return fields;
    }
}
