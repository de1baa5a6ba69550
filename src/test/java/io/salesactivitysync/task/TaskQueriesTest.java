package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SOQL of the task sync ({@link TaskQueries}) for fixed inputs, and ids that must never reach it. */
class TaskQueriesTest {

    private static final String FIELDS = "Id, OwnerId, TaskSubtype, IsDeleted, LastModifiedDate, SystemModstamp, CreatedDate, "
            + "Sales_Activity_Id__c, Subject, Status, Priority, ActivityDate, Description";
    private static final String TASK_1 = "00T5g000000000AEAQ";
    private static final String TASK_2 = "00T5g000000001B";
    private static final String OWNER_1 = "0055g00000AbCdEAAV";
    private static final String OWNER_2 = "0055g00000XyZ12";

    private final TaskMapping mapping = TaskFixtures.mapping();

    @Test
    void theFieldsReadAreWhatTheSyncNeedsAndTheMappedOnes() {
        assertThat(TaskQueries.fields(mapping)).isEqualTo(FIELDS);
    }

    @Test
    void byIds() {
        assertThat(TaskQueries.byIds(mapping, List.of(TASK_1, TASK_2)))
                .isEqualTo("SELECT " + FIELDS + " FROM Task WHERE Id IN ('00T5g000000000AEAQ', '00T5g000000001B')");
    }

    @Test
    void changedSince() {
        assertThat(TaskQueries.changedSince(mapping, List.of(OWNER_1, OWNER_2),
                OffsetDateTime.parse("2026-12-03T10:00:30Z")))
                .isEqualTo("SELECT " + FIELDS + " FROM Task WHERE SystemModstamp > 2026-12-03T10:00:30Z"
                        + " AND OwnerId IN ('0055g00000AbCdEAAV', '0055g00000XyZ12') ORDER BY SystemModstamp");
    }

    @Test
    void firstSync() {
        assertThat(TaskQueries.firstSync(mapping, OWNER_1, OffsetDateTime.parse("2026-12-02T10:00:00Z")))
                .isEqualTo("SELECT " + FIELDS + " FROM Task WHERE OwnerId = '0055g00000AbCdEAAV'"
                        + " AND LastModifiedDate >= 2026-12-02T10:00:00Z AND IsDeleted = false ORDER BY LastModifiedDate");
    }

    @Test
    void deletedSince() {
        assertThat(TaskQueries.deletedSince(List.of(OWNER_1), OffsetDateTime.parse("2026-11-18T00:00:00Z")))
                .isEqualTo("SELECT Id, OwnerId, IsDeleted, SystemModstamp FROM Task WHERE IsDeleted = true"
                        + " AND OwnerId IN ('0055g00000AbCdEAAV') AND SystemModstamp >= 2026-11-18T00:00:00Z");
    }

    @Test
    void datetimesAreWrittenInUtcToTheSecond() {
        assertThat(TaskQueries.literal(OffsetDateTime.parse("2026-12-03T12:00:30.987+02:00"))).isEqualTo("2026-12-03T10:00:30Z");
        assertThat(TaskQueries.literal(OffsetDateTime.parse("2026-12-31T23:30:00-05:00"))).isEqualTo("2027-01-01T04:30:00Z");
        assertThat(TaskQueries.literal(OffsetDateTime.parse("2026-12-03T00:15:00+05:45"))).isEqualTo("2026-12-02T18:30:00Z");
        assertThat(TaskQueries.changedSince(mapping, List.of(OWNER_1), OffsetDateTime.parse("2026-12-03T12:00:30+02:00")))
                .contains("SystemModstamp > 2026-12-03T10:00:30Z ");
        assertThat(TaskQueries.firstSync(mapping, OWNER_1, OffsetDateTime.parse("2026-12-03T01:00:00+09:00")))
                .contains("LastModifiedDate >= 2026-12-02T16:00:00Z ");
    }

    @Test
    void aMappedFieldNameIsReadOnce() {
        java.util.Map<String, String> fields = new java.util.HashMap<>(TaskFixtures.FIELDS);
        fields.put("details", "Notes__c");
        TaskMapping custom = TaskFixtures.mapping(fields, TaskFixtures.STATUS, TaskFixtures.PRIORITY);
        assertThat(TaskQueries.fields(custom)).endsWith("Subject, Status, Priority, ActivityDate, Notes__c")
                .doesNotContain("Description");
    }

    // ------------------------------------------------------------------ ids that are not ids

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"001' OR Name != '", "00T' OR 1=1", "00T5g000000", "00T5g000000000AEAQX", "",
            "00T5g00000000-AEAQ", "00T5g000000000 EAQ", "00T5g000000000AAAA", "00t5g000000000aeaq",
            "00T5g000000000AEAQ'", "00T5g0000000\\'A"})
    void anIdThatIsNotAnIdIsRefusedBeforeAnyQuery(String id) {
        List<String> ids = Arrays.asList(TASK_1, id);
        assertThatIllegalArgumentException().isThrownBy(() -> TaskQueries.byIds(mapping, ids))
                .withMessage("Not a Salesforce id: " + id);
        assertThatIllegalArgumentException().isThrownBy(() -> TaskQueries.changedSince(mapping, ids,
                OffsetDateTime.parse("2026-12-03T10:00:00Z")));
        if (id != null) {
            assertThatIllegalArgumentException().isThrownBy(() -> TaskQueries.firstSync(mapping, id,
                    OffsetDateTime.parse("2026-12-03T10:00:00Z")));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> TaskQueries.deletedSince(ids,
                OffsetDateTime.parse("2026-12-03T10:00:00Z")));
    }

    @Test
    void noOwnerIsRefusedForTheFirstSync() {
        // refused (by List.of, a NullPointerException rather than an IllegalArgumentException) before any query
        assertThatThrownBy(() -> TaskQueries.firstSync(mapping, null, OffsetDateTime.parse("2026-12-03T10:00:00Z")))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEmptyListOfIdsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskQueries.byIds(mapping, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> TaskQueries.deletedSince(List.of(),
                OffsetDateTime.parse("2026-12-03T10:00:00Z")));
    }
}
