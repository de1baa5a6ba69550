package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A transaction's changes become numbered change events; the same update or delete of several records is one. */
class ChangeEventTest {

    private static final Instant CREATED = Instant.parse("2025-01-15T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-15T11:00:00Z");

    @Test
    void theSameUpdateOrDeleteOfSeveralRecordsOfOneObjectIsOneEvent() {
        Map<String, Object> a = task("00T5g0000000001AAA", "Call Ada");
        Map<String, Object> b = task("00T5g0000000002AAA", "Call Bob");
        Map<String, Object> c = task("00T5g0000000003AAA", "Call Cy");
        List<RecordChange> transaction = List.of(
                RecordChanges.updated("Task", a, Map.of("Status", "Completed"), NOW),
                RecordChanges.updated("Task", b, Map.of("Status", "Deferred"), NOW),
                RecordChanges.updated("Task", c, Map.of("Status", "Completed"), NOW),
                RecordChanges.deleted("Task", a, NOW),
                RecordChanges.deleted("Task", c, NOW));

        assertThat(ChangeEvent.of(transaction, entity -> true))
                .extracting(e -> e.change().changeType(), ChangeEvent::recordIds, ChangeEvent::sequenceNumber)
                .containsExactly(
                        tuple(ChangeType.UPDATE, List.of("00T5g0000000001AAA", "00T5g0000000003AAA"), 1),
                        tuple(ChangeType.UPDATE, List.of("00T5g0000000002AAA"), 2),
                        tuple(ChangeType.DELETE, List.of("00T5g0000000001AAA", "00T5g0000000003AAA"), 3));
    }

    @Test
    void createsOtherObjectsAndEntitiesNotCapturedStayApart() {
        List<RecordChange> transaction = List.of(
                RecordChanges.created("Task", "00T5g0000000001AAA", Map.of("Subject", "Same"), NOW),
                RecordChanges.created("Task", "00T5g0000000002AAA", Map.of("Subject", "Same"), NOW),
                RecordChanges.created("PushTopic", "0IF5g0000000001AAA", Map.of("Name", "Topic"), NOW),
                RecordChanges.deleted("Lead", Map.of("Id", "00Q5g0000000001AAA"), NOW),
                RecordChanges.deleted("Contact", Map.of("Id", "0035g0000000001AAA"), NOW));

        assertThat(ChangeEvent.of(transaction, entity -> !entity.equals("PushTopic")))
                .extracting(e -> e.change().entityName(), ChangeEvent::recordIds, ChangeEvent::sequenceNumber)
                .containsExactly(
                        tuple("Task", List.of("00T5g0000000001AAA"), 1),
                        tuple("Task", List.of("00T5g0000000002AAA"), 2),
                        tuple("Lead", List.of("00Q5g0000000001AAA"), 3),
                        tuple("Contact", List.of("0035g0000000001AAA"), 4));
    }

    @Test
    void aMergedEventNamesAllItsRecordsInItsHeader() {
        Map<String, Object> a = task("00T5g0000000001AAA", "Call Ada");
        Map<String, Object> b = task("00T5g0000000002AAA", "Call Bob");
        ChangeEvent event = ChangeEvent.of(List.of(RecordChanges.deleted("Task", a, NOW),
                RecordChanges.deleted("Task", b, NOW)), entity -> true).get(0);

        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) ((Map<String, Object>) new ChangeEventFormatter()
                .format(event, 9L).get("payload")).get("ChangeEventHeader");
        assertThat(header).containsEntry("recordIds", List.of("00T5g0000000001AAA", "00T5g0000000002AAA"))
                .containsEntry("changeType", "DELETE")
                .containsEntry("sequenceNumber", 1);
    }

    private static Map<String, Object> task(String id, String subject) {
        return RecordChanges.withSystemFields(id, Map.of("Subject", subject, "Status", "Not Started"), CREATED, CREATED);
    }
}
