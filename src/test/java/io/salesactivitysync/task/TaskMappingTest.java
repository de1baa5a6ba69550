package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.salesactivitysync.salesforce.SalesforceRecord;
import io.salesactivitysync.store.SyncedTask;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TaskMapping} with the mapping of config/application.yml (and variants of it). */
class TaskMappingTest {

    private final TaskMapping mapping = TaskFixtures.mapping();

    // ------------------------------------------------------------------ the Subject

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "{{activity_subject}}"})
    void withoutATemplateTheSubjectIsTheTaskName(String template) {
        assertThat(TaskMapping.subject(template, "Call back Ann")).isEqualTo("Call back Ann");
    }

    @Test
    void theTemplateFramesTheTaskName() {
        assertThat(TaskMapping.subject("Task: {{activity_subject}}", "Call back Ann")).isEqualTo("Task: Call back Ann");
        assertThat(TaskMapping.subject("{{activity_type}}: {{activity_subject}}", "Call back Ann"))
                .isEqualTo("Task: Call back Ann");
    }

    @Test
    void placeholdersATaskHasNoValueForAreRemoved() {
        assertThat(TaskMapping.subject("{{call_outcome}} {{activity_subject}} {{sales_campaign_name}}", "Call back Ann"))
                .isEqualTo("Call back Ann");
        assertThat(TaskMapping.subject("[{{call_reason}}] {{activity_subject}}", "Call back Ann"))
                .isEqualTo("[] Call back Ann");
        // a template of nothing but such placeholders leaves the name
        assertThat(TaskMapping.subject("{{call_outcome}}", "Call back Ann")).isEqualTo("Call back Ann");
    }

    @Test
    void placeholdersAreWrittenAsForActivitySubjects() {
        // the rep's subject template is the one activities use (TemplateRenderer), spaces inside the braces included
        assertThat(TaskMapping.subject("{{ activity_type }}: {{ activity_subject }}", "Call back Ann"))
                .isEqualTo("Task: Call back Ann");
        assertThat(TaskMapping.subject("{{ call_outcome }}{{activity_subject}}", "Call back Ann")).isEqualTo("Call back Ann");
    }

    @Test
    void theTaskNameIsTakenLiterally() {
        assertThat(TaskMapping.subject("Task: {{activity_subject}}", "Prepare {{sales_campaign_name}} deck"))
                .isEqualTo("Task: Prepare {{sales_campaign_name}} deck");
        assertThat(TaskMapping.subject("{{activity_subject}}", "cost $1 \\o/ {{activity_type}}"))
                .isEqualTo("cost $1 \\o/ {{activity_type}}");
    }

    @Test
    void theSubjectIsCutAt255Characters() {
        assertThat(TaskMapping.subject(null, "x".repeat(255))).isEqualTo("x".repeat(255));
        String subject = TaskMapping.subject("Task: {{activity_subject}}", "x".repeat(300));
        assertThat(subject).hasSize(255).startsWith("Task: xxx");
        assertThat(TaskMapping.subject("{{activity_subject}}", "y".repeat(10_000))).hasSize(255);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String subject = TaskMapping.subject(null, "a".repeat(254) + "😀b");
        assertThat(subject).isEqualTo("a".repeat(254));
    }

    @Test
    void theRecordWrittenCarriesTheRenderedSubjectAndMappedValues() {
        Map<String, Object> product = new HashMap<>();
        product.put("name", "Call back Ann");
        product.put("status", "completed");
        product.put("priority", "high");
        product.put("due_date", LocalDate.of(2027, 1, 5));
        product.put("details", null);
        SyncedTask task = new SyncedTask(1, 2, "0055g00000AbCdEAAV", true, true, null, product, Map.of(), Map.of(), null);

        assertThat(mapping.salesforceValue("name", task, "Task: {{activity_subject}}")).isEqualTo("Task: Call back Ann");
        assertThat(mapping.salesforceValue("status", task, null)).isEqualTo("Completed");
        assertThat(mapping.salesforceValue("priority", task, null)).isEqualTo("High");
        assertThat(mapping.salesforceValue("due_date", task, null)).isEqualTo("2027-01-05");
        assertThat(mapping.salesforceValue("details", task, null)).isNull();

        SalesforceRecord create = mapping.record(task, List.of("name", "status", "priority", "due_date", "details"), null,
                "0055g00000AbCdEAAV");
        assertThat(create.get("OwnerId")).isEqualTo("0055g00000AbCdEAAV");
        assertThat(create.get("TaskSubtype")).isEqualTo("Task");
        assertThat(create.get("Subject")).isEqualTo("Call back Ann");
        assertThat(create.get("ActivityDate")).isEqualTo("2027-01-05");
        SalesforceRecord update = mapping.record(task, List.of("status"), null, null);
        assertThat(update.get("Status")).isEqualTo("Completed");
        assertThat(update.get("OwnerId")).isNull();
        assertThat(update.get("Subject")).isNull();
    }

    // ------------------------------------------------------------------ values both ways

    @Test
    void statusBothWays() {
        assertThat(mapping.statusIn("Not Started")).contains("open");
        assertThat(mapping.statusIn("Completed")).contains("completed");
        for (String notSynced : new String[] {"In Progress", "Waiting on someone else", "Deferred", "completed", "", null}) {
            assertThat(mapping.statusIn(notSynced)).as(notSynced).isEmpty();
        }
        assertThat(statusOut("open")).isEqualTo("Not Started");
        assertThat(statusOut("completed")).isEqualTo("Completed");
    }

    @Test
    void priorityBothWays() {
        assertThat(mapping.priorityIn("Normal")).contains("normal");
        assertThat(mapping.priorityIn("High")).contains("high");
        assertThat(mapping.priorityIn("Low")).isEmpty();
        assertThat(mapping.priorityIn(null)).isEmpty();
        assertThat(mapping.priorityIn("high")).isEmpty();
    }

    @Test
    void fieldsBothWays() {
        assertThat(mapping.salesforceField("name")).isEqualTo("Subject");
        assertThat(mapping.salesforceField("due_date")).isEqualTo("ActivityDate");
        assertThat(mapping.productField("Description")).contains("details");
        assertThat(mapping.productField("OwnerId")).isEmpty();
        assertThat(mapping.salesforceFields()).containsExactly("Subject", "Status", "Priority", "ActivityDate", "Description");
        assertThat(mapping.externalIdField()).isEqualTo("Sales_Activity_Id__c");
    }

    @Test
    void anotherFieldMappingKeepsTheSnapshotsColumnNames() {
        Map<String, String> fields = new HashMap<>(TaskFixtures.FIELDS);
        fields.put("details", "Notes__c");
        TaskMapping custom = TaskFixtures.mapping(fields, TaskFixtures.STATUS, TaskFixtures.PRIORITY);
        assertThat(custom.salesforceField("details")).isEqualTo("Notes__c");
        assertThat(custom.canonical("Notes__c")).isEqualTo("Description");
        assertThat(custom.snapshot(Map.of("Notes__c", "n", "Description", "not mapped"))).containsExactly(
                Map.entry("Description", "n"));
    }

    private String statusOut(String status) {
        Map<String, Object> product = new HashMap<>();
        product.put("status", status);
        return (String) mapping.salesforceValue("status", new SyncedTask(1, 2, null, true, true, null, product, Map.of(),
                Map.of(), null), null);
    }

    // ------------------------------------------------------------------ an incomplete mapping

    @ParameterizedTest
    @ValueSource(strings = {"open", "completed"})
    void aMappingWithoutAStatusIsRefused(String status) {
        assertThatIllegalStateException()
                .isThrownBy(() -> TaskFixtures.mapping(TaskFixtures.FIELDS, TaskFixtures.without(TaskFixtures.STATUS, status),
                        TaskFixtures.PRIORITY))
                .withMessage("sas.tasks.mapping.status has no Salesforce Status for " + status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "high"})
    void aMappingWithoutAPriorityIsRefused(String priority) {
        assertThatIllegalStateException()
                .isThrownBy(() -> TaskFixtures.mapping(TaskFixtures.FIELDS, TaskFixtures.STATUS,
                        TaskFixtures.without(TaskFixtures.PRIORITY, priority)))
                .withMessage("sas.tasks.mapping.priority has no Salesforce Priority for " + priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "status", "priority", "due_date", "details"})
    void aMappingWithoutAFieldIsRefused(String field) {
        assertThatIllegalStateException()
                .isThrownBy(() -> TaskFixtures.mapping(TaskFixtures.without(TaskFixtures.FIELDS, field), TaskFixtures.STATUS,
                        TaskFixtures.PRIORITY))
                .withMessage("sas.tasks.mapping.fields has no Salesforce field for " + field);
    }

    // ------------------------------------------------------------------ the snapshot

    @Test
    void theSnapshotKeepsActivityDateAsADate() {
        for (String text : new String[] {"2027-01-05", "2027-01-05T23:30:00.000+0000", "2027-01-05T23:30:00.000-08:00",
                "2027-01-05T00:10:00Z"}) {
            assertThat(mapping.snapshot(Map.of("ActivityDate", text))).as(text)
                    .containsExactly(Map.entry("ActivityDate", LocalDate.of(2027, 1, 5)));
        }
        assertThat(mapping.snapshot(Map.of("ActivityDate", LocalDate.of(2027, 1, 5))))
                .containsExactly(Map.entry("ActivityDate", LocalDate.of(2027, 1, 5)));
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("ActivityDate", null);
        assertThat(mapping.snapshot(cleared)).containsEntry("ActivityDate", null).hasSize(1);
    }

    @Test
    void theSnapshotHoldsTheMappedFieldsPresentOnly() {
        Map<String, Object> record = new HashMap<>();
        record.put("Id", "00T5g000000000AEAQ");
        record.put("OwnerId", "0055g00000AbCdEAAV");
        record.put("Subject", "Call back Ann");
        record.put("Status", "In Progress");
        record.put("Description", null);
        assertThat(mapping.snapshot(record)).containsOnlyKeys("Subject", "Status", "Description")
                .containsEntry("Status", "In Progress");
        assertThat(mapping.snapshot(Map.of())).isEmpty();
        assertThat(mapping.snapshot(Map.of("Priority", "Low"))).isEqualTo(Map.of("Priority", "Low"));
    }
}
