package io.salesactivitysync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sync's side of the task store: the outbox as the outbound route drains it, tasks as changes
 * from Salesforce are applied to them, the stream's checkpoints, the reconciliation's marks and
 * the first syncs. Every method joins the caller's transaction, so that a change from Salesforce
 * and the checkpoint of the event that carried it are committed together.
 */
@Repository
public class TaskSyncStore {

    /** The product's task fields the sync maps, in the order they are shown. */
    public static final List<String> FIELDS = List.of("name", "status", "priority", "due_date", "details");

    private static final String SYNC_ON = "COALESCE(rs.task_sync_mode, os.task_sync_mode) = 'sync'";
    private static final String REP_JOIN = " JOIN reps r ON r.id = t.owner_rep_id LEFT JOIN rep_settings rs ON rs.rep_id = r.id"
            + " CROSS JOIN org_settings os";
    private static final String TASK_COLUMNS = "t.id, t.owner_rep_id, COALESCE(r.connected_user_id, r.salesforce_user_id)"
            + " AS owner_user_id, CASE WHEN " + SYNC_ON + " THEN 1 ELSE 0 END AS sync_on, t.synced,"
            + " t.salesforce_task_id, t.name, t.status, t.priority, t.due_date, t.details, t.sf_subject, t.sf_status,"
            + " t.sf_priority, t.sf_activity_date, t.sf_description, t.sf_modified_at, t.name_changed_at,"
            + " t.status_changed_at, t.priority_changed_at, t.due_date_changed_at, t.details_changed_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TaskStore tasks;

    public TaskSyncStore(JdbcClient jdbc, Clock clock, TaskStore tasks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tasks = tasks;
    }

    // ------------------------------------------------------------------ reps

    /** A rep whose task sync is on, with the Salesforce User its Tasks belong to (null: not connected). */
    public record SyncRep(long id, String userId, String timeZone, String subjectTemplate) {
    }

    @Transactional(readOnly = true)
    public List<SyncRep> syncedReps() {
        return jdbc.sql("SELECT r.id, COALESCE(r.connected_user_id, r.salesforce_user_id) AS user_id, r.time_zone,"
                        + " COALESCE(rs.subject_template, os.subject_template) AS subject_template FROM reps r"
                        + " LEFT JOIN rep_settings rs ON rs.rep_id = r.id CROSS JOIN org_settings os WHERE " + SYNC_ON
                        + " ORDER BY r.id")
                .query((rs, row) -> new SyncRep(rs.getLong("id"), rs.getString("user_id"), rs.getString("time_zone"),
                        rs.getString("subject_template")))
                .list();
    }

    /** The rep with task sync on whose Salesforce User this is. */
    @Transactional(readOnly = true)
    public Optional<SyncRep> syncedRepOfUser(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return syncedReps().stream().filter(rep -> userId.equals(rep.userId())).findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<SyncRep> syncedRep(long repId) {
        return syncedReps().stream().filter(rep -> rep.id() == repId).findFirst();
    }

    // ------------------------------------------------------------------ tasks

    /** The task synced with this Salesforce Task, its row locked until the transaction ends. */
    @Transactional
    public Optional<SyncedTask> lockBySalesforceId(String salesforceTaskId) {
        Optional<Long> id = jdbc.sql("SELECT id FROM tasks WHERE salesforce_task_id = :sfId FOR UPDATE")
                .param("sfId", salesforceTaskId)
                .query(Long.class)
                .optional();
        return id.flatMap(this::read);
    }

    @Transactional(readOnly = true)
    public Optional<SyncedTask> read(long taskId) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM tasks t" + REP_JOIN + " WHERE t.id = :id")
                .param("id", taskId)
                .query(TaskSyncStore::mapSyncedTask)
                .optional();
    }

    /** The product tasks synced with these Salesforce Tasks (the sweep, the reconciliation). */
    @Transactional(readOnly = true)
    public Map<String, SyncedTask> bySalesforceIds(Collection<String> salesforceTaskIds) {
        Map<String, SyncedTask> found = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(salesforceTaskIds));
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("SELECT " + TASK_COLUMNS + " FROM tasks t" + REP_JOIN + " WHERE t.salesforce_task_id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query(TaskSyncStore::mapSyncedTask)
                    .list()
                    .forEach(task -> found.put(task.salesforceTaskId(), task));
        }
        return found;
    }

    /** A Salesforce Task taken into the product (created in Salesforce, or by the first sync). */
    @Transactional
    public long importTask(long repId, Map<String, Object> product, String salesforceTaskId,
            Map<String, Object> salesforce, OffsetDateTime sfModifiedAt, String detail) {
        OffsetDateTime now = StoreClock.now(clock);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO tasks (name, status, priority, due_date, details, owner_rep_id, salesforce_task_id, origin,"
                        + " synced, sf_subject, sf_status, sf_priority, sf_activity_date, sf_description, sf_modified_at,"
                        + " created_at, updated_at) VALUES (:name, :status, :priority, :due_date, :details, :rep, :sfId,"
                        + " 'salesforce', TRUE, :Subject, :Status, :Priority, :ActivityDate, :Description, :modified,"
                        + " :now, :now)")
                .params(product)
                .params(snapshotParams(salesforce))
                .param("rep", repId)
                .param("sfId", salesforceTaskId)
                .param("modified", sfModifiedAt)
                .param("now", now)
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        tasks.history(id, "salesforce", "imported", detail);
        return id;
    }

    /**
     * Applies changes decided from Salesforce: the product values (no outbox entry: they came from
     * Salesforce), and the Salesforce side as now known.
     */
    @Transactional
    public void applyFromSalesforce(long taskId, Map<String, Object> productChanges, Map<String, Object> salesforce,
            OffsetDateTime sfModifiedAt) {
        StringBuilder set = new StringBuilder("sf_subject = :Subject, sf_status = :Status, sf_priority = :Priority,"
                + " sf_activity_date = :ActivityDate, sf_description = :Description,"
                + " sf_modified_at = COALESCE(:modified, sf_modified_at)");
        Map<String, Object> params = new HashMap<>(snapshotParams(salesforce));
        for (Map.Entry<String, Object> change : productChanges.entrySet()) {
            if (!FIELDS.contains(change.getKey())) {
                throw new IllegalArgumentException("Not a task field: " + change.getKey());
            }
            set.append(", ").append(change.getKey()).append(" = :p_").append(change.getKey());
            params.put("p_" + change.getKey(), change.getValue());
        }
        if (!productChanges.isEmpty()) {
            set.append(", updated_at = :now");
        }
        jdbc.sql("UPDATE tasks SET " + set + " WHERE id = :id")
                .params(params)
                .param("modified", sfModifiedAt)
                .param("now", StoreClock.now(clock))
                .param("id", taskId)
                .update();
    }

    /** A change from Salesforce won over product changes not sent yet: those fields are not sent. */
    @Transactional
    public void dropPendingFields(long taskId, Set<String> fields) {
        List<Map<String, Object>> entries = jdbc.sql("SELECT id, fields FROM task_outbox WHERE task_id = :task"
                        + " AND operation = 'update'")
                .param("task", taskId)
                .query((rs, row) -> Map.<String, Object>of("id", rs.getLong("id"),
                        "fields", rs.getString("fields") == null ? "" : rs.getString("fields")))
                .list();
        for (Map<String, Object> entry : entries) {
            List<String> left = new ArrayList<>();
            for (String field : ((String) entry.get("fields")).split(",")) {
                if (!field.isBlank() && !fields.contains(field)) {
                    left.add(field);
                }
            }
            if (left.isEmpty()) {
                jdbc.sql("DELETE FROM task_outbox WHERE id = :id").param("id", entry.get("id")).update();
            } else {
                jdbc.sql("UPDATE task_outbox SET fields = :fields WHERE id = :id").param("fields", String.join(",", left))
                        .param("id", entry.get("id")).update();
            }
        }
    }

    /** The fields of the task's changes waiting in the outbox. */
    @Transactional(readOnly = true)
    public Set<String> pendingFields(long taskId) {
        Set<String> fields = new LinkedHashSet<>();
        jdbc.sql("SELECT fields FROM task_outbox WHERE task_id = :task AND state = 'pending'")
                .param("task", taskId)
                .query(String.class)
                .list()
                .forEach(list -> {
                    if (list != null) {
                        fields.addAll(List.of(list.split(",")));
                    }
                });
        return fields;
    }

    /** The Task was deleted in Salesforce: the product task goes too, with whatever waited to be sent. */
    @Transactional
    public void deleteFromSalesforce(long taskId, String detail) {
        jdbc.sql("DELETE FROM task_outbox WHERE task_id = :id").param("id", taskId).update();
        jdbc.sql("DELETE FROM tasks WHERE id = :id").param("id", taskId).update();
        tasks.history(taskId, "salesforce", "deleted", detail);
    }

    @Transactional
    public void history(long taskId, String side, String event, String detail) {
        tasks.history(taskId, side, event, detail);
    }

    // ------------------------------------------------------------------ outbox

    /**
     * What the outbox holds for one task, reduced to one write: create (no Salesforce Task yet),
     * update (the union of the changed fields) or delete.
     *
     * @param task   the task now (null for a delete: the task is gone)
     * @param lastId the newest entry taken: entries up to it are done once the write succeeded
     */
    public record OutboxWork(long taskId, long repId, String operation, String salesforceTaskId, Set<String> fields,
            SyncedTask task, long lastId, int attempts) {
    }

    /**
     * Takes the outbox entries of up to {@code limit} tasks that have a due one, leased for
     * {@code lease}: another instance does not take them meanwhile, and after a crash they are taken
     * again once it passed (a create is an upsert by the task's external id, so taking it twice
     * makes one Task). A task's write carries every entry it has, those waiting for a retry and
     * those Salesforce refused included: a write that succeeds settles them all.
     */
    @Transactional
    public List<OutboxWork> claimOutbox(int limit, Duration lease) {
        OffsetDateTime now = StoreClock.now(clock);
        List<Long> taskIds = jdbc.sql("SELECT task_id FROM task_outbox WHERE state = 'pending' AND next_attempt_at <= :now"
                        + " GROUP BY task_id ORDER BY MIN(id) FETCH FIRST :limit ROWS ONLY")
                .param("now", now)
                .param("limit", limit)
                .query(Long.class)
                .list();
        List<OutboxWork> work = new ArrayList<>();
        for (long taskId : taskIds) {
            List<Map<String, Object>> entries = jdbc.sql("SELECT id, rep_id, operation, salesforce_task_id, fields, attempts,"
                            + " state FROM task_outbox WHERE task_id = :task ORDER BY id")
                    .param("task", taskId)
                    .query((rs, row) -> {
                        Map<String, Object> entry = new HashMap<>();
                        entry.put("id", rs.getLong("id"));
                        entry.put("rep", rs.getLong("rep_id"));
                        entry.put("operation", rs.getString("operation"));
                        entry.put("sfId", rs.getString("salesforce_task_id"));
                        entry.put("fields", rs.getString("fields"));
                        // a refused change sent again by a new edit or a retry starts its tries afresh
                        entry.put("attempts", "failed".equals(rs.getString("state")) ? 0 : rs.getInt("attempts"));
                        return entry;
                    })
                    .list();
            if (entries.isEmpty()) {
                continue;
            }
            long lastId = (Long) entries.get(entries.size() - 1).get("id");
            // taken only if another instance has not leased its due entries first
            int leased = jdbc.sql("UPDATE task_outbox SET next_attempt_at = :until WHERE task_id = :task"
                            + " AND state = 'pending' AND next_attempt_at <= :now AND id <= :last")
                    .param("until", now.plus(lease))
                    .param("task", taskId)
                    .param("now", now)
                    .param("last", lastId)
                    .update();
            if (leased == 0) {
                continue;
            }
            jdbc.sql("UPDATE task_outbox SET next_attempt_at = :until WHERE task_id = :task AND id <= :last")
                    .param("until", now.plus(lease))
                    .param("task", taskId)
                    .param("last", lastId)
                    .update();
            Set<String> fields = new LinkedHashSet<>();
            String operation = "update";
            String sfId = null;
            int attempts = 0;
            for (Map<String, Object> entry : entries) {
                attempts = Math.max(attempts, (Integer) entry.get("attempts"));
                String op = (String) entry.get("operation");
                if ("delete".equals(op)) {
                    operation = "delete";
                    sfId = (String) entry.get("sfId");
                } else if ("create".equals(op) && !"delete".equals(operation)) {
                    operation = "create";
                }
                if (entry.get("fields") != null) {
                    fields.addAll(List.of(((String) entry.get("fields")).split(",")));
                }
            }
            long repId = (Long) entries.get(0).get("rep");
            SyncedTask task = "delete".equals(operation) ? null : read(taskId).orElse(null);
            if (task == null && !"delete".equals(operation)) {
                // the task was deleted meanwhile: its delete entry says what to do
                jdbc.sql("DELETE FROM task_outbox WHERE task_id = :task AND id <= :last").param("task", taskId)
                        .param("last", lastId).update();
                continue;
            }
            if (task != null) {
                sfId = task.salesforceTaskId();
                if (sfId == null) {
                    operation = "create";
                }
            }
            work.add(new OutboxWork(taskId, repId, operation, sfId, fields, task, lastId, attempts));
        }
        return work;
    }

    /** The write succeeded: its entries are done, the Salesforce Task id and side are kept. */
    @Transactional
    public void outboxSent(OutboxWork work, String salesforceTaskId, Map<String, Object> written, String detail) {
        lockTask(work.taskId());
        jdbc.sql("DELETE FROM task_outbox WHERE task_id = :task AND id <= :last")
                .param("task", work.taskId())
                .param("last", work.lastId())
                .update();
        if (!"delete".equals(work.operation())) {
            StringBuilder set = new StringBuilder("salesforce_task_id = :sfId, sync_error = NULL");
            Map<String, Object> params = new HashMap<>();
            for (Map.Entry<String, Object> entry : written.entrySet()) {
                String column = SNAPSHOT_COLUMNS.get(entry.getKey());
                if (column != null) {
                    set.append(", ").append(column).append(" = :").append(entry.getKey());
                    params.put(entry.getKey(), entry.getValue());
                }
            }
            int updated = jdbc.sql("UPDATE tasks SET " + set + " WHERE id = :id")
                    .params(params)
                    .param("sfId", salesforceTaskId)
                    .param("id", work.taskId())
                    .update();
            if (updated == 0 && salesforceTaskId != null && "create".equals(work.operation())) {
                // the task was deleted in the product while its create was on its way: the new
                // Salesforce Task goes too, rather than stay behind with no task of its own
                OffsetDateTime now = StoreClock.now(clock);
                jdbc.sql("INSERT INTO task_outbox (task_id, rep_id, operation, salesforce_task_id, next_attempt_at,"
                                + " created_at) VALUES (:task, :rep, 'delete', :sfId, :now, :now)")
                        .param("task", work.taskId())
                        .param("rep", work.repId())
                        .param("sfId", salesforceTaskId)
                        .param("now", now)
                        .update();
                detail = detail + "; the task was deleted meanwhile: the Salesforce Task is deleted too";
            }
        }
        tasks.history(work.taskId(), "sync", "sent", detail);
    }

    /**
     * The write failed: tried again after {@code retryAfter}, or failed for good ({@code retryAfter}
     * null) with the reason on the task.
     */
    @Transactional
    public void outboxFailed(OutboxWork work, String reason, Duration retryAfter) {
        lockTask(work.taskId());
        OffsetDateTime now = StoreClock.now(clock);
        jdbc.sql("UPDATE task_outbox SET attempts = attempts + 1, last_error = :reason, next_attempt_at = :next,"
                        + " state = :state WHERE task_id = :task AND id <= :last")
                .param("reason", TaskStore.truncate(reason, 2000))
                .param("next", retryAfter == null ? now : now.plus(retryAfter))
                .param("state", retryAfter == null ? "failed" : "pending")
                .param("task", work.taskId())
                .param("last", work.lastId())
                .update();
        jdbc.sql("UPDATE tasks SET sync_error = :reason WHERE id = :id")
                .param("reason", TaskStore.truncate(reason, 2000))
                .param("id", work.taskId())
                .update();
        tasks.history(work.taskId(), "sync", retryAfter == null ? "send_failed" : "send_retry", reason);
    }

    /**
     * The task's row first, then its outbox entries, in the order the changes from Salesforce take
     * them (lockBySalesforceId, then dropPendingFields), so the two never wait for each other.
     */
    private void lockTask(long taskId) {
        jdbc.sql("SELECT id FROM tasks WHERE id = :id FOR UPDATE").param("id", taskId).query(Long.class).optional();
    }

    /** Outbox entries waiting (pending) and the creation time of the oldest. */
    public record OutboxDepth(long pending, long failed, OffsetDateTime oldest) {
    }

    @Transactional(readOnly = true)
    public OutboxDepth outboxDepth() {
        return jdbc.sql("SELECT SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,"
                        + " SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed,"
                        + " MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldest FROM task_outbox")
                .query((rs, row) -> new OutboxDepth(rs.getLong("pending"), rs.getLong("failed"),
                        StoreClock.utc(rs.getObject("oldest", OffsetDateTime.class))))
                .single();
    }

    // ------------------------------------------------------------------ stream checkpoints and marks

    /** Where a channel's stream stands: the last replay id applied and the commit time of its event. */
    public record Checkpoint(String channel, long replayId, OffsetDateTime committedAt, OffsetDateTime updatedAt) {
    }

    @Transactional(readOnly = true)
    public Optional<Checkpoint> checkpoint(String channel) {
        return jdbc.sql("SELECT channel, replay_id, committed_at, updated_at FROM stream_checkpoints WHERE channel = :c")
                .param("c", channel)
                .query((rs, row) -> new Checkpoint(rs.getString("channel"), rs.getLong("replay_id"),
                        StoreClock.utc(rs.getObject("committed_at", OffsetDateTime.class)),
                        StoreClock.utc(rs.getObject("updated_at", OffsetDateTime.class))))
                .optional();
    }

    /**
     * Locks the channel's checkpoint row until the transaction ends (made first if missing), so
     * that two deliveries of one event take turns, and answers it.
     */
    @Transactional
    public Checkpoint lockCheckpoint(String channel) {
        Optional<Checkpoint> current = jdbc.sql("SELECT channel, replay_id, committed_at, updated_at FROM"
                        + " stream_checkpoints WHERE channel = :c FOR UPDATE")
                .param("c", channel)
                .query((rs, row) -> new Checkpoint(rs.getString("channel"), rs.getLong("replay_id"),
                        StoreClock.utc(rs.getObject("committed_at", OffsetDateTime.class)),
                        StoreClock.utc(rs.getObject("updated_at", OffsetDateTime.class))))
                .optional();
        if (current.isPresent()) {
            return current.get();
        }
        try {
            jdbc.sql("INSERT INTO stream_checkpoints (channel, replay_id, updated_at) VALUES (:c, -1, :now)")
                    .param("c", channel)
                    .param("now", StoreClock.now(clock))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // another delivery made it first: lock theirs
        }
        return lockCheckpoint(channel);
    }

    /**
     * Makes the channel's checkpoint row if it has none (its own transaction, before the stream
     * starts), so that applying events only ever locks and updates it: on PostgreSQL a failed
     * insert would abort the event's transaction.
     */
    @Transactional
    public void ensureCheckpoint(String channel) {
        if (checkpoint(channel).isEmpty()) {
            try {
                jdbc.sql("INSERT INTO stream_checkpoints (channel, replay_id, updated_at) VALUES (:c, -1, :now)")
                        .param("c", channel)
                        .param("now", StoreClock.now(clock))
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another instance made it: nothing else happened in this transaction
            }
        }
    }

    @Transactional
    public void saveCheckpoint(String channel, long replayId, OffsetDateTime committedAt) {
        jdbc.sql("UPDATE stream_checkpoints SET replay_id = :replay, committed_at = COALESCE(:committed, committed_at),"
                        + " updated_at = :now WHERE channel = :c")
                .param("replay", replayId)
                .param("committed", committedAt)
                .param("now", StoreClock.now(clock))
                .param("c", channel)
                .update();
    }

    /**
     * Salesforce refused the channel's replay id (beyond its retention): the stream resumes with new
     * events, whose replay ids say nothing against the old one. The commit time stays: the
     * reconciliation catches up from it.
     */
    @Transactional
    public void forgetReplayId(String channel) {
        jdbc.sql("UPDATE stream_checkpoints SET replay_id = -1, updated_at = :now WHERE channel = :c")
                .param("now", StoreClock.now(clock))
                .param("c", channel)
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> mark(String name) {
        return jdbc.sql("SELECT mark_at FROM task_sync_marks WHERE name = :name")
                .param("name", name)
                .query((rs, row) -> StoreClock.utc(rs.getObject("mark_at", OffsetDateTime.class)))
                .optional();
    }

    @Transactional
    public void setMark(String name, OffsetDateTime at) {
        int updated = jdbc.sql("UPDATE task_sync_marks SET mark_at = :at WHERE name = :name")
                .param("at", at).param("name", name).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO task_sync_marks (name, mark_at) VALUES (:name, :at)")
                    .param("at", at).param("name", name).update();
        }
    }

    // ------------------------------------------------------------------ first syncs

    /** Takes the oldest requested first sync (requested -> running), if any. */
    @Transactional
    public Optional<Long> startFirstSync() {
        Optional<Long> repId = jdbc.sql("SELECT rep_id FROM task_first_syncs WHERE state = 'requested'"
                        + " ORDER BY requested_at FETCH FIRST 1 ROWS ONLY FOR UPDATE")
                .query(Long.class)
                .optional();
        repId.ifPresent(id -> jdbc.sql("UPDATE task_first_syncs SET state = 'running', started_at = :now,"
                        + " finished_at = NULL, imported = 0, updated = 0, skipped = 0, error = NULL WHERE rep_id = :rep")
                .param("now", StoreClock.now(clock))
                .param("rep", id)
                .update());
        return repId;
    }

    /**
     * Ends a first sync with its counts, or its error; a new request made while it ran stays
     * requested (it runs again).
     */
    @Transactional
    public void finishFirstSync(long repId, int imported, int updated, int skipped, String error) {
        jdbc.sql("UPDATE task_first_syncs SET state = CASE WHEN state = 'running' THEN :state ELSE state END,"
                        + " finished_at = :now, imported = :imported, updated = :updated, skipped = :skipped,"
                        + " error = :error WHERE rep_id = :rep")
                .param("state", error == null ? "done" : "failed")
                .param("now", StoreClock.now(clock))
                .param("imported", imported)
                .param("updated", updated)
                .param("skipped", skipped)
                .param("error", error == null ? null : TaskStore.truncate(error, 2000))
                .param("rep", repId)
                .update();
    }

    /** First syncs left running by a stopped instance are requested again at start. */
    @Transactional
    public int requeueRunningFirstSyncs() {
        return jdbc.sql("UPDATE task_first_syncs SET state = 'requested' WHERE state = 'running'").update();
    }

    // ------------------------------------------------------------------ mapping rows

    private static final Map<String, String> SNAPSHOT_COLUMNS = Map.of(
            "Subject", "sf_subject",
            "Status", "sf_status",
            "Priority", "sf_priority",
            "ActivityDate", "sf_activity_date",
            "Description", "sf_description");

    private static Map<String, Object> snapshotParams(Map<String, Object> salesforce) {
        Map<String, Object> params = new HashMap<>();
        for (String field : SNAPSHOT_COLUMNS.keySet()) {
            params.put(field, salesforce.get(field));
        }
        return params;
    }

    private static SyncedTask mapSyncedTask(ResultSet rs, int row) throws SQLException {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", rs.getString("name"));
        product.put("status", rs.getString("status"));
        product.put("priority", rs.getString("priority"));
        product.put("due_date", rs.getObject("due_date", LocalDate.class));
        product.put("details", rs.getString("details"));
        Map<String, Object> salesforce = new LinkedHashMap<>();
        salesforce.put("Subject", rs.getString("sf_subject"));
        salesforce.put("Status", rs.getString("sf_status"));
        salesforce.put("Priority", rs.getString("sf_priority"));
        salesforce.put("ActivityDate", rs.getObject("sf_activity_date", LocalDate.class));
        salesforce.put("Description", rs.getString("sf_description"));
        Map<String, OffsetDateTime> changedAt = new HashMap<>();
        for (String field : FIELDS) {
            OffsetDateTime at = StoreClock.utc(rs.getObject(field + "_changed_at", OffsetDateTime.class));
            if (at != null) {
                changedAt.put(field, at);
            }
        }
        return new SyncedTask(rs.getLong("id"), rs.getLong("owner_rep_id"), rs.getString("owner_user_id"),
                rs.getInt("sync_on") == 1, rs.getBoolean("synced"), rs.getString("salesforce_task_id"), product,
                salesforce, changedAt, StoreClock.utc(rs.getObject("sf_modified_at", OffsetDateTime.class)));
    }
}
