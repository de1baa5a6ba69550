package io.salesactivitysync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminder tasks as the product changes them (the REST API). A change to a synced task of a rep
 * whose task sync is on is written to the outbox (task_outbox) in the same transaction as the
 * change itself, so that no change is ever lost between the database and Salesforce; the
 * outbound route drains it. Each change is kept on the task's history.
 */
@Repository
public class TaskStore {

    static final String COLUMNS = "t.id, t.name, t.status, t.priority, t.due_date, t.details, t.owner_rep_id,"
            + " t.person_id, t.salesforce_task_id, t.origin, t.synced, t.sync_error, t.created_at, t.updated_at,"
            + " (SELECT MIN(o.state) FROM task_outbox o WHERE o.task_id = t.id) AS outbox_state";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RepStore reps;

    public TaskStore(JdbcClient jdbc, Clock clock, RepStore reps) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.reps = reps;
    }

    /**
     * Creates the task. It takes part in the sync when its owner's task sync is on now: only
     * tasks created after sync was turned on go to Salesforce.
     */
    @Transactional
    public Task create(TaskFields fields) {
        Rep rep = requireRep(fields.repId());
        if (fields.personId() != null) {
            requirePerson(fields.personId());
        }
        boolean synced = syncOn(rep.id());
        OffsetDateTime now = StoreClock.now(clock);
        KeyHolder key = new GeneratedKeyHolder();
        try {
            insert(fields, rep, synced, now, key);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // the rep or the person was deleted meanwhile (a foreign key says which): a wrong reference,
            // not a 500; the transaction is rolled back, so the database is not asked again
            String cause = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (cause.contains("tasks_person_fk")) {
                throw new InvalidReferenceException("personId", "is no person's id (" + fields.personId() + ")");
            }
            throw new InvalidReferenceException("repId", "is no rep's id (" + fields.repId() + ")");
        }
        long id = key.getKeyAs(Number.class).longValue();
        history(id, "product", "created", synced ? "to be created in Salesforce"
                : "not synced: the owner's task sync is off");
        if (synced) {
            outbox(id, rep.id(), "create", null, List.of(), now);
        }
        return get(id);
    }

    private void insert(TaskFields fields, Rep rep, boolean synced, OffsetDateTime now, KeyHolder key) {
        jdbc.sql("INSERT INTO tasks (name, status, priority, due_date, details, owner_rep_id, person_id, origin, synced,"
                        + " created_at, updated_at, name_changed_at, status_changed_at, priority_changed_at,"
                        + " due_date_changed_at, details_changed_at)"
                        + " VALUES (:name, :status, :priority, :dueDate, :details, :rep, :person, 'product', :synced,"
                        + " :now, :now, :now, :now, :now, :now, :now)")
                .param("name", fields.name().strip())
                .param("status", Objects.requireNonNullElse(fields.status(), TaskStatus.OPEN).value())
                .param("priority", Objects.requireNonNullElse(fields.priority(), TaskPriority.NORMAL).value())
                .param("dueDate", fields.dueDate())
                .param("details", emptyToNull(fields.details()))
                .param("rep", rep.id())
                .param("person", fields.personId())
                .param("synced", synced)
                .param("now", now)
                .update(key, "id");
    }

    @Transactional(readOnly = true)
    public Task get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.id = :id")
                .param("id", id)
                .query(TaskStore::mapTask)
                .optional()
                .orElseThrow(() -> new RecordNotFoundException("task", id));
    }

    /** Tasks by owner and due-date range, ordered by due date (none last), then id. */
    @Transactional(readOnly = true)
    public Page<Task> list(TaskFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.repId() != null) {
            where.append(" AND t.owner_rep_id = :rep");
            params.put("rep", filter.repId());
        }
        if (filter.dueFrom() != null) {
            where.append(" AND t.due_date >= :from");
            params.put("from", filter.dueFrom());
        }
        if (filter.dueTo() != null) {
            where.append(" AND t.due_date <= :to");
            params.put("to", filter.dueTo());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM tasks t" + where).params(params).query(Long.class).single();
        List<Task> tasks = jdbc.sql("SELECT " + COLUMNS + " FROM tasks t" + where
                        + " ORDER BY CASE WHEN t.due_date IS NULL THEN 1 ELSE 0 END, t.due_date, t.id"
                        + " OFFSET :offset ROWS FETCH FIRST :size ROWS ONLY")
                .params(params)
                .param("offset", page.offset())
                .param("size", page.size())
                .query(TaskStore::mapTask)
                .list();
        return Page.of(tasks, page, total);
    }

    /** The rep's tasks due today and tomorrow in the rep's time zone. */
    @Transactional(readOnly = true)
    public CommandCenter commandCenter(long repId) {
        Rep rep = reps.get(repId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(rep.timeZone())));
        LocalDate tomorrow = today.plusDays(1);
        List<Task> tasks = jdbc.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.owner_rep_id = :rep"
                        + " AND t.due_date >= :today AND t.due_date <= :tomorrow"
                        + " ORDER BY t.due_date, CASE WHEN t.priority = 'high' THEN 0 ELSE 1 END, t.id")
                .param("rep", repId)
                .param("today", today)
                .param("tomorrow", tomorrow)
                .query(TaskStore::mapTask)
                .list();
        return new CommandCenter(repId, rep.timeZone(), today, tomorrow, tasks);
    }

    /** Replaces the task's name, due date and details, and its status and priority where given. */
    @Transactional
    public Task update(long id, TaskEdit edit) {
        Current current = lock(id);
        Map<String, Object> values = new HashMap<>();
        values.put("name", edit.name().strip());
        values.put("status", edit.status() == null ? current.status : edit.status().value());
        values.put("priority", edit.priority() == null ? current.priority : edit.priority().value());
        values.put("due_date", edit.dueDate());
        values.put("details", emptyToNull(edit.details()));
        return change(current, values, "edited");
    }

    @Transactional
    public Task complete(long id) {
        Current current = lock(id);
        return change(current, Map.of("status", TaskStatus.COMPLETED.value()), "completed");
    }

    @Transactional
    public Task reopen(long id) {
        Current current = lock(id);
        return change(current, Map.of("status", TaskStatus.OPEN.value()), "reopened");
    }

    /**
     * Sends again the changes Salesforce refused for good (syncState failed), once what made it
     * refuse them is fixed; nothing changes for a task with none.
     */
    @Transactional
    public Task retrySync(long id) {
        Current current = lock(id);
        int retried = jdbc.sql("UPDATE task_outbox SET state = 'pending', attempts = 0, next_attempt_at = :now"
                        + " WHERE task_id = :id AND state = 'failed'")
                .param("now", StoreClock.now(clock))
                .param("id", id)
                .update();
        if (retried > 0) {
            jdbc.sql("UPDATE tasks SET sync_error = NULL WHERE id = :id").param("id", id).update();
            history(current.id, "product", "retried", retried + " refused change(s) to be sent again");
        }
        return get(id);
    }

    /** Deletes the task; a synced one is deleted in Salesforce too (through the outbox). */
    @Transactional
    public void delete(long id) {
        Current current = lock(id);
        jdbc.sql("DELETE FROM tasks WHERE id = :id").param("id", id).update();
        boolean send = current.synced && syncOn(current.repId);
        // what waited to be sent is moot now; a delete of a Task never created is nothing to send
        jdbc.sql("DELETE FROM task_outbox WHERE task_id = :id").param("id", id).update();
        if (send && current.salesforceTaskId != null) {
            outbox(id, current.repId, "delete", current.salesforceTaskId, List.of(), StoreClock.now(clock));
        }
        history(id, "product", "deleted", send && current.salesforceTaskId != null
                ? "to be deleted in Salesforce (" + current.salesforceTaskId + ")" : null);
    }

    /** What happened to the task, oldest first; kept after the task is deleted. */
    @Transactional(readOnly = true)
    public List<TaskHistoryEntry> history(long id) {
        List<TaskHistoryEntry> entries = jdbc.sql("SELECT at, side, event, detail FROM task_history WHERE task_id = :id"
                        + " ORDER BY id")
                .param("id", id)
                .query((rs, row) -> new TaskHistoryEntry(StoreClock.utc(rs.getObject("at", OffsetDateTime.class)),
                        rs.getString("side"), rs.getString("event"), rs.getString("detail")))
                .list();
        if (entries.isEmpty()) {
            throw new RecordNotFoundException("task", id);
        }
        return entries;
    }

    /** Whether the rep's task sync is on (the rep's setting, else the org default). */
    boolean syncOn(long repId) {
        return jdbc.sql("SELECT COALESCE(rs.task_sync_mode, os.task_sync_mode) FROM reps r"
                        + " LEFT JOIN rep_settings rs ON rs.rep_id = r.id CROSS JOIN org_settings os WHERE r.id = :id")
                .param("id", repId)
                .query(String.class)
                .optional()
                .map(mode -> TaskSyncMode.fromValue(mode) == TaskSyncMode.SYNC)
                .orElse(false);
    }

    void history(long taskId, String side, String event, String detail) {
        jdbc.sql("INSERT INTO task_history (task_id, at, side, event, detail) VALUES (:task, :at, :side, :event, :detail)")
                .param("task", taskId)
                .param("at", StoreClock.now(clock))
                .param("side", side)
                .param("event", event)
                .param("detail", detail == null ? null : truncate(detail, 4000))
                .update();
    }

    private Task change(Current current, Map<String, Object> values, String event) {
        OffsetDateTime now = StoreClock.now(clock);
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!Objects.equals(current.values.get(entry.getKey()), entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        if (changed.isEmpty()) {
            return get(current.id);
        }
        StringBuilder set = new StringBuilder("updated_at = :now");
        Map<String, Object> params = new HashMap<>();
        for (String field : changed) {
            set.append(", ").append(field).append(" = :").append(field)
                    .append(", ").append(field).append("_changed_at = :now");
            params.put(field, values.get(field));
        }
        jdbc.sql("UPDATE tasks SET " + set + " WHERE id = :id").params(params).param("now", now)
                .param("id", current.id).update();
        List<String> fields = new ArrayList<>(changed);
        boolean send = current.synced && syncOn(current.repId);
        history(current.id, "product", event, String.join(", ", fields) + (send ? "" : " (not sent: not synced)"));
        if (send) {
            outbox(current.id, current.repId, createsTheTask(current) ? "create" : "update", null, fields, now);
        }
        return get(current.id);
    }

    /**
     * Whether a change must create the Salesforce Task: it has none yet and no create waits in the
     * outbox. A change made while the create still waits is an update after it; a second create
     * would make a second Salesforce Task.
     */
    private boolean createsTheTask(Current current) {
        if (current.salesforceTaskId != null) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM task_outbox WHERE task_id = :id AND operation = 'create'")
                .param("id", current.id)
                .query(Long.class)
                .single() == 0;
    }

    private void outbox(long taskId, long repId, String operation, String salesforceTaskId, List<String> fields,
            OffsetDateTime now) {
        jdbc.sql("INSERT INTO task_outbox (task_id, rep_id, operation, salesforce_task_id, fields, next_attempt_at,"
                        + " created_at) VALUES (:task, :rep, :operation, :sfId, :fields, :now, :now)")
                .param("task", taskId)
                .param("rep", repId)
                .param("operation", operation)
                .param("sfId", salesforceTaskId)
                .param("fields", fields.isEmpty() ? null : String.join(",", fields))
                .param("now", now)
                .update();
        jdbc.sql("UPDATE tasks SET sync_error = NULL WHERE id = :id").param("id", taskId).update();
    }

    private record Current(long id, long repId, boolean synced, String salesforceTaskId, String status, String priority,
            Map<String, Object> values) {
    }

    /** Locks the task's row until the transaction ends, or answers 404. */
    private Current lock(long id) {
        return jdbc.sql("SELECT id, owner_rep_id, synced, salesforce_task_id, name, status, priority, due_date, details"
                        + " FROM tasks WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) -> {
                    Map<String, Object> values = new HashMap<>();
                    values.put("name", rs.getString("name"));
                    values.put("status", rs.getString("status"));
                    values.put("priority", rs.getString("priority"));
                    values.put("due_date", rs.getObject("due_date", LocalDate.class));
                    values.put("details", rs.getString("details"));
                    return new Current(rs.getLong("id"), rs.getLong("owner_rep_id"), rs.getBoolean("synced"),
                            rs.getString("salesforce_task_id"), rs.getString("status"), rs.getString("priority"), values);
                })
                .optional()
                .orElseThrow(() -> new RecordNotFoundException("task", id));
    }

    private Rep requireRep(long repId) {
        try {
            return reps.get(repId);
        } catch (RecordNotFoundException e) {
            throw new InvalidReferenceException("repId", "is no rep's id (" + repId + ")");
        }
    }

    private void requirePerson(long personId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM people WHERE id = :id").param("id", personId)
                .query(Long.class).single() > 0;
        if (!exists) {
            throw new InvalidReferenceException("personId", "is no person's id (" + personId + ")");
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Task mapTask(ResultSet rs, int row) throws SQLException {
        String salesforceTaskId = rs.getString("salesforce_task_id");
        boolean synced = rs.getBoolean("synced");
        String outbox = rs.getString("outbox_state");
        String syncError = rs.getString("sync_error");
        String syncState;
        if (!synced) {
            syncState = "not_synced";
        } else if ("failed".equals(outbox) || (outbox == null && syncError != null)) {
            syncState = "failed";
        } else if (outbox != null) {
            syncState = "pending";
        } else {
            syncState = salesforceTaskId == null ? "pending" : "synced";
        }
        return new Task(
                rs.getLong("id"),
                rs.getString("name"),
                TaskStatus.fromValue(rs.getString("status")),
                TaskPriority.fromValue(rs.getString("priority")),
                rs.getObject("due_date", LocalDate.class),
                rs.getString("details"),
                rs.getLong("owner_rep_id"),
                rs.getObject("person_id") == null ? null : rs.getLong("person_id"),
                salesforceTaskId,
                rs.getString("origin"),
                synced,
                syncState,
                syncError,
                StoreClock.utc(rs.getObject("created_at", OffsetDateTime.class)),
                StoreClock.utc(rs.getObject("updated_at", OffsetDateTime.class)));
    }
}
