package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.store.SyncedTask;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TaskChangeRules}: the routing of Salesforce-side changes, with the mapping of
 * config/application.yml. No store, no Spring: each decision is a value.
 */
class TaskChangeRulesTest {

    private static final String TASK_ID = "00T5g000000000AEAQ";
    private static final String OWNER = "0055g00000AbCdEAAV";
    private static final OffsetDateTime PRODUCT_CHANGED = OffsetDateTime.parse("2026-12-03T09:00:00Z");
    private static final OffsetDateTime SF_MODIFIED = OffsetDateTime.parse("2026-12-03T10:00:00Z");

    private final TaskChangeRules rules = new TaskChangeRules(TaskFixtures.mapping());

    // ------------------------------------------------------------------ fixtures

    private static SyncedTask task(boolean syncOn, boolean synced, Map<String, OffsetDateTime> changedAt) {
        Map<String, Object> product = new HashMap<>();
        product.put("name", "Call back Ann");
        product.put("status", "open");
        product.put("priority", "normal");
        product.put("due_date", LocalDate.of(2027, 1, 4));
        product.put("details", "about the renewal");
        Map<String, Object> salesforce = new HashMap<>();
        salesforce.put("Subject", "Call back Ann");
        salesforce.put("Status", "Not Started");
        salesforce.put("Priority", "Normal");
        salesforce.put("ActivityDate", LocalDate.of(2027, 1, 4));
        salesforce.put("Description", "about the renewal");
        return new SyncedTask(7, 3, OWNER, syncOn, synced, TASK_ID, product, salesforce, changedAt, SF_MODIFIED.minusHours(2));
    }

    private static SyncedTask task() {
        Map<String, OffsetDateTime> changedAt = new HashMap<>();
        for (String field : List.of("name", "status", "priority", "due_date", "details")) {
            changedAt.put(field, PRODUCT_CHANGED);
        }
        return task(true, true, changedAt);
    }

    private static SyncedTask taskWithStatusChangedAt(OffsetDateTime when) {
        Map<String, OffsetDateTime> changedAt = new HashMap<>(task().changedAt());
        changedAt.put("status", when);
        return task(true, true, changedAt);
    }

    /** A CDC UPDATE of the fields given (LastModifiedDate among the changed fields, as Salesforce sends it). */
    private static SalesforceTask update(OffsetDateTime lastModified, Object... fieldsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            values.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        Set<String> changed = new java.util.LinkedHashSet<>(values.keySet());
        changed.add("LastModifiedDate");
        return new SalesforceTask(TASK_ID, "UPDATE", values, changed, false, lastModified);
    }

    private static SalesforceTask update(Object... fieldsAndValues) {
        return update(SF_MODIFIED, fieldsAndValues);
    }

    private static SalesforceTask create(Object... fieldsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("OwnerId", OWNER);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            values.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return new SalesforceTask(TASK_ID, "CREATE", values, null, false, SF_MODIFIED);
    }

    // ------------------------------------------------------------------ known tasks

    @Nested
    class KnownTask {

        @Test
        void theProductsOwnChangeIsIgnored() {
            SalesforceTask own = new SalesforceTask(TASK_ID, "UPDATE", Map.of("Status", "Completed"), Set.of("Status"),
                    true, SF_MODIFIED);
            TaskChangeRules.Decision decision = rules.forKnown(own, task(), Set.of());
            assertThat(decision.action()).isEqualTo("ignore");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.OWN_CHANGE);
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.snapshot()).isEmpty();
            assertThat(decision.changesProduct()).isFalse();

            SalesforceTask ownDelete = new SalesforceTask(TASK_ID, "DELETE", Map.of(), null, true, SF_MODIFIED);
            assertThat(rules.forKnown(ownDelete, task(), Set.of()).action()).isEqualTo("ignore");
        }

        @Test
        void aDeleteDeletesTheProductTask() {
            TaskChangeRules.Decision decision = rules.forKnown(
                    new SalesforceTask(TASK_ID, "DELETE", Map.of(), null, false, null), task(), Set.of("status"));
            assertThat(decision.action()).isEqualTo("delete");
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.notes()).containsExactly("deleted in Salesforce");
        }

        @Test
        void aRecordReadAsDeletedDeletesTheProductTask() {
            SalesforceTask deleted = new SalesforceTask(TASK_ID, "RECORD", Map.of("IsDeleted", true, "Status", "Completed"),
                    null, false, SF_MODIFIED);
            assertThat(rules.forKnown(deleted, task(), Set.of()).action()).isEqualTo("delete");
        }

        @Test
        void nothingIsTakenWhileTheOwnersSyncIsOff() {
            for (SyncedTask off : List.of(task(false, true, Map.of()), task(true, false, Map.of()))) {
                TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), off, Set.of());
                assertThat(decision.action()).isEqualTo("ignore");
                assertThat(decision.filtered()).containsExactly(TaskChangeRules.SYNC_OFF);
                assertThat(decision.productValues()).isEmpty();

                TaskChangeRules.Decision delete = rules.forKnown(
                        new SalesforceTask(TASK_ID, "DELETE", Map.of(), null, false, null), off, Set.of());
                assertThat(delete.action()).isEqualTo("ignore");
            }
        }

        @Test
        void statusCompletedCompletesTheProductTask() {
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), task(), Set.of());
            assertThat(decision.action()).isEqualTo("apply");
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
            assertThat(decision.snapshot()).containsEntry("Status", "Completed").containsEntry("Subject", "Call back Ann");
            assertThat(decision.filtered()).isEmpty();
            assertThat(decision.dropPending()).isEmpty();
            assertThat(decision.notes()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"In Progress", "Deferred", "Waiting on someone else"})
        void aStatusOutsideTheMappingIsFilteredOut(String status) {
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", status), task(), Set.of());
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.STATUS_NOT_SYNCED);
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.changesProduct()).isFalse();
            assertThat(decision.action()).isEqualTo("snapshot");
            assertThat(decision.snapshot()).containsEntry("Status", status);
            assertThat(decision.notes()).containsExactly("Status " + status + " is not synced");
        }

        @Test
        void priorityLowIsNotSynced() {
            TaskChangeRules.Decision decision = rules.forKnown(update("Priority", "Low"), task(), Set.of());
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.PRIORITY_NOT_SYNCED);
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.snapshot()).containsEntry("Priority", "Low");

            assertThat(rules.forKnown(update("Priority", "High"), task(), Set.of()).productValues())
                    .containsExactly(Map.entry("priority", "high"));
        }

        @Test
        void aSubjectEditedInSalesforceNeverComesBackButIsRemembered() {
            TaskChangeRules.Decision decision = rules.forKnown(update("Subject", "Call Ann tomorrow"), task(), Set.of("name"));
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.SUBJECT_ONE_WAY);
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.action()).isEqualTo("snapshot");
            assertThat(decision.snapshot()).containsEntry("Subject", "Call Ann tomorrow");
            assertThat(decision.dropPending()).isEmpty();
            assertThat(decision.notes()).singleElement().asString().contains("Call Ann tomorrow");
        }

        @Test
        void onlyTheChangedFieldsOfAnUpdateApply() {
            SalesforceTask change = new SalesforceTask(TASK_ID, "UPDATE",
                    Map.of("Status", "Completed", "Priority", "High", "Subject", "ignored: not changed"),
                    Set.of("Priority", "LastModifiedDate"), false, SF_MODIFIED);
            TaskChangeRules.Decision decision = rules.forKnown(change, task(), Set.of());
            assertThat(decision.productValues()).containsExactly(Map.entry("priority", "high"));
            assertThat(decision.snapshot()).containsEntry("Status", "Not Started").containsEntry("Subject", "Call back Ann");
        }

        @Test
        void aValueEqualToTheProductsChangesNothing() {
            TaskChangeRules.Decision decision = rules.forKnown(
                    update("Status", "Not Started", "Priority", "Normal", "ActivityDate", "2027-01-04",
                            "Description", "about the renewal"),
                    task(), Set.of());
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.action()).isEqualTo("snapshot");
            assertThat(decision.filtered()).isEmpty();
            assertThat(decision.notes()).isEmpty();
            assertThat(decision.dropPending()).isEmpty();
        }

        @Test
        void aWholeRecordEqualToTheSnapshotChangesNothingAtAll() {
            Map<String, Object> record = new HashMap<>();
            record.put("Id", TASK_ID);
            record.put("OwnerId", OWNER);
            record.put("IsDeleted", false);
            record.put("Subject", "Call back Ann");
            record.put("Status", "Not Started");
            record.put("Priority", "Normal");
            record.put("ActivityDate", "2027-01-04");
            record.put("Description", "about the renewal");
            TaskChangeRules.Decision decision = rules.forKnown(
                    new SalesforceTask(TASK_ID, "RECORD", record, null, false, SF_MODIFIED), task(), Set.of("status"));
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.filtered()).isEmpty();
            assertThat(decision.notes()).isEmpty();
            assertThat(decision.dropPending()).isEmpty();
            assertThat(decision.snapshot()).isEqualTo(task().salesforce());
        }

        @Test
        void aWholeRecordAppliesOnlyWhatDiffersFromTheSnapshot() {
            Map<String, Object> record = new HashMap<>();
            record.put("Subject", "Call back Ann");
            record.put("Status", "Completed");
            record.put("Priority", "Normal");
            record.put("ActivityDate", "2027-01-04");
            record.put("Description", "about the renewal");
            TaskChangeRules.Decision decision = rules.forKnown(
                    new SalesforceTask(TASK_ID, "RECORD", record, null, false, SF_MODIFIED), task(), Set.of());
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
        }

        @Test
        void anEmptyDescriptionIsNoDescription() {
            SyncedTask task = task();
            task.product().put("details", null);
            task.salesforce().put("Description", null);
            Map<String, Object> record = new HashMap<>(task.salesforce());
            record.put("ActivityDate", "2027-01-04");
            record.put("Description", "");
            TaskChangeRules.Decision asRecord = rules.forKnown(
                    new SalesforceTask(TASK_ID, "RECORD", record, null, false, SF_MODIFIED), task, Set.of());
            assertThat(asRecord.productValues()).isEmpty();
            assertThat(rules.forKnown(update("Description", ""), task, Set.of()).productValues()).isEmpty();
        }

        @Test
        void activityDateIsADateNeverShifted() {
            for (String date : List.of("2027-01-05", "2027-01-05T23:30:00.000-0800", "2027-01-05T00:30:00.000+1400")) {
                TaskChangeRules.Decision decision = rules.forKnown(update("ActivityDate", date), task(), Set.of());
                assertThat(decision.productValues()).containsExactly(Map.entry("due_date", LocalDate.of(2027, 1, 5)));
                assertThat(decision.snapshot()).containsEntry("ActivityDate", LocalDate.of(2027, 1, 5));
            }
            TaskChangeRules.Decision cleared = rules.forKnown(update("ActivityDate", null), task(), Set.of());
            assertThat(cleared.productValues()).containsEntry("due_date", null);
        }
    }

    // ------------------------------------------------------------------ conflicts

    @Nested
    class Conflict {

        @Test
        void aSalesforceChangeOlderThanTheLastAppliedIsStaleAndChangesNothing() {
            // the task was last applied from Salesforce at SF_MODIFIED - 2h (the fixture); a replay brings an older change
            TaskChangeRules.Decision decision = rules.forKnown(update(SF_MODIFIED.minusHours(3), "Status", "Completed"),
                    task(), Set.of());
            assertThat(decision.action()).isEqualTo("ignore");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.STALE);
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.notes()).isEmpty();
        }

        @Test
        void aSalesforceChangeInTheSameSecondAsTheLastAppliedIsNotStale() {
            // LastModifiedDate keeps seconds: .200 against a last applied .700 of the same second is not older
            SyncedTask earlier = taskWithStatusChangedAt(SF_MODIFIED.minusHours(1));
            SyncedTask task = new SyncedTask(earlier.id(), earlier.repId(), earlier.ownerUserId(), true, true,
                    earlier.salesforceTaskId(), earlier.product(), earlier.salesforce(), earlier.changedAt(),
                    SF_MODIFIED.plusNanos(700_000_000));
            TaskChangeRules.Decision decision = rules.forKnown(
                    update(SF_MODIFIED.plusNanos(200_000_000), "Status", "Completed"), task, Set.of());
            assertThat(decision.filtered()).doesNotContain(TaskChangeRules.STALE);
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
        }

        @Test
        void aProductChangeLaterThanSalesforcesWins() {
            SyncedTask task = taskWithStatusChangedAt(SF_MODIFIED.plusSeconds(5));
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), task, Set.of("status"));
            assertThat(decision.productValues()).isEmpty();
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.PRODUCT_NEWER);
            assertThat(decision.dropPending()).isEmpty();
            assertThat(decision.notes()).singleElement().asString().startsWith("conflict on status")
                    .contains("the product's value stays");
            // Salesforce's side is still what Salesforce has now
            assertThat(decision.snapshot()).containsEntry("Status", "Completed");
        }

        @Test
        void laterByMoreThanASecondInAnotherOffsetIsLater() {
            SyncedTask task = taskWithStatusChangedAt(OffsetDateTime.parse("2026-12-03T11:00:01.200+01:00"));
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), task, Set.of("status"));
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.PRODUCT_NEWER);
            assertThat(decision.productValues()).isEmpty();
        }

        @Test
        void aSalesforceChangeLaterThanTheProductsWinsAndDropsThePendingWrite() {
            SyncedTask task = taskWithStatusChangedAt(SF_MODIFIED.minusMinutes(1));
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), task, Set.of("status", "details"));
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
            assertThat(decision.dropPending()).containsExactly("status");
            assertThat(decision.filtered()).isEmpty();
            assertThat(decision.notes()).singleElement().asString().startsWith("conflict on status")
                    .contains("Salesforce's value applies");
        }

        @Test
        void withNothingPendingALaterSalesforceChangeIsNoConflict() {
            SyncedTask task = taskWithStatusChangedAt(SF_MODIFIED.minusMinutes(1));
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), task, Set.of());
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
            assertThat(decision.dropPending()).isEmpty();
            assertThat(decision.notes()).isEmpty();
        }

        @Test
        void inTheSameSecondSalesforceWins() {
            // LastModifiedDate keeps seconds: a product change at .700 of the same second is not later
            SyncedTask task = taskWithStatusChangedAt(SF_MODIFIED.plusNanos(700_000_000));
            TaskChangeRules.Decision decision = rules.forKnown(update("Status", "Completed"), task, Set.of("status"));
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
            assertThat(decision.dropPending()).containsExactly("status");
            assertThat(decision.filtered()).doesNotContain(TaskChangeRules.PRODUCT_NEWER);

            SyncedTask sameInstant = taskWithStatusChangedAt(SF_MODIFIED);
            assertThat(rules.forKnown(update("Status", "Completed"), sameInstant, Set.of()).productValues())
                    .containsExactly(Map.entry("status", "completed"));
        }

        @Test
        void aProductChangeOfAnotherFieldIsNoConflict() {
            SyncedTask task = taskWithStatusChangedAt(SF_MODIFIED.plusHours(1));
            TaskChangeRules.Decision decision = rules.forKnown(update("Priority", "High"), task, Set.of("status"));
            assertThat(decision.productValues()).containsExactly(Map.entry("priority", "high"));
            assertThat(decision.dropPending()).isEmpty();
        }

        @Test
        void withoutALastModifiedDateSalesforceWins() {
            SyncedTask task = taskWithStatusChangedAt(SF_MODIFIED.plusHours(1));
            TaskChangeRules.Decision decision = rules.forKnown(update(null, "Status", "Completed"), task, Set.of());
            assertThat(decision.productValues()).containsExactly(Map.entry("status", "completed"));
        }
    }

    // ------------------------------------------------------------------ unknown tasks

    @Nested
    class UnknownTask {

        @Test
        void theProductsOwnChangeIsIgnored() {
            SalesforceTask own = new SalesforceTask(TASK_ID, "CREATE", Map.of("OwnerId", OWNER, "Subject", "x"), null, true,
                    SF_MODIFIED);
            TaskChangeRules.Decision decision = rules.forUnknown(own, true, true);
            assertThat(decision.action()).isEqualTo("ignore");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.OWN_CHANGE);
        }

        @Test
        void aNewReminderOfASyncedRepIsImportedWithMappedValues() {
            for (String subtype : new String[] {"Task", null}) {
                SalesforceTask change = create("TaskSubtype", subtype, "Subject", "  Call Bob  ", "Status", "Completed",
                        "Priority", "High", "ActivityDate", "2027-01-05", "Description", "bring the quote",
                        "Sales_Activity_Id__c", null);
                TaskChangeRules.Decision decision = rules.forUnknown(change, true, true);
                assertThat(decision.action()).isEqualTo("import");
                assertThat(decision.productValues()).containsExactly(Map.entry("name", "Call Bob"),
                        Map.entry("status", "completed"), Map.entry("priority", "high"),
                        Map.entry("due_date", LocalDate.of(2027, 1, 5)), Map.entry("details", "bring the quote"));
                assertThat(decision.snapshot()).containsEntry("Subject", "  Call Bob  ")
                        .containsEntry("Status", "Completed").containsEntry("Priority", "High")
                        .containsEntry("ActivityDate", LocalDate.of(2027, 1, 5))
                        .containsEntry("Description", "bring the quote");
                assertThat(decision.filtered()).isEmpty();
                assertThat(decision.notes()).isEmpty();
            }
        }

        @Test
        void aFieldlessReminderIsImportedWithDefaults() {
            TaskChangeRules.Decision decision = rules.forUnknown(create(), true, true);
            assertThat(decision.action()).isEqualTo("import");
            assertThat(decision.productValues()).containsEntry("name", "(no subject)").containsEntry("status", "open")
                    .containsEntry("priority", "normal").containsEntry("due_date", null).containsEntry("details", null);
            assertThat(decision.notes()).isEmpty();
        }

        @Test
        void anUnmappedStatusIsImportedAsOpenWithANote() {
            TaskChangeRules.Decision decision = rules.forUnknown(create("Subject", "x", "Status", "In Progress"), true, true);
            assertThat(decision.action()).isEqualTo("import");
            assertThat(decision.productValues()).containsEntry("status", "open");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.STATUS_NOT_SYNCED);
            assertThat(decision.notes()).containsExactly("Status In Progress is not synced: imported as open");
            assertThat(decision.snapshot()).containsEntry("Status", "In Progress");
        }

        @Test
        void priorityLowIsImportedAsNormalWithANote() {
            TaskChangeRules.Decision decision = rules.forUnknown(create("Subject", "x", "Priority", "Low"), true, true);
            assertThat(decision.productValues()).containsEntry("priority", "normal");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.PRIORITY_NOT_SYNCED);
            assertThat(decision.notes()).containsExactly("Priority Low is not synced: imported as normal");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void aBlankSubjectIsNoSubject(String subject) {
            assertThat(rules.forUnknown(create("Subject", subject), true, true).productValues())
                    .containsEntry("name", "(no subject)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Email", "Call", "ListEmail", "Cadence"})
        void aLoggedEmailOrCallIsNotAReminder(String subtype) {
            TaskChangeRules.Decision decision = rules.forUnknown(create("TaskSubtype", subtype, "Subject", "x"), true, true);
            assertThat(decision.action()).isEqualTo("ignore");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.NOT_A_REMINDER);
            assertThat(decision.productValues()).isEmpty();
        }

        @Test
        void aTaskCarryingAnExternalIdIsNotAReminder() {
            TaskChangeRules.Decision decision = rules.forUnknown(
                    create("TaskSubtype", "Task", "Subject", "x", "Sales_Activity_Id__c", "sas-task:41"), true, true);
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.NOT_A_REMINDER);
            assertThat(decision.productValues()).isEmpty();

            assertThat(rules.forUnknown(create("Subject", "x", "Sales_Activity_Id__c", ""), true, true).action())
                    .isEqualTo("import");
        }

        @Test
        void aReminderOfARepNotSyncingIsIgnored() {
            TaskChangeRules.Decision decision = rules.forUnknown(create("Subject", "x"), false, true);
            assertThat(decision.action()).isEqualTo("ignore");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.OWNER_NOT_SYNCED);
        }

        @Test
        void aReminderChangedBeforeTheSyncWindowIsIgnored() {
            TaskChangeRules.Decision decision = rules.forUnknown(create("Subject", "x"), true, false);
            assertThat(decision.action()).isEqualTo("ignore");
            assertThat(decision.filtered()).containsExactly(TaskChangeRules.SYNC_OFF);
        }

        @Test
        void anUpdateOrDeleteOfAnUnknownTaskIsIgnored() {
            SalesforceTask update = new SalesforceTask(TASK_ID, "UPDATE", Map.of("OwnerId", OWNER, "Status", "Completed"),
                    Set.of("Status"), false, SF_MODIFIED);
            SalesforceTask delete = new SalesforceTask(TASK_ID, "DELETE", Map.of(), null, false, null);
            for (SalesforceTask change : List.of(update, delete)) {
                TaskChangeRules.Decision decision = rules.forUnknown(change, true, true);
                assertThat(decision.action()).isEqualTo("ignore");
                assertThat(decision.productValues()).isEmpty();
            }
        }
    }
}
