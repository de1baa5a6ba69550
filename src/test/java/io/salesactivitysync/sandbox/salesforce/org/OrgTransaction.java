package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The writes of one API call, kept apart from the committed data until the call succeeds. Holds
 * the org's lock for its whole life, so calls run one after another as if serialized.
 */
public final class OrgTransaction implements OrgView {

    private final OrgSchema schema;
    private final Map<String, StoredRecord> committed;
    private final FieldValueIndex index;
    private final IdGenerator ids;
    private final Instant now;
    private final TransactionOrigin origin;
    private Map<String, StoredRecord> staged = new LinkedHashMap<>();
    private final List<PendingChange> changes = new ArrayList<>();
    /** Positions in {@link #changes} where one Salesforce transaction of this call ends and the next begins. */
    private final List<Integer> commitPoints = new ArrayList<>();

    /** One write of the transaction, turned into a {@link RecordChange} at commit. */
    record PendingChange(String type, String id, ChangeType changeType, StoredRecord before, StoredRecord after) {
    }

    /** A point to roll back to, for requests where one part may fail and the others still commit. */
    public record Savepoint(Map<String, StoredRecord> staged, int changeCount, int commitPointCount) {
    }

    OrgTransaction(OrgSchema schema, Map<String, StoredRecord> committed, FieldValueIndex index, IdGenerator ids,
            Instant now, TransactionOrigin origin) {
        this.schema = schema;
        this.committed = committed;
        this.index = index;
        this.ids = ids;
        this.now = now;
        this.origin = origin;
    }

    @Override
    public OrgSchema schema() {
        return schema;
    }

    @Override
    public Instant now() {
        return now;
    }

    public TransactionOrigin origin() {
        return origin;
    }

    @Override
    public Optional<StoredRecord> find(String id) {
        StoredRecord record = staged.get(id);
        return Optional.ofNullable(record != null ? record : committed.get(id));
    }

    @Override
    public Stream<StoredRecord> records(String type) {
        Stream<StoredRecord> existing = committed.values().stream()
                .filter(r -> r.type().equals(type))
                .map(r -> staged.getOrDefault(r.id(), r));
        Stream<StoredRecord> created = staged.values().stream()
                .filter(r -> r.type().equals(type) && !committed.containsKey(r.id()));
        return Stream.concat(existing, created);
    }

    /**
     * Found through the committed records' index and this transaction's own writes; where more than
     * one record matches, by the scan that gives them in creation order.
     */
    @Override
    public List<StoredRecord> withFieldValue(String type, String field, Object value) {
        Map<String, StoredRecord> found = new LinkedHashMap<>();
        for (String id : index.ids(type, field, value)) {
            StoredRecord record = staged.getOrDefault(id, committed.get(id));
            if (FieldValueIndex.sameValue(value, record.get(field))) {
                found.put(id, record);
            }
        }
        for (StoredRecord record : staged.values()) {
            if (record.type().equals(type) && FieldValueIndex.sameValue(value, record.get(field))) {
                found.put(record.id(), record);
            }
        }
        return found.size() > 1 ? OrgView.super.withFieldValue(type, field, value) : List.copyOf(found.values());
    }

    public String newId(String keyPrefix) {
        return ids.next(keyPrefix);
    }

    public void insert(StoredRecord record) {
        staged.put(record.id(), record);
        changes.add(new PendingChange(record.type(), record.id(), ChangeType.CREATE, null, record));
    }

    public void update(StoredRecord before, StoredRecord after) {
        staged.put(after.id(), after);
        changes.add(new PendingChange(after.type(), after.id(), ChangeType.UPDATE, before, after));
    }

    public void delete(StoredRecord before, StoredRecord deleted) {
        staged.put(deleted.id(), deleted);
        changes.add(new PendingChange(deleted.type(), deleted.id(), ChangeType.DELETE, before, deleted));
    }

    public Savepoint savepoint() {
        return new Savepoint(new LinkedHashMap<>(staged), changes.size(), commitPoints.size());
    }

    public void rollbackTo(Savepoint savepoint) {
        staged = new LinkedHashMap<>(savepoint.staged());
        changes.subList(savepoint.changeCount(), changes.size()).clear();
        commitPoints.subList(savepoint.commitPointCount(), commitPoints.size()).clear();
    }

    /**
     * Ends a Salesforce transaction inside this API call: the writes made so far commit as one
     * transaction (their own transactionKey and commitNumber), those made after as the next. For
     * calls whose parts commit one by one, as the subrequests of {@code composite/batch} do.
     */
    public void commitPoint() {
        int position = changes.size();
        if (position > 0 && (commitPoints.isEmpty() || commitPoints.get(commitPoints.size() - 1) != position)) {
            commitPoints.add(position);
        }
    }

    Map<String, StoredRecord> staged() {
        return staged;
    }

    List<PendingChange> changes() {
        return changes;
    }

    /** The writes grouped by the Salesforce transaction they commit in, empty groups left out. */
    List<List<PendingChange>> transactions() {
        List<List<PendingChange>> transactions = new ArrayList<>();
        int start = 0;
        for (int end : commitPoints) {
            if (end > start) {
                transactions.add(List.copyOf(changes.subList(start, end)));
            }
            start = end;
        }
        if (changes.size() > start) {
            transactions.add(List.copyOf(changes.subList(start, changes.size())));
        }
        return transactions;
    }
}
