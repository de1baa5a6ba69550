package io.salesactivitysync.task;

import io.salesactivitysync.salesforce.ApiUsageMonitor;
import io.salesactivitysync.salesforce.ErrorClass;
import io.salesactivitysync.salesforce.SalesforceErrors;
import io.salesactivitysync.salesforce.SalesforceProblem;
import io.salesactivitysync.salesforce.SalesforceRecord;
import io.salesactivitysync.store.TaskSyncStore;
import io.salesactivitysync.store.TaskSyncStore.OutboxWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.DeleteSObjectResult;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Product changes out to Salesforce (routes/task-outbound.camel.yaml): takes the due outbox
 * entries of up to sas.tasks.batch-size tasks, reduces each task's entries to one write, and
 * sends them in at most three calls: creates as upserts by the task's external id (a create sent
 * twice after a crash makes one Task), updates of the changed fields only, deletes. Each write
 * carries the product's client id (Sforce-Call-Options), so its change event is known as the
 * product's own when it comes back.
 */
@Component
public class TaskOutbound {

    private static final Logger LOG = LoggerFactory.getLogger(TaskOutbound.class);
    /** Salesforce's answer for a Task deleted (or never there): the product's write has nothing to change. */
    private static final List<String> GONE = List.of("ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY", "NOT_FOUND");
    private static final String FIELD_SECURITY = "INVALID_FIELD_FOR_INSERT_UPDATE";

    private final TaskSyncStore store;
    private final TaskMapping mapping;
    private final TaskSyncProperties properties;
    private final TaskSyncMetrics metrics;
    private final ApiUsageMonitor apiUsage;
    /**
     * Tasks whose create reached Salesforce although its answer was lost (a timeout): the upsert
     * sent again finds the Task, and Salesforce refuses the create-only fields on it. Their next
     * upsert goes without them. Kept in memory: after a restart one refusal finds them again.
     */
    private final Set<Long> createsThatLanded = ConcurrentHashMap.newKeySet();

    public TaskOutbound(TaskSyncStore store, TaskMapping mapping, TaskSyncProperties properties, TaskSyncMetrics metrics,
            ApiUsageMonitor apiUsage) {
        this.store = store;
        this.mapping = mapping;
        this.properties = properties;
        this.metrics = metrics;
        this.apiUsage = apiUsage;
    }

    /** One drain of the outbox: what is sent, and how each write ended. */
    public static final class Batch {
        final List<Write> creates = new ArrayList<>();
        final List<Write> updates = new ArrayList<>();
        final List<Write> deletes = new ArrayList<>();
        int claimed;

        /** Tasks taken from the outbox by this drain: while a drain takes some, the next one follows at once. */
        public int getClaimed() {
            return claimed;
        }

        public boolean hasCreates() {
            return !creates.isEmpty();
        }

        public boolean hasUpdates() {
            return !updates.isEmpty();
        }

        public boolean hasDeletes() {
            return !deletes.isEmpty();
        }

        public boolean isEmpty() {
            return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
        }

        public int size() {
            return creates.size() + updates.size() + deletes.size();
        }
    }

    record Write(OutboxWork work, SalesforceRecord record, Map<String, Object> written) {
    }

    /** The Sforce-Call-Options header value every write carries. */
    public String callOptions() {
        return "client=" + properties.clientId();
    }

    /** Takes the due entries (nothing while calls to Salesforce are paused for API usage). */
    public Batch claim() {
        Batch batch = new Batch();
        if (apiUsage.paused()) {
            return batch;
        }
        Map<Long, TaskSyncStore.SyncRep> reps = new HashMap<>();
        store.syncedReps().forEach(rep -> reps.put(rep.id(), rep));
        List<OutboxWork> claimed = store.claimOutbox(properties.batchSize(), properties.outboxLease());
        batch.claimed = claimed.size();
        for (OutboxWork work : claimed) {
            TaskSyncStore.SyncRep rep = reps.get(work.repId());
            if (rep == null || rep.userId() == null) {
                store.outboxFailed(work, rep == null ? "The owner's task sync is off: not sent"
                        : "The owner is not connected to a Salesforce user: not sent", null);
                metrics.sent(work.operation(), "failed");
                continue;
            }
            switch (work.operation()) {
                case "delete" -> batch.deletes.add(new Write(work, null, Map.of()));
                case "create" -> {
                    SalesforceRecord record = mapping.record(work.task(), TaskSyncStore.FIELDS, rep.subjectTemplate(),
                            rep.userId());
                    record.put(mapping.externalIdField(), TaskChangeRules.EXTERNAL_ID_PREFIX + work.taskId());
                    if (createsThatLanded.contains(work.taskId())) {
                        TaskMapping.CREATE_ONLY.forEach(record::remove);
                    }
                    batch.creates.add(new Write(work, record, written(record)));
                }
                default -> {
                    List<String> fields = work.fields().isEmpty() ? TaskSyncStore.FIELDS : List.copyOf(work.fields());
                    SalesforceRecord record = mapping.record(work.task(), fields, rep.subjectTemplate(), null);
                    record.setId(work.salesforceTaskId());
                    batch.updates.add(new Write(work, record, written(record)));
                }
            }
        }
        return batch;
    }

    public List<SalesforceRecord> creates(@ExchangeProperty("outbound") Batch batch) {
        return batch.creates.stream().map(Write::record).toList();
    }

    public List<SalesforceRecord> updates(@ExchangeProperty("outbound") Batch batch) {
        return batch.updates.stream().map(Write::record).toList();
    }

    /** The ids to delete (the body of compositeDeleteSObjectCollections). */
    public List<String> deletes(@ExchangeProperty("outbound") Batch batch) {
        return batch.deletes.stream().map(write -> write.work().salesforceTaskId()).toList();
    }

    public void created(@ExchangeProperty("outbound") Batch batch, List<UpsertSObjectResult> results) {
        for (int i = 0; i < batch.creates.size(); i++) {
            UpsertSObjectResult result = results != null && i < results.size() ? results.get(i) : null;
            Write write = batch.creates.get(i);
            if (result != null && Boolean.TRUE.equals(result.getSuccess())) {
                createsThatLanded.remove(write.work().taskId());
                store.outboxSent(write.work(), result.getId(), write.written(), "created Salesforce Task " + result.getId());
                metrics.sent("create", "sent");
            } else {
                refused(write, result == null ? null : result.getErrors());
            }
        }
        batch.creates.clear();
    }

    public void updated(@ExchangeProperty("outbound") Batch batch, List<SaveSObjectResult> results) {
        saved(batch.updates, results == null ? List.of() : results.stream()
                .map(r -> new Outcome(Boolean.TRUE.equals(r.getSuccess()), r.getErrors())).toList(), "update");
    }

    public void deleted(@ExchangeProperty("outbound") Batch batch, List<DeleteSObjectResult> results) {
        saved(batch.deletes, results == null ? List.of() : results.stream()
                .map(r -> new Outcome(Boolean.TRUE.equals(r.getSuccess()), r.getErrors())).toList(), "delete");
    }

    private record Outcome(boolean success, List<RestError> errors) {
    }

    private void saved(List<Write> writes, List<Outcome> results, String operation) {
        for (int i = 0; i < writes.size(); i++) {
            Outcome result = i < results.size() ? results.get(i) : null;
            Write write = writes.get(i);
            if (result != null && result.success()) {
                store.outboxSent(write.work(), write.work().salesforceTaskId(), write.written(),
                        operation + "d Salesforce Task " + write.work().salesforceTaskId() + " ("
                                + String.join(", ", write.written().keySet()) + ")");
                metrics.sent(operation, "sent");
            } else {
                refused(write, result == null ? null : result.errors());
            }
        }
        writes.clear();
    }

    private void refused(Write write, List<RestError> errors) {
        RestError error = errors == null || errors.isEmpty()
                ? new RestError("UNKNOWN_ERROR", "Salesforce sent no result for this record") : errors.get(0);
        SalesforceProblem problem = SalesforceErrors.of(error.getErrorCode(), error.getMessage(), error.getFields());
        OutboxWork work = write.work();
        if (GONE.contains(problem.code()) && !"create".equals(work.operation())) {
            // deleted in Salesforce meanwhile: the stream's delete (or the sweep) removes the task
            store.outboxSent(work, work.salesforceTaskId(), Map.of(), "not " + work.operation() + "d: the Salesforce Task "
                    + work.salesforceTaskId() + " is deleted (" + problem.code() + ")");
            metrics.sent(work.operation(), "gone");
            return;
        }
        if ("create".equals(work.operation()) && landedEarlier(problem) && createsThatLanded.add(work.taskId())) {
            String reason = "Salesforce has this Task already (an earlier send reached it, its answer was lost), and"
                    + " refused " + String.join(", ", TaskMapping.CREATE_ONLY) + " on it, which only a create sets: sent again without";
            store.outboxFailed(work, reason, Duration.ZERO);
            metrics.sent(work.operation(), "retry");
            LOG.info("Task {}: {}", work.taskId(), reason);
            return;
        }
        fail(work, problem);
    }

    /** Salesforce refused only create-only fields of an upsert: it found the Task, so the create had landed. */
    private static boolean landedEarlier(SalesforceProblem problem) {
        if (!FIELD_SECURITY.equals(problem.code())) {
            return false;
        }
        if (!problem.fields().isEmpty()) {
            return TaskMapping.CREATE_ONLY.containsAll(problem.fields());
        }
        String message = String.valueOf(problem.message());
        return TaskMapping.CREATE_ONLY.stream().anyMatch(message::contains);
    }

    /** A call failed for the whole batch (after the route's redeliveries): every write waits or fails. */
    public void failed(@ExchangeProperty("outbound") Batch batch, Exchange exchange) {
        Exception exception = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SalesforceProblem problem = SalesforceErrors.of(exception);
        LOG.warn("Writing {} task changes to Salesforce failed: {}", batch == null ? 0 : batch.size(), problem.describe());
        if (batch == null) {
            return;
        }
        List<Write> all = new ArrayList<>(batch.creates);
        all.addAll(batch.updates);
        all.addAll(batch.deletes);
        for (Write write : all) {
            fail(write.work(), problem);
        }
        batch.creates.clear();
        batch.updates.clear();
        batch.deletes.clear();
    }

    private void fail(OutboxWork work, SalesforceProblem problem) {
        boolean retry = (problem.errorClass() == ErrorClass.INTERMITTENT || problem.errorClass() == ErrorClass.AUTH
                || problem.unexpected()) && work.attempts() + 1 < properties.maxAttempts();
        Duration wait = null;
        if (retry) {
            long factor = 1L << Math.min(20, work.attempts());
            wait = properties.retryBackoff().multipliedBy(factor);
            if (wait.compareTo(properties.retryBackoffMax()) > 0) {
                wait = properties.retryBackoffMax();
            }
        }
        String reason = "Salesforce refused the " + work.operation() + ": " + problem.describe()
                + (retry ? "; tried again in " + wait.toSeconds() + "s" : "");
        store.outboxFailed(work, reason, wait);
        metrics.sent(work.operation(), retry ? "retry" : "failed");
        LOG.warn("Task {}: {}", work.taskId(), reason);
    }

    private Map<String, Object> written(SalesforceRecord record) {
        Map<String, Object> written = new LinkedHashMap<>();
        for (String sfField : mapping.salesforceFields()) {
            if (record.fields().containsKey(sfField)) {
                written.put(sfField, record.get(sfField));
            }
        }
        return mapping.snapshot(written);
    }
}
