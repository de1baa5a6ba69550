package io.salesactivitysync.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.salesforce.ApiUsageMonitor;
import io.salesactivitysync.salesforce.ErrorClass;
import io.salesactivitysync.salesforce.SalesforceErrors;
import io.salesactivitysync.salesforce.SalesforceProblem;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityOutcome;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.ActivityTask;
import io.salesactivitysync.store.ActivityType;
import io.salesactivitysync.store.OrgSettings;
import io.salesactivitysync.store.PersonStore;
import io.salesactivitysync.store.RecordNotFoundException;
import io.salesactivitysync.store.Rep;
import io.salesactivitysync.store.RepStore;
import io.salesactivitysync.store.SettingsStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The start and the end of the activity-logging flow: claims the due activities as a batch and
 * settles what the local store decides (unknown rep or person, logging settings off, a call
 * without a Salesforce id); at the end, records each activity's outcome, or, when a Salesforce
 * call failed for the whole batch, keeps the activities pending with a backoff (temporary errors)
 * or fails them with Salesforce's error (permanent ones).
 */
@Component
public class ActivityBatches {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityBatches.class);

    private final ActivityStore activities;
    private final RepStore reps;
    private final PersonStore people;
    private final SettingsStore settings;
    private final ActivityLoggingProperties properties;
    private final ApiUsageMonitor apiUsage;
    private final ActivityMetrics metrics;
    private final OrgFieldAccess fieldAccess;
    private final ObjectMapper json;

    public ActivityBatches(ActivityStore activities, RepStore reps, PersonStore people, SettingsStore settings,
                           ActivityLoggingProperties properties, ApiUsageMonitor apiUsage, ActivityMetrics metrics,
                           OrgFieldAccess fieldAccess, ObjectMapper json) {
        this.activities = activities;
        this.reps = reps;
        this.people = people;
        this.settings = settings;
        this.properties = properties;
        this.apiUsage = apiUsage;
        this.metrics = metrics;
        this.fieldAccess = fieldAccess;
        this.json = json;
    }

    /**
     * Claims the next batch of due activities and settles what needs no Salesforce call. Nothing
     * is claimed while Salesforce calls are paused for API usage, or before the preflight has found
     * the Task external id field.
     */
    public ActivityBatch claim() {
        if (apiUsage.paused() || !fieldAccess.ready()) {
            return new ActivityBatch(List.of());
        }
        ActivityBatch batch = new ActivityBatch(activities.claimDue(properties.batchSize(), properties.claimLease()));
        Map<Long, List<ActivityTask>> planned = activities.tasks(batch.items().stream().map(w -> w.activity().id()).toList());
        // a batch holds few reps: each rep and its settings are read once, not once per activity
        Map<String, Optional<Rep>> repsByAddress = new HashMap<>();
        Map<Long, OrgSettings> settingsByRep = new HashMap<>();
        for (ActivityWork work : batch.items()) {
            prepare(work, planned.getOrDefault(work.activity().id(), List.of()), repsByAddress, settingsByRep);
        }
        return batch;
    }

    /** Rounds of one schedule tick at most: the timer gets its turn again now and then. */
    static final int MAX_ROUNDS = 50;

    /**
     * Whether the schedule should log another batch at once: before the first round, and after a
     * round that claimed a full batch (more may be due) and met no error. A backlog is so logged
     * batch after batch, not one batch per poll interval. A round that claims less than a full
     * batch, a Salesforce error (its batch now waits for its backoff: the next tick tries again),
     * or {@link #MAX_ROUNDS} rounds end the loop.
     */
    public boolean moreDue(Exchange exchange) {
        ActivityBatch batch = exchange.getProperty("batch", ActivityBatch.class);
        if (batch == null) {
            return true;
        }
        int rounds = exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class) + 1;
        return exchange.getException() == null && exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null
                && rounds < MAX_ROUNDS && batch.items().size() >= properties.batchSize();
    }

    private void prepare(ActivityWork work, List<ActivityTask> plannedTasks, Map<String, Optional<Rep>> repsByAddress,
                         Map<Long, OrgSettings> settingsByRep) {
        Activity activity = work.activity();
        Activity.PersonRef ref = activity.person();
        if (ref.id() == null && ref.salesforceId() == null && ref.email() == null) {
            work.decide(ActivityState.REJECTED, activity.reason() != null ? activity.reason()
                    : "The activity names no person to log against");
            return;
        }
        Optional<Rep> rep = repsByAddress.computeIfAbsent(activity.repEmail(), reps::findByAddress);
        if (rep.isEmpty()) {
            work.decide(ActivityState.REJECTED, "No rep has the address " + activity.repEmail()
                    + ": add the rep (or the address as an alias of a rep), then retry");
            return;
        }
        work.rep(rep.get());
        OrgSettings effective = settingsByRep.computeIfAbsent(rep.get().id(), id -> settings.repSettings(id).effective());
        work.settings(effective);
        if (activity.person().id() != null) {
            try {
                work.person(people.get(activity.person().id()));
            } catch (RecordNotFoundException e) {
                work.decide(ActivityState.REJECTED, "No person has the id " + activity.person().id()
                        + ": create the person or name them by salesforceId or email, then retry");
                return;
            }
        } else if (activity.person().email() != null) {
            people.findByEmail(activity.person().email()).ifPresent(work::person);
        }
        String settingOff = settingOff(activity, effective);
        if (settingOff != null) {
            work.decide(ActivityState.NOT_LOGGED, settingOff);
            return;
        }
        if (activity.type() == ActivityType.CALL && work.personSalesforceId() == null) {
            work.decide(ActivityState.NOT_LOGGED, "person has no Salesforce ID: a call is logged only against the"
                    + " Lead or Contact its person's Salesforce id names (set salesforceId on the person, then retry)");
            return;
        }
        if (!plannedTasks.isEmpty()) {
            // an earlier attempt planned these Tasks and may have written some: write the same ones
            work.tasks(plannedTasks);
            work.planned(true);
            if (activity.matching() != null) {
                work.matching(json.convertValue(activity.matching(), Matching.class));
            }
        }
    }

    private static String settingOff(Activity activity, OrgSettings effective) {
        if (activity.type() == ActivityType.CALL) {
            return effective.logCalls() ? null : "Logging calls is off for this rep (setting logCalls)";
        }
        if (activity.source() == ActivitySource.BCC) {
            return effective.logEmailsViaBcc() ? null
                    : "Logging emails from the BCC mailbox is off for this rep (setting logEmailsViaBcc)";
        }
        return effective.logEmailsViaApi() ? null
                : "Logging emails through the API is off for this rep (setting logEmailsViaApi)";
    }

    /** Records every activity's outcome. An activity no step decided had all its Tasks written: logged. */
    public void record(@ExchangeProperty("batch") ActivityBatch batch) {
        for (ActivityWork work : batch.items()) {
            if (!work.decided()) {
                work.decide(ActivityState.LOGGED, null);
            }
        }
        recordDecided(batch.items());
    }

    private void recordDecided(List<ActivityWork> decided) {
        Map<Long, ActivityOutcome> outcomes = new LinkedHashMap<>();
        List<ActivityWork> settled = new ArrayList<>();
        addDecided(decided, outcomes, settled);
        record(outcomes, settled);
    }

    /** The outcomes of activities a step decided; those that failed for a while are rescheduled. */
    private void addDecided(List<ActivityWork> decided, Map<Long, ActivityOutcome> outcomes, List<ActivityWork> settled) {
        for (ActivityWork work : decided) {
            SalesforceProblem problem = work.problem();
            if (problem != null && problem.errorClass() == ErrorClass.INTERMITTENT) {
                reschedule(work, problem, outcomes, settled);
                continue;
            }
            outcomes.put(work.activity().id(), new ActivityOutcome(work.state(), work.reason(),
                    problem == null ? null : problem.code(), problem == null ? null : problem.errorClass().value(),
                    work.rep() == null ? null : work.rep().id(), work.person() == null ? null : work.person().id(),
                    json.valueToTree(work.matching()), work.tasks(), new ArrayList<>(work.fieldsLeftOut()), 0));
            settled.add(work);
        }
    }

    /** The batch's outcomes in one transaction, then counted. */
    private void record(Map<Long, ActivityOutcome> outcomes, List<ActivityWork> settled) {
        activities.recordOutcomes(outcomes);
        settled.forEach(metrics::recorded);
    }

    /**
     * A step failed for the whole batch (after the route's quick redeliveries): activities not yet
     * decided wait and are tried again (temporary errors; logins that failed, which need the
     * settings fixed, not the activities; failures of the flow itself, such as the store, which
     * say nothing about the activities and may come after their Tasks were written) or fail with
     * Salesforce's error.
     */
    public void failed(@ExchangeProperty("batch") ActivityBatch batch, Exchange exchange) {
        Exception exception = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SalesforceProblem problem = SalesforceErrors.of(exception);
        if (problem.unexpected()) {
            LOG.error("Logging a batch of {} activities failed; they are tried again", batch == null ? 0 : batch.size(),
                    exception);
        } else {
            LOG.warn("Logging a batch of {} activities failed: {}", batch == null ? 0 : batch.size(), problem.describe());
        }
        if (batch == null) {
            return;
        }
        boolean tryAgain = problem.errorClass() == ErrorClass.INTERMITTENT || problem.errorClass() == ErrorClass.AUTH
                || problem.unexpected();
        List<ActivityWork> decided = new ArrayList<>();
        Map<Long, ActivityOutcome> outcomes = new LinkedHashMap<>();
        List<ActivityWork> settled = new ArrayList<>();
        for (ActivityWork work : batch.items()) {
            if (!work.decided() && !tryAgain) {
                work.fail(problem, "The activity could not be logged: " + problem.describe());
            }
            if (work.decided()) {
                decided.add(work);
            } else {
                // never "logged": its Tasks may not all be in Salesforce
                reschedule(work, problem, outcomes, settled);
            }
        }
        addDecided(decided, outcomes, settled);
        record(outcomes, settled);
    }

    /**
     * The outcome of an attempt that failed for a while: pending again with a backoff, or failed
     * for good once {@code max-attempts} is reached (then counted with {@code settled}).
     */
    private void reschedule(ActivityWork work, SalesforceProblem problem, Map<Long, ActivityOutcome> outcomes,
                            List<ActivityWork> settled) {
        int attempts = work.activity().attempts() + 1;
        boolean exhausted = attempts >= properties.maxAttempts();
        ActivityState state = exhausted ? ActivityState.FAILED : ActivityState.PENDING;
        String reason = exhausted
                ? "Gave up after " + attempts + " attempts: " + problem.describe() + "; retry it through the API"
                : "Attempt " + attempts + " of " + properties.maxAttempts() + " failed, trying again later: " + problem.describe();
        // the Tasks this attempt planned, with the Salesforce ids of those it wrote: the next one writes only the rest
        outcomes.put(work.activity().id(), new ActivityOutcome(state, reason, problem.code(),
                problem.errorClass().value(), work.rep() == null ? null : work.rep().id(),
                work.person() == null ? null : work.person().id(), null, work.tasks().isEmpty() ? null : work.tasks(),
                null, backoffMillis(attempts)));
        if (exhausted) {
            work.fail(problem, reason);
            settled.add(work);
        }
    }

    /** retry-backoff doubled per attempt, at most retry-backoff-max, with a fifth of jitter. */
    long backoffMillis(int attempts) {
        double base = properties.retryBackoff().toMillis() * Math.pow(2, Math.min(attempts - 1, 30));
        double capped = Math.min(base, properties.retryBackoffMax().toMillis());
        return (long) (capped * (0.9 + ThreadLocalRandom.current().nextDouble() * 0.2));
    }
}
