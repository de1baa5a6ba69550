package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org's records, in memory. Every API call runs as one {@link OrgTransaction} under a single
 * lock; a transaction that returns normally commits, one that throws leaves nothing behind. An
 * API call is one Salesforce transaction unless it marks commit points (composite/batch commits
 * each subrequest): each part then gets its own transactionKey and commitNumber.
 *
 * <p>Listeners hear of each committed transaction after the lock is released (so a listener may
 * read the org), in commit order: commits queue up under the lock and one thread at a time drains
 * the queue, and a committing thread returns only once its own transaction was delivered.
 */
public final class OrgStore {

    /** How long a deleted record stays in the recycle bin (and visible to queryAll). */
    public static final Duration RECYCLE_BIN_RETENTION = Duration.ofDays(15);

    private static final Logger LOG = LoggerFactory.getLogger(OrgStore.class);

    private final OrgSchema schema;
    private final Clock clock;
    private final IdGenerator ids;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, StoredRecord> records = new LinkedHashMap<>();
    private final FieldValueIndex index = new FieldValueIndex(records);
    private final List<OrgChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<OrgSnapshot>> commitObservers = new CopyOnWriteArrayList<>();
    private final Deque<List<RecordChange>> undelivered = new ArrayDeque<>();
    private final Object deliveryLock = new Object();
    private long commitNumber;

    public OrgStore(OrgSchema schema, Clock clock, OrgSnapshot initial) {
        this.schema = schema;
        this.clock = clock;
        this.ids = new IdGenerator(initial.lastIssuedId());
        this.commitNumber = initial.commitNumber();
        initial.records().forEach(r -> records.put(r.id(), r));
    }

    public OrgSchema schema() {
        return schema;
    }

    public void addListener(OrgChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(OrgChangeListener listener) {
        listeners.remove(listener);
    }

    /** Called under the lock after every commit with the whole org, e.g. to save it to a file. */
    public void addCommitObserver(Consumer<OrgSnapshot> observer) {
        commitObservers.add(observer);
    }

    /** Runs the work as one transaction: commits if it returns, discards everything if it throws. */
    public <T> T inTransaction(TransactionOrigin origin, Function<OrgTransaction, T> work) {
        boolean committed;
        T result;
        lock.lock();
        try {
            purgeRecycleBin();
            OrgTransaction transaction = new OrgTransaction(schema, records, index, ids, transactionTime(), origin);
            result = work.apply(transaction);
            committed = commit(transaction);
        } finally {
            lock.unlock();
        }
        if (committed) {
            deliverUndelivered();
        }
        return result;
    }

    /** Runs read-only work against the committed data. */
    public <T> T read(Function<OrgView, T> work) {
        lock.lock();
        try {
            purgeRecycleBin();
            return work.apply(new OrgTransaction(schema, records, index, ids, transactionTime(), new TransactionOrigin("", null)));
        } finally {
            lock.unlock();
        }
    }

    /** Salesforce stores datetimes to the second, so the stamps of a transaction have no milliseconds. */
    private Instant transactionTime() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public OrgSnapshot snapshot() {
        lock.lock();
        try {
            return currentSnapshot();
        } finally {
            lock.unlock();
        }
    }

    private OrgSnapshot currentSnapshot() {
        return new OrgSnapshot(List.copyOf(records.values()), ids.lastIssued(), commitNumber);
    }

    /** Applies the transaction; its changes, one list per Salesforce transaction, wait for delivery. */
    private boolean commit(OrgTransaction transaction) {
        if (transaction.changes().isEmpty()) {
            return false;
        }
        for (StoredRecord after : transaction.staged().values()) {
            index.replace(records.get(after.id()), after);
        }
        records.putAll(transaction.staged());
        for (List<OrgTransaction.PendingChange> writes : transaction.transactions()) {
            commitNumber++;
            undelivered.add(RecordChangeFactory.changesOf(writes, transaction.origin(), UUID.randomUUID().toString(),
                    commitNumber, transaction.now()));
        }
        OrgSnapshot snapshot = commitObservers.isEmpty() ? null : currentSnapshot();
        for (Consumer<OrgSnapshot> observer : commitObservers) {
            observer.accept(snapshot);
        }
        return true;
    }

    private void deliverUndelivered() {
        synchronized (deliveryLock) {
            while (true) {
                List<RecordChange> next;
                lock.lock();
                try {
                    next = undelivered.poll();
                } finally {
                    lock.unlock();
                }
                if (next == null) {
                    return;
                }
                for (OrgChangeListener listener : listeners) {
                    try {
                        listener.onCommit(next);
                    } catch (RuntimeException e) {
                        LOG.warn("Change listener {} failed on commit {}", listener, next.get(0).context().commitNumber(), e);
                    }
                }
            }
        }
    }

    private void purgeRecycleBin() {
        Instant cutoff = clock.instant().minus(RECYCLE_BIN_RETENTION);
        records.values().removeIf(r -> {
            boolean purged = r.deletedAt() != null && r.deletedAt().isBefore(cutoff);
            if (purged) {
                index.replace(r, null);
            }
            return purged;
        });
    }
}
