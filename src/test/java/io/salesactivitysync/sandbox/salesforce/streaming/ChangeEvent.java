package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One Change Data Capture event of a committed transaction: the change of one record, or the
 * same change made to several records of one object, which Salesforce sends as one event whose
 * {@code recordIds} lists them all ("ChangeEventHeader Fields": "If in one transaction the same
 * change occurred in multiple records of the same object type during one second, Salesforce
 * merges the change notifications", e.g. an update of fieldA to valueA in several records, or
 * their deletion). The events of a transaction are numbered 1..n ({@code sequenceNumber}).
 *
 * <p>Only updates and deletes are merged, the cases Salesforce names; created and undeleted
 * records each get their own event.
 *
 * @param change         the change the event is made from (its body and header values)
 * @param recordIds      the records that changed this way, in the order they changed
 * @param sequenceNumber the event's position in its transaction, from 1
 */
record ChangeEvent(RecordChange change, List<String> recordIds, int sequenceNumber) {

    ChangeEvent {
        recordIds = List.copyOf(recordIds);
    }

    /** The event of a change on its own, numbered as its transaction numbered the change. */
    static ChangeEvent single(RecordChange change) {
        return new ChangeEvent(change, List.of(change.recordId()), change.context().sequenceNumber());
    }

    /** The events of one transaction's changes to the captured entities, same changes merged. */
    static List<ChangeEvent> of(List<RecordChange> transaction, Predicate<String> captured) {
        Map<Object, List<RecordChange>> groups = new LinkedHashMap<>();
        for (RecordChange change : transaction) {
            if (captured.test(change.entityName())) {
                groups.computeIfAbsent(sameChangeKey(change), key -> new ArrayList<>()).add(change);
            }
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (List<RecordChange> group : groups.values()) {
            events.add(new ChangeEvent(group.get(0), group.stream().map(RecordChange::recordId).distinct().toList(), events.size() + 1));
        }
        return events;
    }

    /** Changes with equal keys make one event. */
    private static Object sameChangeKey(RecordChange change) {
        if (change.changeType() == ChangeType.UPDATE || change.changeType() == ChangeType.DELETE) {
            return List.of(change.entityName(), change.changeType(), change.fields(), change.changedFields(),
                    change.nulledFields());
        }
        return List.of(change.entityName(), change.changeType(), change.recordId());
    }
}
