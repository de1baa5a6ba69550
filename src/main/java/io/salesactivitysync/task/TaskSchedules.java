package io.salesactivitysync.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.store.TaskSyncStore;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What routes/task-schedule.camel.yaml runs: the reconciliation of recent changes (SystemModstamp
 * since its last run or the stream's checkpoint, whichever is older), the sweep of Tasks deleted in
 * Salesforce within sas.tasks.deleted-within, and the first syncs. Each run is safe on several
 * instances at once: changes are applied under row locks and compared with what the product last
 * saw, so a second run finds nothing left to change.
 */
@Component
public class TaskSchedules {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSchedules.class);
    static final String RECONCILE_MARK = "reconciliation";

    private final TaskSyncStore store;
    private final TaskChanges changes;
    private final TaskMapping mapping;
    private final TaskSyncProperties properties;
    private final TaskSyncMetrics metrics;
    private final TaskStreamWatch watch;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    public TaskSchedules(TaskSyncStore store, TaskChanges changes, TaskMapping mapping, TaskSyncProperties properties,
            TaskSyncMetrics metrics, TaskStreamWatch watch, Clock clock, PlatformTransactionManager transactions,
            ObjectMapper json) {
        this.store = store;
        this.changes = changes;
        this.mapping = mapping;
        this.properties = properties;
        this.metrics = metrics;
        this.watch = watch;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
    }

    // ------------------------------------------------------------------ query pages

    /** Reads one page of a query answer (rawPayload) into the records property; the next page's URL, if any. */
    public void page(String raw, Exchange exchange) throws IOException {
        JsonNode answer = json.readTree(raw);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = exchange.getProperty("records", List.class);
        if (records == null) {
            records = new ArrayList<>();
            exchange.setProperty("records", records);
        }
        for (JsonNode record : answer.path("records")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = json.convertValue(record, Map.class);
            values.remove("attributes");
            records.add(values);
        }
        boolean done = answer.path("done").asBoolean(true);
        exchange.setProperty("nextRecordsUrl", done ? null : answer.path("nextRecordsUrl").asText(null));
    }

    // ------------------------------------------------------------------ reconciliation

    /**
     * The reconciliation's query: the synced reps' Tasks changed since its last run (or the stream's
     * checkpoint, if older), less an overlap; null when no rep syncs tasks.
     */
    public String reconcileQuery(Exchange exchange) {
        List<String> owners = owners();
        if (owners.isEmpty()) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime since = store.mark(RECONCILE_MARK).orElse(now.minus(properties.firstSyncWindow()));
        Optional<OffsetDateTime> checkpoint = store.checkpoint(properties.channel())
                .map(TaskSyncStore.Checkpoint::committedAt).filter(Objects::nonNull);
        if (checkpoint.isPresent() && checkpoint.get().isBefore(since)) {
            since = checkpoint.get();
        }
        OffsetDateTime from = since.minus(properties.reconcileOverlap());
        exchange.setProperty("reconcileStartedAt", now);
        exchange.setProperty("reconcileFrom", from);
        return TaskQueries.changedSince(mapping, owners, from);
    }

    /** Applies what the reconciliation read; changes the stream should have delivered by now count as missed. */
    public void reconcile(@ExchangeProperty("records") List<Map<String, Object>> records,
            @ExchangeProperty("reconcileStartedAt") OffsetDateTime startedAt,
            @ExchangeProperty("reconcileFrom") OffsetDateTime from) {
        List<Map<String, Object>> all = records == null ? List.of() : records;
        OffsetDateTime graceLimit = startedAt.minus(properties.missedChangeGrace());
        int missed = 0;
        int applied = 0;
        for (Map<String, Object> record : all) {
            int changed = Objects.requireNonNullElse(transaction.execute(status ->
                    // a Task created before the window is imported by neither the stream nor this
                    changes.applyRecords(List.of(record), "reconciliation", Set.of(), from)), 0);
            applied += changed;
            OffsetDateTime modstamp = TaskChanges.datetime(TaskChanges.text(record.get("SystemModstamp")));
            if (changed > 0 && modstamp != null && modstamp.isBefore(graceLimit)) {
                missed++;
            }
        }
        store.setMark(RECONCILE_MARK, startedAt);
        metrics.applied("reconciliation", applied);
        if (missed > 0) {
            metrics.missed(missed);
            LOG.warn("The reconciliation applied {} changes the stream had not delivered", missed);
            watch.missed(missed);
        }
        LOG.debug("Reconciliation read {} Tasks, applied {}", all.size(), applied);
    }

    // ------------------------------------------------------------------ deleted sweep

    /** The synced reps' Tasks deleted within sas.tasks.deleted-within; null when no rep syncs tasks. */
    public String sweepQuery() {
        List<String> owners = owners();
        if (owners.isEmpty()) {
            return null;
        }
        return TaskQueries.deletedSince(owners, OffsetDateTime.now(clock).minus(properties.deletedWithin()));
    }

    public void sweep(@ExchangeProperty("records") List<Map<String, Object>> records) {
        int applied = 0;
        for (Map<String, Object> record : records == null ? List.<Map<String, Object>>of() : records) {
            String id = TaskChanges.text(record.get("Id"));
            applied += Objects.requireNonNullElse(transaction.execute(status -> changes.applyOne(
                    new SalesforceTask(id, "DELETE", Map.of(), null, false, null), false, "sweep")), 0);
        }
        metrics.applied("sweep", applied);
        if (applied > 0) {
            LOG.info("The deleted-Task sweep deleted {} product tasks", applied);
        }
    }

    // ------------------------------------------------------------------ first syncs

    /** Takes the next requested first sync: its query, or null when none waits (or the rep has no user). */
    public String firstSyncQuery(Exchange exchange) {
        Optional<Long> next = store.startFirstSync();
        if (next.isEmpty()) {
            return null;
        }
        long repId = next.get();
        exchange.setProperty("firstSyncRep", repId);
        Optional<TaskSyncStore.SyncRep> rep = store.syncedRep(repId);
        if (rep.isEmpty()) {
            store.finishFirstSync(repId, 0, 0, 0, "Task sync is off for the rep again: nothing imported");
            return null;
        }
        if (rep.get().userId() == null) {
            store.finishFirstSync(repId, 0, 0, 0, "The rep is not connected to a Salesforce user (salesforceUserId):"
                    + " nothing to import");
            return null;
        }
        return TaskQueries.firstSync(mapping, rep.get().userId(),
                OffsetDateTime.now(clock).minus(properties.firstSyncWindow()));
    }

    /** Imports the rep's recent Tasks: new ones created, known ones brought up to date. */
    public void firstSync(@ExchangeProperty("firstSyncRep") long repId,
            @ExchangeProperty("records") List<Map<String, Object>> records) {
        int imported = 0;
        int updated = 0;
        int skipped = 0;
        for (Map<String, Object> record : records == null ? List.<Map<String, Object>>of() : records) {
            String id = TaskChanges.text(record.get("Id"));
            boolean known = !store.bySalesforceIds(List.of(id)).isEmpty();
            int changed = Objects.requireNonNullElse(transaction.execute(status ->
                    changes.applyRecords(List.of(record), "first_sync", Set.of(), null)), 0);
            if (changed == 0) {
                skipped++;
            } else if (known) {
                updated++;
            } else {
                imported++;
            }
        }
        store.finishFirstSync(repId, imported, updated, skipped, null);
        metrics.applied("first_sync", imported + updated);
        LOG.info("First task sync of rep {}: {} imported, {} updated, {} skipped", repId, imported, updated, skipped);
    }

    public void firstSyncFailed(@ExchangeProperty("firstSyncRep") Long repId, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = io.salesactivitysync.salesforce.SalesforceErrors.of(failure).describe();
        LOG.warn("First task sync of rep {} failed: {}", repId, reason);
        if (repId != null) {
            store.finishFirstSync(repId, 0, 0, 0, reason);
        }
    }

    private List<String> owners() {
        return store.syncedReps().stream().map(TaskSyncStore.SyncRep::userId).filter(Objects::nonNull).distinct().toList();
    }
}
