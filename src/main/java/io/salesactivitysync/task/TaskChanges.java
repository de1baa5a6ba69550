package io.salesactivitysync.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.store.SyncedTask;
import io.salesactivitysync.store.TaskSyncStore;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Salesforce-side changes into the product (routes/task-inbound.camel.yaml and the schedules):
 * reads each stream event, routes it by its content ({@link TaskChangeRules}) and applies it, with
 * the stream's checkpoint, in one transaction. An event whose replay id is not above the
 * checkpoint was applied already (a repeated delivery) and changes nothing.
 */
@Component
public class TaskChanges {

    private static final Logger LOG = LoggerFactory.getLogger(TaskChanges.class);
    private static final DateTimeFormatter SALESFORCE_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private final TaskSyncStore store;
    private final TaskChangeRules rules;
    private final TaskMapping mapping;
    private final TaskSyncMetrics metrics;
    private final TaskSyncProperties properties;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final TaskStreamWatch stream;

    public TaskChanges(TaskSyncStore store, TaskMapping mapping, TaskSyncMetrics metrics, TaskSyncProperties properties,
            PlatformTransactionManager transactions, ObjectMapper json, @org.springframework.context.annotation.Lazy TaskStreamWatch stream) {
        this.store = store;
        this.rules = new TaskChangeRules(mapping);
        this.mapping = mapping;
        this.metrics = metrics;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.stream = stream;
    }

    // ------------------------------------------------------------------ the stream

    /**
     * The stream event in the raw JSON camel-salesforce hands over (rawPayload). An event the
     * product cannot read is MALFORMED: {@link #apply} moves the checkpoint past it, counts and logs
     * it, rather than have the stream replay it for ever.
     */
    public TaskEvent read(String raw, @org.apache.camel.Header("CamelSalesforceReplayId") Long replayHeader,
            @org.apache.camel.Header("CamelSalesforceChannel") String channelHeader,
            @org.apache.camel.Header("CamelSalesforceEventType") String pushTopicEventType,
            @org.apache.camel.Header("CamelSalesforceCreatedDate") Object pushTopicCreatedDate) {
        String channel = channelHeader == null ? properties.channel() : channelHeader;
        long replay = replayHeader == null ? -1 : replayHeader;
        try {
            TaskEvent event = channel.startsWith("/topic/")
                    ? parsePushTopic(raw, channel, replay, pushTopicEventType, text(pushTopicCreatedDate))
                    : parse(raw);
            if (event.recordIds().isEmpty() || event.recordIds().stream().anyMatch(
                    id -> !io.salesactivitysync.salesforce.SalesforceId.isValid(id))) {
                throw new IOException("no valid record ids: " + event.recordIds());
            }
            return event;
        } catch (IOException | RuntimeException e) {
            LOG.warn("A task stream event (replay id {}) could not be read and is skipped: {}", replay, e.getMessage());
            return new TaskEvent(channel, replay, "MALFORMED", List.of(), null, Map.of(), "", null);
        }
    }

    private TaskEvent parse(String raw) throws IOException {
        if (raw == null) {
            throw new IOException("the event has no body");
        }
        JsonNode message = json.readTree(raw);
        String channel = message.path("channel").asText(properties.channel());
        JsonNode data = message.path("data");
        long replayId = data.path("event").path("replayId").asLong();
        JsonNode payload = data.path("payload");
        if (payload.has("ChangeEventHeader")) {
            JsonNode header = payload.get("ChangeEventHeader");
            List<String> ids = new ArrayList<>();
            JsonNode recordIds = header.path("recordIds");
            if (!recordIds.isArray()) {
                throw new IOException("recordIds is not a list");
            }
            for (JsonNode id : recordIds) {
                if (!id.isTextual()) {
                    throw new IOException("a record id is not a string");
                }
                ids.add(id.asText());
            }
            String changeType = header.path("changeType").asText();
            Set<String> changed = null;
            if ("UPDATE".equals(changeType)) {
                changed = new LinkedHashSet<>();
                for (JsonNode field : header.path("changedFields")) {
                    changed.add(field.asText());
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            payload.fields().forEachRemaining(field -> {
                if (!"ChangeEventHeader".equals(field.getKey())) {
                    values.put(field.getKey(), field.getValue().isNull() ? null
                            : field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
                }
            });
            long committed = header.path("commitTimestamp").asLong(0);
            return new TaskEvent(channel, replayId, changeType, ids, changed, values,
                    header.path("changeOrigin").asText(""),
                    committed == 0 ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(committed), ZoneOffset.UTC));
        }
        throw new IOException("not a change event: no ChangeEventHeader");
    }

    /**
     * A PushTopic notification: camel hands over the record's selected fields (rawPayload), the
     * event type and time in headers. The fields cannot include Description (a long text area), so
     * the record is read again and compared as a whole.
     */
    private TaskEvent parsePushTopic(String raw, String channel, long replayId, String type, String createdDate)
            throws IOException {
        if (raw == null || type == null) {
            throw new IOException("a PushTopic notification without its record or its type");
        }
        JsonNode sobject = json.readTree(raw);
        Map<String, Object> values = new LinkedHashMap<>();
        sobject.fields().forEachRemaining(field -> values.put(field.getKey(),
                field.getValue().isNull() ? null : field.getValue().asText()));
        if (!sobject.path("Id").isTextual()) {
            throw new IOException("a PushTopic notification whose record has no Id string");
        }
        String upper = type.toUpperCase(java.util.Locale.ROOT);
        String changeType = "DELETED".equals(upper) ? "DELETE" : "PUSHTOPIC_" + upper;
        return new TaskEvent(channel, replayId, changeType, List.of(sobject.path("Id").asText()), null, values, "",
                datetime(createdDate));
    }

    /** The query that reads again the records a GAP event names. */
    public String rereadQuery(@ExchangeProperty("event") TaskEvent event) {
        return TaskQueries.byIds(mapping, event.recordIds());
    }

    /**
     * Applies the event (with the records read again for a GAP event) and moves the checkpoint,
     * in one transaction. A replay id not above the checkpoint is a repeated delivery: nothing.
     */
    public void apply(@ExchangeProperty("event") TaskEvent event,
            @ExchangeProperty("records") List<Map<String, Object>> reread) {
        if (stream.replaying()) {
            // an earlier event failed: applying this one would move the checkpoint past it
            throw new IllegalStateException("event " + event.replayId() + " waits: an earlier event failed and the"
                    + " stream replays from the checkpoint");
        }
        int applied = transaction.execute(status -> {
            TaskSyncStore.Checkpoint checkpoint = store.lockCheckpoint(event.channel());
            if (event.replayId() <= checkpoint.replayId()) {
                metrics.filtered("duplicate");
                LOG.debug("Event {} of {} was applied already (checkpoint {})", event.replayId(), event.channel(),
                        checkpoint.replayId());
                return -1;
            }
            int count = 0;
            if ("MALFORMED".equals(event.changeType())) {
                metrics.filtered("malformed");
            } else if (event.needsReread()) {
                // a record read again is imported only for a create the stream saw (GAP_CREATE, a
                // PushTopic notification of a create or undelete), as a full event would be
                boolean creates = event.changeType().endsWith("CREATE") || event.changeType().endsWith("CREATED")
                        || event.changeType().endsWith("UNDELETE") || event.changeType().endsWith("UNDELETED");
                count += applyRecords(reread == null ? List.of() : reread, "stream", Set.copyOf(event.recordIds()),
                        creates ? null : OffsetDateTime.MAX);
            } else {
                boolean own = ownChange(event.changeOrigin());
                OffsetDateTime lastModified = Optional.ofNullable(datetime(text(event.values().get("LastModifiedDate"))))
                        .orElse(event.committedAt());
                for (String id : event.recordIds()) {
                    count += applyOne(new SalesforceTask(id, event.changeType(), event.values(), event.changedFields(),
                            own, lastModified), true, "stream");
                }
            }
            store.saveCheckpoint(event.channel(), event.replayId(), event.committedAt());
            return count;
        });
        if (applied < 0) {
            return; // a repeated delivery
        }
        stream.applied(event);
        metrics.applied("stream", applied);
        if (applied > 0) {
            metrics.lag(event.committedAt());
        }
    }

    // ------------------------------------------------------------------ records read by queries

    /**
     * Applies whole Task records read by a query (a reconciliation, a GAP event, the first sync):
     * each one's fields are compared with what the product last saw, so only what changed in
     * Salesforce is applied. Joins the caller's transaction, if any.
     *
     * @param expected     for a GAP event the records named (one missing from the answer was deleted
     *                     and purged); empty otherwise
     * @param importSince  a record the product does not know is imported when it was created at or
     *                     after this time (null: whatever its age; OffsetDateTime.MAX: never), as the
     *                     stream imports only the creates it sees
     * @return the changes applied
     */
    int applyRecords(List<Map<String, Object>> records, String source, Set<String> expected, OffsetDateTime importSince) {
        int count = 0;
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> record : records) {
            String id = text(record.get("Id"));
            seen.add(id);
            OffsetDateTime lastModified = datetime(text(record.get("LastModifiedDate")));
            boolean deleted = Boolean.TRUE.equals(record.get("IsDeleted")) || "true".equals(text(record.get("IsDeleted")));
            OffsetDateTime created = datetime(text(record.get("CreatedDate")));
            boolean importable = importSince == null || (created != null && !created.isBefore(importSince));
            count += applyOne(new SalesforceTask(id, deleted ? "DELETE" : "RECORD", record, null, false, lastModified),
                    importable, source);
        }
        for (String id : expected) {
            if (!seen.contains(id)) {
                count += applyOne(new SalesforceTask(id, "DELETE", Map.of(), null, false, null), true, source);
            }
        }
        return count;
    }

    /** Applies one change; answers 1 when it changed the product. */
    int applyOne(SalesforceTask change, boolean importAllowed, String source) {
        Optional<SyncedTask> known = store.lockBySalesforceId(change.id());
        TaskChangeRules.Decision decision;
        if (known.isPresent()) {
            decision = rules.forKnown(change, known.get(), store.pendingFields(known.get().id()));
        } else {
            boolean ownerSynced = store.syncedRepOfUser(change.text("OwnerId")).isPresent();
            decision = rules.forUnknown(change, ownerSynced, importAllowed);
        }
        decision.filtered().forEach(reason -> {
            metrics.filtered(reason);
            if (!TaskChangeRules.OWN_CHANGE.equals(reason) && !TaskChangeRules.OWNER_NOT_SYNCED.equals(reason)
                    && !TaskChangeRules.NOT_A_REMINDER.equals(reason) && !TaskChangeRules.STALE.equals(reason)) {
                LOG.info("Salesforce Task {} ({} from {}): {} not applied", change.id(), change.change(), source, reason);
            }
        });
        String notes = String.join("; ", decision.notes());
        switch (decision.action()) {
            case "import" -> {
                long repId = store.syncedRepOfUser(change.text("OwnerId")).orElseThrow().id();
                long taskId = store.importTask(repId, decision.productValues(), change.id(), decision.snapshot(),
                        change.lastModified(), "from Salesforce Task " + change.id() + " (" + source + ")"
                                + (notes.isEmpty() ? "" : "; " + notes));
                LOG.info("Salesforce Task {} imported as task {} ({})", change.id(), taskId, source);
                return 1;
            }
            case "delete" -> {
                store.deleteFromSalesforce(known.orElseThrow().id(), "Salesforce Task " + change.id() + " deleted ("
                        + source + ")");
                LOG.info("Task {} deleted: its Salesforce Task {} was deleted ({})", known.get().id(), change.id(), source);
                return 1;
            }
            case "apply", "snapshot" -> {
                SyncedTask task = known.orElseThrow();
                store.applyFromSalesforce(task.id(), decision.productValues(), decision.snapshot(), change.lastModified());
                if (!decision.dropPending().isEmpty()) {
                    store.dropPendingFields(task.id(), decision.dropPending());
                }
                if (decision.changesProduct() || !notes.isEmpty()) {
                    store.history(task.id(), "salesforce", decision.changesProduct() ? "applied" : "filtered",
                            (decision.changesProduct() ? String.join(", ", decision.productValues().keySet()) : "")
                                    + (notes.isEmpty() ? "" : (decision.changesProduct() ? "; " : "") + notes)
                                    + " (" + source + ")");
                }
                return decision.changesProduct() ? 1 : 0;
            }
            default -> {
                if (known.isPresent() && !notes.isEmpty()) {
                    store.history(known.get().id(), "salesforce", "filtered", notes + " (" + source + ")");
                }
                return 0;
            }
        }
    }

    /**
     * Whether the change origin ({@code com/salesforce/api/rest/56.0;client=<id>}) names the
     * product's client id as its client parameter.
     */
    boolean ownChange(String changeOrigin) {
        if (changeOrigin == null) {
            return false;
        }
        String own = "client=" + properties.clientId();
        for (String part : changeOrigin.split(";")) {
            if (part.strip().equals(own)) {
                return true;
            }
        }
        return false;
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static OffsetDateTime datetime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, SALESFORCE_DATETIME);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
