package io.salesactivitysync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Activities and their Salesforce Tasks. An activity is stored first (pending) and logged later by
 * the activity-logging flow, which claims due activities a batch at a time: a claim holds them for
 * a lease, so a crash leaves them pending for the next claim and nothing is lost.
 */
@Repository
public class ActivityStore {

    private static final String COLUMNS = "id, source, kind, activity_key, message_id, state, reason, error_code,"
            + " error_class, rep_email, rep_id, person_ref_id, person_ref_salesforce_id, person_ref_email, person_id,"
            + " subject, body, occurred_at, campaign_name, campaign_day, campaign_step, call_outcome, call_reason,"
            + " attributes, decision, dropped_fields, attempts, next_attempt_at, logged_at, created_at, updated_at";
    private static final String INSERT = "INSERT INTO activities (source, kind, activity_key, digest, message_id, state,"
            + " rep_email, person_ref_id, person_ref_salesforce_id, person_ref_email, subject, body, occurred_at,"
            + " campaign_name, campaign_day, campaign_step, call_outcome, call_reason, attributes,"
            + " attempts, next_attempt_at, created_at, updated_at)"
            + " VALUES (:source, :kind, :key, :digest, :messageId, 'pending', :repEmail, :personId,"
            + " :personSalesforceId, :personEmail, :subject, :body, :occurredAt, :campaignName,"
            + " :campaignDay, :campaignStep, :callOutcome, :callReason, :attributes, 0, :due, :now, :now)";
    private static final String SAVE_PLAN = "UPDATE activities SET decision = :decision, rep_id = :repId,"
            + " person_id = :personId, updated_at = :now WHERE id = :id";
    private static final String RECORD_OUTCOME = "UPDATE activities SET state = :state, reason = :reason,"
            + " error_code = :errorCode, error_class = :errorClass, rep_id = COALESCE(:repId, rep_id),"
            + " person_id = COALESCE(:personId, person_id), decision = COALESCE(:decision, decision),"
            + " dropped_fields = COALESCE(:dropped, dropped_fields), attempts = attempts + :attempt,"
            + " next_attempt_at = :next, logged_at = COALESCE(:logged, logged_at), claim_token = NULL,"
            + " claimed_until = NULL, updated_at = :now WHERE id = :id";
    private static final String INSERT_TASK = "INSERT INTO activity_tasks (activity_id, external_id, who_id, what_id,"
            + " salesforce_task_id) VALUES (:activityId, :externalId, :whoId, :whatId, :taskId)";
    private static final String UPDATE_TASK = "UPDATE activity_tasks SET who_id = :whoId, what_id = :whatId,"
            + " salesforce_task_id = :taskId WHERE activity_id = :activityId AND external_id = :externalId";
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    /** For the statements a batch runs once per activity, sent together (JDBC batches). */
    private final NamedParameterJdbcOperations batches;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate savepoint;

    public ActivityStore(JdbcClient jdbc, NamedParameterJdbcOperations batches, Clock clock, ObjectMapper objectMapper,
                         PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.json = objectMapper;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** What {@link #create} did: stored a new activity, or found the same one taken in before. */
    public record Intake(Activity activity, boolean created) {
    }

    /**
     * Stores the activity as pending, due now. The same intake twice (same source and digest) is
     * one activity: the second call answers the first one's record.
     */
    @Transactional
    public Intake create(NewActivity activity) {
        return create(activity, Duration.ZERO, null);
    }

    /**
     * Stores the activity as {@link #create(NewActivity)} does, but due only after {@code holdFor}
     * (a caller that logs it itself right after, such as the BCC capture at the end of a mailbox
     * batch, keeps the periodic flow from taking it first; after a crash it is simply due later);
     * or, with a {@code settled} outcome (rejected or unresolved), settled at once with its reason.
     */
    @Transactional
    public Intake create(NewActivity activity, Duration holdFor, ActivityOutcome settled) {
        Optional<Activity> existing = findByDigest(activity.source(), activity.digest());
        if (existing.isPresent()) {
            return new Intake(existing.get(), false);
        }
        OffsetDateTime now = StoreClock.now(clock);
        KeyHolder key = new GeneratedKeyHolder();
        try {
            // in a savepoint: on PostgreSQL a failed statement spoils the whole transaction, and the
            // request that loses a race must still read the winner's row (and a batch go on)
            savepoint.executeWithoutResult(status -> jdbc.sql(INSERT)
                    .params(intakeParameters(activity))
                    .param("now", now)
                    .param("due", now.plus(holdFor))
                    .update(key, "id"));
        } catch (DuplicateKeyException e) {
            // the same activity taken in by a parallel request a moment earlier
            return new Intake(findByDigest(activity.source(), activity.digest()).orElseThrow(() -> e), false);
        }
        long id = key.getKeyAs(Number.class).longValue();
        if (settled != null) {
            recordOutcome(id, settled);
        }
        return new Intake(get(id), true);
    }

    /** One activity of {@link #createAll}: stored as {@link #create(NewActivity, Duration, ActivityOutcome)} would. */
    public record NewIntake(NewActivity activity, Duration holdFor, ActivityOutcome settled) {
    }

    /** What {@link #createAll} did with one activity: its id, and whether it is new. */
    public record StoredIntake(long id, boolean created) {
    }

    /**
     * Stores several activities as {@link #create(NewActivity, Duration, ActivityOutcome)} stores
     * each, in the caller's transaction, each statement sent once for all of them (a BCC poll's
     * emails). One taken in before (same source and digest, in the store or earlier in the list)
     * is answered with that one's id. A parallel intake of the same activity fails the whole call
     * with {@link DuplicateKeyException}: the caller stores them one by one then.
     *
     * @return one answer per activity, in the order given
     */
    @Transactional
    public List<StoredIntake> createAll(List<NewIntake> intakes) {
        Map<String, Long> known = new HashMap<>();
        Map<ActivitySource, List<String>> digests = new EnumMap<>(ActivitySource.class);
        intakes.forEach(intake -> digests.computeIfAbsent(intake.activity().source(), source -> new ArrayList<>())
                .add(intake.activity().digest()));
        digests.forEach((source, list) -> {
            for (int from = 0; from < list.size(); from += 500) {
                jdbc.sql("SELECT id, digest FROM activities WHERE source = :source AND digest IN (:digests)")
                        .param("source", source.value())
                        .param("digests", list.subList(from, Math.min(list.size(), from + 500)))
                        .query(rs -> {
                            known.put(source.value() + "\n" + rs.getString(2), rs.getLong(1));
                        });
            }
        });
        OffsetDateTime now = StoreClock.now(clock);
        List<NewIntake> fresh = new ArrayList<>();
        java.util.Set<String> freshKeys = new java.util.HashSet<>();
        for (NewIntake intake : intakes) {
            String key = intake.activity().source().value() + "\n" + intake.activity().digest();
            if (!known.containsKey(key) && freshKeys.add(key)) {
                fresh.add(intake);
            }
        }
        Map<String, Long> created = new HashMap<>();
        if (!fresh.isEmpty()) {
            KeyHolder keys = new GeneratedKeyHolder();
            batches.batchUpdate(INSERT, fresh.stream().map(intake -> new MapSqlParameterSource(intakeParameters(intake.activity()))
                            .addValue("now", now)
                            .addValue("due", now.plus(intake.holdFor())))
                    .toArray(SqlParameterSource[]::new), keys, new String[] {"id"});
            List<Map<String, Object>> rows = keys.getKeyList();
            if (rows.size() != fresh.size()) {
                throw new IllegalStateException("The database answered " + rows.size() + " ids for " + fresh.size() + " new activities");
            }
            Map<Long, ActivityOutcome> settled = new LinkedHashMap<>();
            for (int i = 0; i < fresh.size(); i++) {
                NewIntake intake = fresh.get(i);
                long id = ((Number) rows.get(i).values().iterator().next()).longValue();
                created.put(intake.activity().source().value() + "\n" + intake.activity().digest(), id);
                if (intake.settled() != null) {
                    settled.put(id, intake.settled());
                }
            }
            recordOutcomes(settled);
        }
        List<StoredIntake> answers = new ArrayList<>();
        java.util.Set<Long> answeredAsNew = new java.util.HashSet<>();
        for (NewIntake intake : intakes) {
            String key = intake.activity().source().value() + "\n" + intake.activity().digest();
            Long id = created.get(key);
            if (id != null) {
                // the first of equal ones is the new one; a repeat later in the list was taken in before it
                answers.add(new StoredIntake(id, answeredAsNew.add(id)));
            } else {
                answers.add(new StoredIntake(known.get(key), false));
            }
        }
        return answers;
    }

    /** Makes the pending ones of these activities due now (the end of a hold, see {@link #create(NewActivity, Duration, ActivityOutcome)}). */
    @Transactional
    public void makeDue(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        OffsetDateTime now = StoreClock.now(clock);
        jdbc.sql("UPDATE activities SET next_attempt_at = :now WHERE id IN (:ids) AND state = 'pending'"
                        + " AND attempts = 0 AND next_attempt_at > :now")
                .param("now", now)
                .param("ids", ids)
                .update();
    }

    /** Whether one of these activities is pending, due and never tried yet. */
    @Transactional(readOnly = true)
    public boolean untried(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM activities WHERE id IN (:ids) AND state = 'pending' AND attempts = 0"
                        + " AND next_attempt_at <= :now")
                .param("ids", ids)
                .param("now", StoreClock.now(clock))
                .query(Long.class)
                .single() > 0;
    }

    /**
     * The ids of the activities of this source with these activity keys, by key (an email's, one
     * per person); keys the store does not have are left out.
     */
    @Transactional(readOnly = true)
    public Map<String, List<Long>> idsByKeys(ActivitySource source, Collection<String> activityKeys) {
        Map<String, List<Long>> ids = new HashMap<>();
        if (activityKeys.isEmpty()) {
            return ids;
        }
        jdbc.sql("SELECT activity_key, id FROM activities WHERE source = :source AND activity_key IN (:keys) ORDER BY id")
                .param("source", source.value())
                .param("keys", activityKeys)
                .query(rs -> {
                    ids.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(rs.getLong(2));
                });
        return ids;
    }

    /** The ids of the activities of this source with this activity key (an email's, one per person). */
    @Transactional(readOnly = true)
    public List<Long> idsByKey(ActivitySource source, String activityKey) {
        return jdbc.sql("SELECT id FROM activities WHERE source = :source AND activity_key = :key ORDER BY id")
                .param("source", source.value())
                .param("key", activityKey)
                .query(Long.class)
                .list();
    }

    /** Where each of these activities stands, by id. */
    @Transactional(readOnly = true)
    public Map<Long, ActivityState> states(Collection<Long> ids) {
        Map<Long, ActivityState> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.sql("SELECT id, state FROM activities WHERE id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    states.put(rs.getLong(1), ActivityState.fromValue(rs.getString(2)));
                });
        return states;
    }

    /**
     * Tries unresolved activities again, matched afresh: those a person with this address or
     * Salesforce id may now resolve (a person was just added or changed), due now.
     */
    @Transactional
    public int retryUnresolvedFor(String email, String salesforceId) {
        OffsetDateTime now = StoreClock.now(clock);
        return jdbc.sql("UPDATE activities SET state = 'pending', reason = NULL, next_attempt_at = :now, decision = NULL,"
                        + " updated_at = :now WHERE state = 'unresolved'"
                        + " AND (person_ref_email = :email OR person_ref_salesforce_id = :salesforceId)")
                .param("now", now)
                .param("email", email == null ? "" : email)
                .param("salesforceId", salesforceId == null ? "" : salesforceId)
                .update();
    }

    /**
     * Tries again the unresolved activities created since {@code createdSince} that were last
     * looked at before {@code notSince}, at most {@code limit} of them: a Contact or Lead with
     * their address may have been added in Salesforce since. Answers how many.
     */
    @Transactional
    public int retryUnresolved(OffsetDateTime createdSince, OffsetDateTime notSince, int limit) {
        OffsetDateTime now = StoreClock.now(clock);
        List<Long> ids = jdbc.sql("SELECT id FROM activities WHERE state = 'unresolved' AND created_at >= :createdSince"
                        + " AND updated_at < :notSince AND (person_ref_email IS NOT NULL OR person_ref_salesforce_id IS NOT NULL"
                        + " OR person_ref_id IS NOT NULL) ORDER BY updated_at FETCH FIRST :limit ROWS ONLY")
                .param("createdSince", createdSince)
                .param("notSince", notSince)
                .param("limit", limit)
                .query(Long.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE activities SET state = 'pending', next_attempt_at = :now, decision = NULL, updated_at = :now"
                        + " WHERE id IN (:ids) AND state = 'unresolved'")
                .param("now", now)
                .param("ids", ids)
                .update();
    }

    @Transactional(readOnly = true)
    public Activity get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM activities WHERE id = :id")
                .param("id", id)
                .query(this::mapActivity)
                .optional()
                .map(activity -> withTasks(List.of(activity)).get(0))
                .orElseThrow(() -> new RecordNotFoundException("activity", id));
    }

    /** A page of the activities the filter lets through, newest first. */
    @Transactional(readOnly = true)
    public Page<Activity> list(ActivityFilter filter, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(filter, parameters);
        long total = jdbc.sql("SELECT COUNT(*) FROM activities" + where).params(parameters).query(Long.class).single();
        List<Activity> activities = jdbc.sql("SELECT " + COLUMNS + " FROM activities" + where
                        + " ORDER BY id DESC OFFSET :offset ROWS FETCH FIRST :size ROWS ONLY")
                .params(parameters)
                .param("offset", page.offset())
                .param("size", page.size())
                .query(this::mapActivity)
                .list();
        return Page.of(withTasks(activities), page, total);
    }

    /**
     * The activities the filter selects (its state aside), counted by state and by source, and for
     * each state in {@code grouped} its reasons with their counts: largest first, then by the
     * reason's text (no reason last), at most {@code reasonLimit} of each.
     */
    @Transactional(readOnly = true)
    public ActivitySummary summary(ActivityFilter filter, List<ActivityState> grouped, int reasonLimit) {
        ActivityFilter anyState = new ActivityFilter(null, filter.repId(), filter.since(), filter.until(),
                filter.source(), filter.reason());
        Map<String, Object> parameters = new HashMap<>();
        String where = where(anyState, parameters);
        Map<String, Long> byState = new LinkedHashMap<>();
        Arrays.stream(ActivityState.values()).forEach(state -> byState.put(state.value(), 0L));
        Map<String, Long> bySource = new LinkedHashMap<>();
        Arrays.stream(ActivitySource.values()).forEach(source -> bySource.put(source.value(), 0L));
        long[] total = {0};
        jdbc.sql("SELECT source, state, COUNT(*) FROM activities" + where + " GROUP BY source, state")
                .params(parameters)
                .query(rs -> {
                    long count = rs.getLong(3);
                    bySource.merge(ActivitySource.fromValue(rs.getString(1)).value(), count, Long::sum);
                    byState.merge(ActivityState.fromValue(rs.getString(2)).value(), count, Long::sum);
                    total[0] += count;
                });
        Map<String, ActivitySummary.Reasons> reasons = new LinkedHashMap<>();
        for (ActivityState state : grouped) {
            Map<String, Object> stateParameters = new HashMap<>(parameters);
            stateParameters.put("groupedState", state.value());
            String stateWhere = where + " AND state = :groupedState";
            // NULLS LAST spelled out: H2 puts NULL first in ascending order, PostgreSQL last
            List<ActivitySummary.ReasonCount> top = jdbc.sql("SELECT reason, COUNT(*) AS n FROM activities" + stateWhere
                            + " GROUP BY reason ORDER BY n DESC, reason NULLS LAST FETCH FIRST :limit ROWS ONLY")
                    .params(stateParameters)
                    .param("limit", reasonLimit)
                    .query((rs, row) -> new ActivitySummary.ReasonCount(rs.getString(1), rs.getLong(2)))
                    .list();
            long distinct = top.size() < reasonLimit ? top.size()
                    : jdbc.sql("SELECT COUNT(*) FROM (SELECT reason FROM activities" + stateWhere + " GROUP BY reason) AS reasons")
                            .params(stateParameters).query(Long.class).single();
            reasons.put(state.value(), new ActivitySummary.Reasons(top, distinct));
        }
        return new ActivitySummary(total[0], byState, bySource, reasons);
    }

    /** The WHERE clause of a filter, its values bound in {@code parameters}. */
    private static String where(ActivityFilter filter, Map<String, Object> parameters) {
        ActivityState state = filter.state();
        Long repId = filter.repId();
        OffsetDateTime since = filter.since();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (state != null) {
            where.append(" AND state = :state");
            parameters.put("state", state.value());
        }
        if (repId != null) {
            where.append(" AND rep_id = :repId");
            parameters.put("repId", repId);
        }
        if (since != null) {
            where.append(" AND created_at >= :since");
            parameters.put("since", since);
        }
        if (filter.until() != null) {
            where.append(" AND created_at < :until");
            parameters.put("until", filter.until());
        }
        if (filter.source() != null) {
            where.append(" AND source = :source");
            parameters.put("source", filter.source().value());
        }
        if (filter.reason() != null) {
            where.append(" AND reason = :reason");
            parameters.put("reason", filter.reason());
        }
        return where.toString();
    }

    /**
     * Claims up to {@code limit} pending activities that are due, oldest first, for {@code lease}:
     * no other claim takes them until the lease has passed or their outcome is recorded.
     */
    @Transactional
    public List<Activity> claimDue(int limit, Duration lease) {
        OffsetDateTime now = StoreClock.now(clock);
        List<Long> candidates = jdbc.sql("SELECT id FROM activities WHERE state = 'pending' AND next_attempt_at <= :now"
                        + " AND (claimed_until IS NULL OR claimed_until < :now)"
                        + " ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY")
                .param("now", now)
                .param("limit", limit)
                .query(Long.class)
                .list();
        if (candidates.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        // the same conditions again: a parallel claim that got there first keeps its rows
        jdbc.sql("UPDATE activities SET claim_token = :token, claimed_until = :until WHERE id IN (:ids)"
                        + " AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)")
                .param("token", token)
                .param("until", now.plus(lease))
                .param("ids", candidates)
                .param("now", now)
                .update();
        List<Activity> claimed = jdbc.sql("SELECT " + COLUMNS + " FROM activities WHERE claim_token = :token ORDER BY id")
                .param("token", token)
                .query(this::mapActivity)
                .list();
        return withTasks(claimed);
    }

    /**
     * The matching decision and the planned Tasks of a claimed activity, kept before they are
     * written, so that a retry after a crash writes the same Tasks (same external ids).
     */
    public record Plan(long activityId, JsonNode matching, Long repId, Long personId, List<ActivityTask> tasks) {
    }

    /**
     * Keeps the plans of a batch's activities: one transaction, each statement
     * sent once for the whole batch.
     */
    @Transactional
    public void savePlans(List<Plan> plans) {
        if (plans.isEmpty()) {
            return;
        }
        OffsetDateTime now = StoreClock.now(clock);
        batches.batchUpdate(SAVE_PLAN, plans.stream().map(plan -> new MapSqlParameterSource()
                        .addValue("decision", toJson(plan.matching()))
                        .addValue("repId", plan.repId())
                        .addValue("personId", plan.personId())
                        .addValue("now", now)
                        .addValue("id", plan.activityId()))
                .toArray(SqlParameterSource[]::new));
        Map<Long, List<ActivityTask>> tasks = new LinkedHashMap<>();
        plans.forEach(plan -> tasks.put(plan.activityId(), plan.tasks()));
        replaceTasks(tasks);
    }

    /**
     * Records the outcomes of a batch's activities ({@link #recordOutcome}): one transaction, one
     * commit for the batch instead of one per activity, each statement sent once for all of them.
     */
    @Transactional
    public void recordOutcomes(Map<Long, ActivityOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        OffsetDateTime now = StoreClock.now(clock);
        batches.batchUpdate(RECORD_OUTCOME, outcomes.entrySet().stream()
                .map(outcome -> new MapSqlParameterSource(outcomeParameters(outcome.getKey(), outcome.getValue(), now)))
                .toArray(SqlParameterSource[]::new));
        Map<Long, List<ActivityTask>> tasks = new LinkedHashMap<>();
        outcomes.forEach((id, outcome) -> {
            if (outcome.tasks() != null) {
                tasks.put(id, outcome.tasks());
            }
        });
        updateTasks(tasks);
    }

    /**
     * Writes the outcome's Tasks (their Salesforce ids now) into the rows {@link #savePlans} wrote
     * for them, by external id, and adds any the plan did not have. A batch's outcome carries the
     * Tasks it was claimed or planned with, so no planned row is left over; updating them in place
     * saves the delete and insert of every row at every outcome.
     */
    private void updateTasks(Map<Long, List<ActivityTask>> tasksByActivity) {
        List<SqlParameterSource> rows = taskRows(tasksByActivity);
        if (rows.isEmpty()) {
            return;
        }
        int[] updated = batches.batchUpdate(UPDATE_TASK, rows.toArray(SqlParameterSource[]::new));
        List<SqlParameterSource> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            // a driver that cannot tell (SUCCESS_NO_INFO) counts as updated
            if (i < updated.length && updated[i] == 0) {
                missing.add(rows.get(i));
            }
        }
        if (!missing.isEmpty()) {
            batches.batchUpdate(INSERT_TASK, missing.toArray(SqlParameterSource[]::new));
        }
    }

    private static List<SqlParameterSource> taskRows(Map<Long, List<ActivityTask>> tasksByActivity) {
        List<SqlParameterSource> rows = new ArrayList<>();
        tasksByActivity.forEach((activityId, tasks) -> tasks.forEach(task -> rows.add(new MapSqlParameterSource()
                .addValue("activityId", activityId)
                .addValue("externalId", task.externalId())
                .addValue("whoId", task.whoId())
                .addValue("whatId", task.whatId())
                .addValue("taskId", task.salesforceTaskId()))));
        return rows;
    }

    /** Records the outcome of an attempt and releases the claim. */
    @Transactional
    public void recordOutcome(long activityId, ActivityOutcome outcome) {
        jdbc.sql(RECORD_OUTCOME)
                .params(outcomeParameters(activityId, outcome, StoreClock.now(clock)))
                .update();
        if (outcome.tasks() != null) {
            replaceTasks(Map.of(activityId, outcome.tasks()));
        }
    }

    private Map<String, Object> outcomeParameters(long activityId, ActivityOutcome outcome, OffsetDateTime now) {
        boolean pending = outcome.state() == ActivityState.PENDING;
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", activityId);
        parameters.put("state", outcome.state().value());
        parameters.put("reason", truncate(outcome.reason(), 2000));
        parameters.put("errorCode", truncate(outcome.errorCode(), 100));
        parameters.put("errorClass", outcome.errorClass());
        parameters.put("repId", outcome.repId());
        parameters.put("personId", outcome.personId());
        parameters.put("decision", outcome.matching() == null ? null : toJson(outcome.matching()));
        parameters.put("dropped", outcome.fieldsLeftOut() == null ? null
                : truncate(String.join(",", outcome.fieldsLeftOut()), 4000));
        parameters.put("next", now.plus(Duration.ofMillis(Math.max(0, outcome.retryAfterMillis()))));
        parameters.put("logged", outcome.state() == ActivityState.LOGGED ? now : null);
        parameters.put("attempt", pending || outcome.state() == ActivityState.FAILED ? 1 : 0);
        parameters.put("now", now);
        return parameters;
    }

    /**
     * Makes the activity pending again, due now, to be matched afresh. A logged activity is not
     * retried: its Tasks are in Salesforce.
     */
    @Transactional
    public Activity retry(long id) {
        Activity activity = get(id);
        Activity.PersonRef person = activity.person();
        if (person.id() == null && person.salesforceId() == null && person.email() == null) {
            throw new RecordInUseException("Activity " + id + " names no person to log against (" + activity.reason()
                    + "): it cannot be retried; send the email again once it can be read");
        }
        if (activity.state() == ActivityState.LOGGED) {
            throw new RecordInUseException("Activity " + id + " is already logged as Salesforce Task(s) "
                    + String.join(", ", activity.salesforceTaskIds()) + ": there is nothing to retry");
        }
        if (activity.state() != ActivityState.PENDING) {
            OffsetDateTime now = StoreClock.now(clock);
            jdbc.sql("UPDATE activities SET state = 'pending', reason = NULL, error_code = NULL, error_class = NULL,"
                            + " attempts = 0, next_attempt_at = :now, decision = NULL, updated_at = :now"
                            + " WHERE id = :id AND state <> 'pending' AND state <> 'logged'")
                    .param("now", now)
                    .param("id", id)
                    .update();
            jdbc.sql("DELETE FROM activity_tasks WHERE activity_id = :id AND salesforce_task_id IS NULL")
                    .param("id", id)
                    .update();
        }
        return get(id);
    }

    /** How many activities are in each state, per source (the metrics' gauges). */
    @Transactional(readOnly = true)
    public Map<ActivitySource, Map<ActivityState, Long>> countByState() {
        Map<ActivitySource, Map<ActivityState, Long>> counts = new EnumMap<>(ActivitySource.class);
        for (ActivitySource source : ActivitySource.values()) {
            Map<ActivityState, Long> bySource = new EnumMap<>(ActivityState.class);
            Arrays.stream(ActivityState.values()).forEach(state -> bySource.put(state, 0L));
            counts.put(source, bySource);
        }
        jdbc.sql("SELECT source, state, COUNT(*) FROM activities GROUP BY source, state")
                .query(rs -> {
                    counts.get(ActivitySource.fromValue(rs.getString(1)))
                            .put(ActivityState.fromValue(rs.getString(2)), rs.getLong(3));
                });
        return counts;
    }

    /** The latest activities of a rep or about a person that did not make it, newest first. */
    @Transactional(readOnly = true)
    public List<Activity> latestProblems(Long repId, Long personId, int limit) {
        String column = repId != null ? "rep_id" : "person_id";
        return withTasks(jdbc.sql("SELECT " + COLUMNS + " FROM activities WHERE " + column + " = :id"
                        + " AND state IN ('failed', 'not_logged', 'unresolved', 'rejected')"
                        + " ORDER BY updated_at DESC, id DESC FETCH FIRST :limit ROWS ONLY")
                .param("id", repId != null ? repId : personId)
                .param("limit", limit)
                .query(this::mapActivity)
                .list());
    }

    private Optional<Activity> findByDigest(ActivitySource source, String digest) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM activities WHERE source = :source AND digest = :digest")
                .param("source", source.value())
                .param("digest", digest)
                .query(this::mapActivity)
                .optional()
                .map(activity -> withTasks(List.of(activity)).get(0));
    }

    /** Replaces the planned Tasks of these activities, each statement sent once for all of them. */
    private void replaceTasks(Map<Long, List<ActivityTask>> tasksByActivity) {
        if (tasksByActivity.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(tasksByActivity.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("DELETE FROM activity_tasks WHERE activity_id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .update();
        }
        List<SqlParameterSource> rows = taskRows(tasksByActivity);
        if (!rows.isEmpty()) {
            batches.batchUpdate(INSERT_TASK, rows.toArray(SqlParameterSource[]::new));
        }
    }


    /** The planned Tasks of each activity, by activity id. */
    @Transactional(readOnly = true)
    public Map<Long, List<ActivityTask>> tasks(Collection<Long> activityIds) {
        Map<Long, List<ActivityTask>> tasks = new LinkedHashMap<>();
        if (activityIds.isEmpty()) {
            return tasks;
        }
        jdbc.sql("SELECT activity_id, external_id, who_id, what_id, salesforce_task_id FROM activity_tasks"
                        + " WHERE activity_id IN (:ids) ORDER BY id")
                .param("ids", activityIds)
                .query(rs -> {
                    tasks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ActivityTask(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return tasks;
    }

    private List<Activity> withTasks(List<Activity> activities) {
        if (activities.isEmpty()) {
            return activities;
        }
        Map<Long, List<ActivityTask>> tasks = tasks(activities.stream().map(Activity::id).toList());
        return activities.stream().map(a -> new Activity(a.id(), a.source(), a.type(), a.state(), a.reason(), a.error(),
                a.repEmail(), a.repId(), a.person(), a.personId(), a.subject(), a.body(), a.occurredAt(), a.messageId(),
                a.activityKey(), a.campaign(), a.call(), a.attributes(), a.matching(),
                tasks.getOrDefault(a.id(), List.of()).stream().map(ActivityTask::salesforceTaskId)
                        .filter(java.util.Objects::nonNull).toList(),
                a.fieldsLeftOut(), a.attempts(), a.nextAttemptAt(), a.loggedAt(), a.createdAt(), a.updatedAt())).toList();
    }

    private Map<String, Object> intakeParameters(NewActivity activity) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("source", activity.source().value());
        parameters.put("kind", activity.type().value());
        parameters.put("key", activity.activityKey());
        parameters.put("digest", activity.digest());
        parameters.put("messageId", activity.messageId());
        parameters.put("repEmail", activity.repEmail());
        parameters.put("personId", activity.person().id());
        parameters.put("personSalesforceId", activity.person().salesforceId());
        parameters.put("personEmail", activity.person().email());
        parameters.put("subject", activity.subject());
        parameters.put("body", activity.body());
        parameters.put("occurredAt", activity.occurredAt());
        Activity.Campaign campaign = activity.campaign();
        parameters.put("campaignName", campaign == null ? null : campaign.name());
        parameters.put("campaignDay", campaign == null ? null : campaign.day());
        parameters.put("campaignStep", campaign == null ? null : campaign.step());
        Activity.Call call = activity.call();
        parameters.put("callOutcome", call == null ? null : call.outcome());
        parameters.put("callReason", call == null ? null : call.reason());
        parameters.put("attributes", activity.attributes() == null || activity.attributes().isEmpty()
                ? null : toJson(activity.attributes()));
        return parameters;
    }

    private Activity mapActivity(ResultSet rs, int row) throws SQLException {
        String campaignName = rs.getString("campaign_name");
        Integer campaignDay = rs.getObject("campaign_day", Integer.class);
        Integer campaignStep = rs.getObject("campaign_step", Integer.class);
        String callOutcome = rs.getString("call_outcome");
        String callReason = rs.getString("call_reason");
        String errorCode = rs.getString("error_code");
        String dropped = rs.getString("dropped_fields");
        return new Activity(
                rs.getLong("id"),
                ActivitySource.fromValue(rs.getString("source")),
                ActivityType.fromValue(rs.getString("kind")),
                ActivityState.fromValue(rs.getString("state")),
                rs.getString("reason"),
                errorCode == null && rs.getString("error_class") == null ? null
                        : new Activity.Error(errorCode, rs.getString("error_class")),
                rs.getString("rep_email"),
                rs.getObject("rep_id", Long.class),
                new Activity.PersonRef(rs.getObject("person_ref_id", Long.class),
                        rs.getString("person_ref_salesforce_id"), rs.getString("person_ref_email")),
                rs.getObject("person_id", Long.class),
                rs.getString("subject"),
                rs.getString("body"),
                StoreClock.utc(rs.getObject("occurred_at", OffsetDateTime.class)),
                rs.getString("message_id"),
                rs.getString("activity_key"),
                campaignName == null && campaignDay == null && campaignStep == null ? null
                        : new Activity.Campaign(campaignName, campaignDay, campaignStep),
                callOutcome == null && callReason == null ? null : new Activity.Call(callOutcome, callReason),
                readAttributes(rs.getString("attributes")),
                readTree(rs.getString("decision")),
                List.of(),
                dropped == null || dropped.isEmpty() ? List.of() : List.of(dropped.split(",")),
                rs.getInt("attempts"),
                StoreClock.utc(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                StoreClock.utc(rs.getObject("logged_at", OffsetDateTime.class)),
                StoreClock.utc(rs.getObject("created_at", OffsetDateTime.class)),
                StoreClock.utc(rs.getObject("updated_at", OffsetDateTime.class)));
    }

    private Map<String, Object> readAttributes(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activities.attributes holds no JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode readTree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activities.decision holds no JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
