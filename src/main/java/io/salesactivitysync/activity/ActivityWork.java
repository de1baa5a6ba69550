package io.salesactivitysync.activity;

import io.salesactivitysync.salesforce.SalesforceProblem;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityTask;
import io.salesactivitysync.store.OrgSettings;
import io.salesactivitysync.store.Person;
import io.salesactivitysync.store.Rep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One activity of a batch on its way through the flow: what it was resolved to so far and, once
 * decided, its outcome. An activity is decided (an outcome is set) as soon as a step finds it
 * cannot go further (rep not connected, no record matched, Salesforce refused it); the others go
 * on to the next step.
 */
public final class ActivityWork {

    private final Activity activity;
    private Rep rep;
    private OrgSettings settings;
    private Person person;
    private Matching matching = new Matching(null, null, null);
    private List<ActivityTask> tasks = List.of();
    private boolean planned;
    private final Set<String> fieldsLeftOut = new LinkedHashSet<>();
    private ActivityState state;
    private String reason;
    private SalesforceProblem problem;

    ActivityWork(Activity activity) {
        this.activity = activity;
    }

    public Activity activity() {
        return activity;
    }

    public Rep rep() {
        return rep;
    }

    void rep(Rep value) {
        rep = value;
    }

    public OrgSettings settings() {
        return settings;
    }

    void settings(OrgSettings value) {
        settings = value;
    }

    /** The local person the activity names, when it names one that is in the store. */
    public Person person() {
        return person;
    }

    void person(Person value) {
        person = value;
    }

    /** The person's Salesforce id: as the activity gave it, else the local person's. */
    public String personSalesforceId() {
        if (activity.person().salesforceId() != null) {
            return activity.person().salesforceId();
        }
        return person == null ? null : person.salesforceId();
    }

    /** The person's address: as the activity gave it, else the local person's. */
    public String personEmail() {
        if (activity.person().email() != null) {
            return activity.person().email();
        }
        return person == null ? null : person.email();
    }

    public Matching matching() {
        return matching;
    }

    void matching(Matching value) {
        matching = value;
    }

    public List<ActivityTask> tasks() {
        return tasks;
    }

    void tasks(List<ActivityTask> value) {
        tasks = new ArrayList<>(value);
    }

    /** Its Tasks were planned by an earlier attempt and are kept: they are written as they are. */
    public boolean planned() {
        return planned;
    }

    void planned(boolean value) {
        planned = value;
    }

    void taskWritten(String externalId, String salesforceTaskId) {
        tasks.replaceAll(task -> task.externalId().equals(externalId) ? task.withSalesforceTaskId(salesforceTaskId) : task);
    }

    public Set<String> fieldsLeftOut() {
        return fieldsLeftOut;
    }

    void leaveOut(String qualifiedField) {
        fieldsLeftOut.add(qualifiedField);
    }

    /** Decided: the flow goes no further with it. */
    public boolean decided() {
        return state != null;
    }

    public ActivityState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public SalesforceProblem problem() {
        return problem;
    }

    void decide(ActivityState value, String why) {
        if (state == null) {
            state = value;
            reason = why;
        }
    }

    void fail(SalesforceProblem value, String why) {
        if (state == null) {
            state = ActivityState.FAILED;
            problem = value;
            reason = why;
        }
    }
}
