package io.salesactivitysync.activity;

import io.salesactivitysync.salesforce.SalesforceRecord;
import io.salesactivitysync.store.Activity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The activities the activity-logging flow logs together, and the writes still to send for them.
 * It travels through the route in the exchange property {@code batch}; each step's bean reads and
 * adds to it.
 */
public final class ActivityBatch {

    private final List<ActivityWork> items;
    private LookupResults lookups = LookupResults.NONE;
    private final Deque<PendingWrite> taskWrites = new ArrayDeque<>();
    private final Deque<PendingWrite> recordWrites = new ArrayDeque<>();
    private List<PendingWrite> inFlight = List.of();

    ActivityBatch(List<Activity> activities) {
        this.items = activities.stream().map(ActivityWork::new).toList();
    }

    public List<ActivityWork> items() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    /** The activities no step has decided yet: they go on to Salesforce. */
    public List<ActivityWork> undecided() {
        return items.stream().filter(work -> !work.decided()).toList();
    }

    /** Whether any activity still needs Salesforce (for the route's filters). */
    public boolean needsSalesforce() {
        return items.stream().anyMatch(work -> !work.decided());
    }

    public LookupResults lookups() {
        return lookups;
    }

    void lookups(LookupResults value) {
        lookups = value;
    }

    /** A record to write, and the activities it belongs to. */
    record PendingWrite(SalesforceRecord record, List<ActivityWork> owners, boolean retried) {
    }

    Deque<PendingWrite> taskWrites() {
        return taskWrites;
    }

    Deque<PendingWrite> recordWrites() {
        return recordWrites;
    }

    /** The writes sent in the current collections request, in the order of its records. */
    List<PendingWrite> inFlight() {
        return inFlight;
    }

    void inFlight(List<PendingWrite> writes) {
        inFlight = writes;
    }

    /** Whether Task writes are waiting (the route loops while they are). */
    public boolean hasTaskWrites() {
        return !taskWrites.isEmpty();
    }

    /** Whether updates of Contacts, Leads, Accounts or Opportunities are waiting. */
    public boolean hasRecordWrites() {
        return !recordWrites.isEmpty();
    }

    /** Takes up to {@code max} writes off the front of the queue. */
    static List<PendingWrite> take(Deque<PendingWrite> queue, int max) {
        List<PendingWrite> chunk = new ArrayList<>();
        while (!queue.isEmpty() && chunk.size() < max) {
            chunk.add(queue.poll());
        }
        return chunk;
    }
}
