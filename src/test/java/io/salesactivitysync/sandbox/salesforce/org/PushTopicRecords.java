package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;
import java.util.Optional;

/** The org's PushTopic records, read from the store, for the Streaming API. */
public final class PushTopicRecords implements PushTopicCatalog {

    private final OrgStore store;

    public PushTopicRecords(OrgStore store) {
        this.store = store;
    }

    @Override
    public Optional<PushTopicDefinition> findByName(String name) {
        return store.read(view -> view.records("PushTopic")
                .filter(r -> !r.deleted() && name.equals(r.get("Name")))
                .findFirst()
                .map(PushTopicRecords::definition));
    }

    @Override
    public List<PushTopicDefinition> findAll() {
        return store.read(view -> view.records("PushTopic")
                .filter(r -> !r.deleted())
                .map(PushTopicRecords::definition)
                .toList());
    }

    private static PushTopicDefinition definition(StoredRecord record) {
        Object apiVersion = record.get("ApiVersion");
        return new PushTopicDefinition(record.id(), (String) record.get("Name"), (String) record.get("Query"),
                apiVersion == null ? null : String.format(java.util.Locale.ROOT, "%.1f", ((Number) apiVersion).doubleValue()),
                Boolean.TRUE.equals(record.get("IsActive")), (String) record.get("NotifyForFields"),
                Boolean.TRUE.equals(record.get("NotifyForOperationCreate")),
                Boolean.TRUE.equals(record.get("NotifyForOperationUpdate")),
                Boolean.TRUE.equals(record.get("NotifyForOperationDelete")),
                Boolean.TRUE.equals(record.get("NotifyForOperationUndelete")));
    }
}
