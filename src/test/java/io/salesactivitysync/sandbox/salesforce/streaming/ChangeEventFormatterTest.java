package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventFormatterTest {

    private static final Instant CREATED = Instant.parse("2019-05-02T11:27:36.412Z");
    private static final Instant MODIFIED = Instant.parse("2019-05-02T11:29:00Z");
    private static final String TASK_ID = "00T5g00000AbCdEFGH";

    private final ChangeEventFormatter formatter = new ChangeEventFormatter();

    @Test
    void createCarriesTheHeaderAndEveryNonEmptyFieldButIdIsDeletedAndSystemModstamp() {
        RecordChange change = RecordChanges.created("Task", TASK_ID, task(), CREATED);

        Map<String, Object> data = formatter.format(change, 32872942L);

        assertThat(data).containsOnlyKeys("schema", "payload", "event");
        assertThat(data.get("schema")).isEqualTo(ChangeEventFormatter.schemaId("Task"));
        assertThat(data.get("event")).isEqualTo(Map.of("replayId", 32872942L));
        Map<String, Object> payload = map(data.get("payload"));
        assertThat(payload.keySet()).first().isEqualTo("ChangeEventHeader");
        assertThat(payload).doesNotContainKeys("Id", "IsDeleted", "SystemModstamp");
        assertThat(payload).containsEntry("Subject", "Call back")
                .containsEntry("Status", "Not Started")
                .containsEntry("ActivityDate", "2025-01-15")
                .containsEntry("IsHighPriority", false)
                .containsEntry("CreatedDate", "2019-05-02T11:27:36Z")
                .containsEntry("LastModifiedDate", "2019-05-02T11:27:36Z")
                .containsEntry("OwnerId", RecordChanges.USER_ID);

        Map<String, Object> header = map(payload.get("ChangeEventHeader"));
        assertThat(header.keySet()).containsExactly("entityName", "recordIds", "changeType", "changeOrigin",
                "transactionKey", "sequenceNumber", "commitTimestamp", "commitUser", "commitNumber", "changedFields");
        assertThat(header).containsEntry("entityName", "Task")
                .containsEntry("recordIds", List.of(TASK_ID))
                .containsEntry("changeType", "CREATE")
                .containsEntry("changeOrigin", RecordChanges.ORIGIN)
                .containsEntry("transactionKey", change.context().transactionKey())
                .containsEntry("sequenceNumber", 1)
                .containsEntry("commitTimestamp", CREATED.toEpochMilli())
                .containsEntry("commitUser", RecordChanges.USER_ID)
                .containsEntry("commitNumber", change.context().commitNumber())
                .containsEntry("changedFields", List.of());
    }

    @Test
    void updateCarriesOnlyTheChangedFieldsWithNulledOnesAsNullAndLastModifiedDate() {
        Map<String, Object> before = RecordChanges.withSystemFields(TASK_ID, task(), CREATED, CREATED);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("Status", "Completed");
        changes.put("Description", null);
        RecordChange change = RecordChanges.updated("Task", before, changes, MODIFIED);

        Map<String, Object> payload = map(formatter.format(change, 5L).get("payload"));

        assertThat(payload).containsOnlyKeys("ChangeEventHeader", "Status", "Description", "LastModifiedDate");
        assertThat(payload).containsEntry("Status", "Completed")
                .containsEntry("Description", null)
                .containsEntry("LastModifiedDate", "2019-05-02T11:29:00Z");
        Map<String, Object> header = map(payload.get("ChangeEventHeader"));
        assertThat(header).containsEntry("changeType", "UPDATE")
                .containsEntry("changedFields", List.of("Status", "Description", "LastModifiedDate"));
        assertThat(header).doesNotContainKeys("nulledFields", "diffFields");
    }

    @Test
    void aGapEventCarriesTheHeaderAndTheRecordIdsOnly() {
        Map<String, Object> before = RecordChanges.withSystemFields(TASK_ID, task(), CREATED, CREATED);
        RecordChange change = RecordChanges.updated("Task", before, Map.of("Status", "Completed"), MODIFIED);
        formatter.gapEvents(true);

        Map<String, Object> payload = map(formatter.format(change, 6L).get("payload"));

        assertThat(payload).containsOnlyKeys("ChangeEventHeader");
        Map<String, Object> header = map(payload.get("ChangeEventHeader"));
        assertThat(header).containsEntry("changeType", "GAP_UPDATE").containsEntry("recordIds", java.util.List.of(TASK_ID))
                .containsEntry("changedFields", java.util.List.of());
        formatter.gapEvents(false);
        assertThat(map(formatter.format(change, 7L).get("payload"))).containsKey("Status");
    }

    @Test
    void deleteCarriesTheHeaderAloneAndUndeleteEveryNonEmptyField() {
        Map<String, Object> record = RecordChanges.withSystemFields(TASK_ID, task(), CREATED, CREATED);

        Map<String, Object> deleted = map(formatter.format(RecordChanges.deleted("Task", record, MODIFIED), 6L).get("payload"));
        Map<String, Object> undeleted = map(formatter.format(RecordChanges.undeleted("Task", record, MODIFIED), 7L).get("payload"));

        assertThat(deleted).containsOnlyKeys("ChangeEventHeader");
        assertThat(map(deleted.get("ChangeEventHeader"))).containsEntry("changeType", "DELETE")
                .containsEntry("recordIds", List.of(TASK_ID));
        assertThat(undeleted).containsKeys("Subject", "Status", "CreatedDate", "OwnerId").doesNotContainKeys("Id", "IsDeleted");
        assertThat(map(undeleted.get("ChangeEventHeader"))).containsEntry("changeType", "UNDELETE");
    }

    @Test
    void nestsTheNameOfPeopleAndAddressesAsCompoundFields() {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("FirstName", "Ada");
        contact.put("LastName", "Lovelace");
        contact.put("Name", "Ada Lovelace");
        contact.put("Email", "ada@example.com");
        contact.put("MailingCity", "London");
        RecordChange created = RecordChanges.created("Contact", "0035g00000AbCdEFGH", contact, CREATED);

        Map<String, Object> payload = map(formatter.format(created, 1L).get("payload"));

        assertThat(payload).containsEntry("Name", Map.of("FirstName", "Ada", "LastName", "Lovelace"))
                .containsEntry("MailingAddress", Map.of("City", "London"))
                .containsEntry("Email", "ada@example.com")
                .doesNotContainKeys("FirstName", "LastName", "MailingCity");

        Map<String, Object> before = RecordChanges.withSystemFields("0035g00000AbCdEFGH", contact, CREATED, CREATED);
        RecordChange renamed = RecordChanges.updated("Contact", before,
                Map.of("LastName", "King", "Name", "Ada King"), MODIFIED);
        Map<String, Object> update = map(formatter.format(renamed, 2L).get("payload"));

        assertThat(update).containsEntry("Name", Map.of("LastName", "King"));
        assertThat(map(update.get("ChangeEventHeader")).get("changedFields"))
                .isEqualTo(List.of("Name.LastName", "LastModifiedDate"));
    }

    @Test
    void anAccountNameIsAPlainField() {
        RecordChange created = RecordChanges.created("Account", "0015g00000AbCdEFGH",
                Map.of("Name", "Acme", "BillingCity", "San Francisco"), CREATED);

        Map<String, Object> payload = map(formatter.format(created, 1L).get("payload"));

        assertThat(payload).containsEntry("Name", "Acme")
                .containsEntry("BillingAddress", Map.of("City", "San Francisco"));
    }

    @Test
    void schemaIdsAreStablePerEntityAndShapedLikeSalesforces() {
        assertThat(ChangeEventFormatter.schemaId("Task")).isEqualTo(ChangeEventFormatter.schemaId("Task"))
                .isNotEqualTo(ChangeEventFormatter.schemaId("Lead"))
                .matches("[A-Za-z0-9_-]{22}");
    }

    private static Map<String, Object> task() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", "Call back");
        task.put("Status", "Not Started");
        task.put("Priority", "Normal");
        task.put("ActivityDate", LocalDate.of(2025, 1, 15));
        task.put("Description", "About the renewal");
        task.put("IsHighPriority", false);
        return task;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
