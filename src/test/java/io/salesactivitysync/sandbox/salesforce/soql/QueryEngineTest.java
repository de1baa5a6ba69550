package io.salesactivitysync.sandbox.salesforce.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.sandbox.salesforce.EmulatorClock;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import io.salesactivitysync.sandbox.salesforce.org.FieldLevelSecurity;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.OrgSnapshot;
import io.salesactivitysync.sandbox.salesforce.org.OrgStore;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.org.StandardObjects;
import io.salesactivitysync.sandbox.salesforce.org.TransactionOrigin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SOQL parser and evaluator on the demo org, at a fixed time (2026-03-10, a Tuesday, noon UTC). */
class QueryEngineTest {

    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");
    private static final String INTEGRATION = "005000000000001AAA";

    private EmulatorClock clock;
    private OrgStore store;
    private QueryEngine engine;

    @BeforeEach
    void org() {
        clock = new EmulatorClock(Clock.fixed(NOON, ZoneOffset.UTC));
        OrgSchema schema = StandardObjects.schema(List.of(CustomField.text("Task", "Note__c", 100)));
        store = new OrgStore(schema, clock, new OrgSnapshot(DemoOrg.initialRecords(schema, NOON, "00D000000000001EAA", INTEGRATION,
                List.of(new DemoOrg.UserRecord(INTEGRATION, "integration@sandbox.example", "Integration", "User",
                                "integration@sandbox.example"),
                        new DemoOrg.UserRecord("005000000000002AAA", "rep@sandbox.example", "Riley", "Rep",
                                "rep@sandbox.example")), true, "005000000000002AAA"), 0, 0));
        engine = new QueryEngine(schema, clock);
    }

    private QueryResult query(String soql) {
        return store.read(view -> engine.execute(view, soql, false));
    }

    private List<Object> column(String soql, String field) {
        return query(soql).rows().stream().map(r -> r.values().get(field)).toList();
    }

    private void createTask(Map<String, Object> values) {
        RecordWriter writer = new RecordWriter(new FieldLevelSecurity(), List.of());
        store.inTransaction(new TransactionOrigin("", INTEGRATION),
                tx -> writer.create(tx, tx.schema().require("Task"), new LinkedHashMap<>(values)));
    }

    @Test
    void selectsFieldsAndParentFieldsAsNestedRecords() {
        QueryRow row = query("SELECT Id, Subject, Who.Email, What.Name, Account.Name, Owner.Name FROM Task "
                + "WHERE Id = '00T000000000001EAA'").rows().get(0);

        assertThat(row.values()).containsEntry("Subject", "Call Alice about the renewal");
        QueryRow who = (QueryRow) row.values().get("Who");
        assertThat(who.attributesType()).isEqualTo("Name");
        assertThat(who.urlType()).isEqualTo("Contact");
        assertThat(who.values()).containsEntry("Email", "alice@acme.example");
        assertThat(((QueryRow) row.values().get("Account")).attributesType()).isEqualTo("Account");
        assertThat(((QueryRow) row.values().get("Owner")).values()).containsEntry("Name", "Riley Rep");
    }

    @Test
    void aMissingParentIsNull() {
        QueryRow row = query("SELECT What.Name FROM Task WHERE Subject = 'Send pricing to Bob'").rows().get(0);
        assertThat(row.values()).containsEntry("What", null);
    }

    @Test
    void stringEqualityIsCaseInsensitiveAndIdsAcceptFifteenCharacters() {
        assertThat(query("SELECT Id FROM Contact WHERE Email = 'ALICE@ACME.EXAMPLE'").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Contact WHERE Id = '003000000000001'").totalSize()).isEqualTo(1);
    }

    @Test
    void comparisonsInNotInLikeAndNull() {
        assertThat(column("SELECT Subject FROM Task WHERE Status IN ('In Progress', 'Completed') ORDER BY Subject", "Subject"))
                .containsExactly("Intro email to Carol", "Send pricing to Bob");
        assertThat(query("SELECT Id FROM Task WHERE Status NOT IN ('Completed')").totalSize()).isEqualTo(3);
        assertThat(query("SELECT Id FROM Task WHERE Subject LIKE '%renewal%'").totalSize()).isEqualTo(2);
        assertThat(query("SELECT Id FROM Task WHERE Subject LIKE 'call_alice%'").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE WhoId = null").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE WhatId != null AND WhoId != null").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Opportunity WHERE Amount >= 48000 AND Amount < 48000.5").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE IsClosed = true").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE NOT (IsClosed = true OR Priority = 'High')").totalSize()).isEqualTo(2);
    }

    @Test
    void notEqualsKeepsNullsAsSalesforceDoes() {
        assertThat(query("SELECT Id FROM Task WHERE Type != 'Call'").totalSize()).isEqualTo(3);
    }

    @Test
    void dateAndDatetimeLiterals() {
        assertThat(column("SELECT Subject FROM Task WHERE ActivityDate = TODAY", "Subject"))
                .containsExactly("Call Alice about the renewal");
        assertThat(column("SELECT Subject FROM Task WHERE ActivityDate = TOMORROW", "Subject"))
                .containsExactly("Send pricing to Bob");
        assertThat(column("SELECT Subject FROM Task WHERE ActivityDate = YESTERDAY", "Subject"))
                .containsExactly("Intro email to Carol");
        assertThat(query("SELECT Id FROM Task WHERE ActivityDate > 2026-03-10").totalSize()).isEqualTo(2);
        assertThat(query("SELECT Id FROM Task WHERE CreatedDate >= 2026-03-10T12:00:00Z").totalSize()).isEqualTo(4);
        assertThat(query("SELECT Id FROM Task WHERE CreatedDate > 2026-03-10T13:00:00+02:00").totalSize()).isEqualTo(4);
        assertThat(query("SELECT Id FROM Task WHERE LastModifiedDate = LAST_N_DAYS:1").totalSize()).isEqualTo(4);

        clock.advance(Duration.ofDays(3));
        assertThat(query("SELECT Id FROM Task WHERE LastModifiedDate = LAST_N_DAYS:2").totalSize()).isZero();
        assertThat(query("SELECT Id FROM Task WHERE LastModifiedDate = LAST_N_DAYS:3").totalSize()).isEqualTo(4);
        assertThat(query("SELECT Id FROM Task WHERE ActivityDate < TODAY").totalSize()).isEqualTo(3);
    }

    @Test
    void orderByWithNullsLimitAndOffset() {
        assertThat(column("SELECT ActivityDate FROM Task ORDER BY ActivityDate DESC", "ActivityDate"))
                .containsExactly(LocalDate.parse("2026-03-17"), LocalDate.parse("2026-03-11"),
                        LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-09"));
        createTask(Map.of("Subject", "No date"));
        assertThat(column("SELECT Subject FROM Task ORDER BY ActivityDate ASC LIMIT 1", "Subject")).containsExactly("No date");
        assertThat(column("SELECT Subject FROM Task ORDER BY ActivityDate ASC NULLS LAST LIMIT 1", "Subject"))
                .containsExactly("Intro email to Carol");
        assertThat(column("SELECT Subject FROM Task ORDER BY Subject LIMIT 2 OFFSET 1", "Subject"))
                .containsExactly("Intro email to Carol", "No date");
    }

    @Test
    void nullsSortFirstInEitherDirectionUnlessTheStatementSaysOtherwise() {
        createTask(Map.of("Subject", "No date"));

        assertThat(column("SELECT Subject FROM Task ORDER BY ActivityDate DESC LIMIT 2", "Subject"))
                .containsExactly("No date", "Prepare renewal proposal");
        assertThat(column("SELECT Subject FROM Task ORDER BY ActivityDate DESC NULLS LAST LIMIT 1", "Subject"))
                .containsExactly("Prepare renewal proposal");
        assertThat(column("SELECT Subject FROM Task ORDER BY ActivityDate ASC LIMIT 1", "Subject")).containsExactly("No date");
    }

    @Test
    void countAndCountOfAField() {
        assertThat(query("SELECT COUNT() FROM Task").totalSize()).isEqualTo(4);
        assertThat(query("SELECT COUNT() FROM Task").rows()).isEmpty();
        QueryRow aggregate = query("SELECT COUNT(WhoId) FROM Task").rows().get(0);
        assertThat(aggregate.attributesType()).isEqualTo("AggregateResult");
        assertThat(aggregate.values()).containsEntry("expr0", 3);
    }

    @Test
    void aggregatesWithoutGroupBy() {
        QueryRow row = query("SELECT MAX(ActivityDate) latest, MIN(ActivityDate), COUNT_DISTINCT(Status) FROM Task")
                .rows().get(0);
        assertThat(row.values()).containsEntry("latest", LocalDate.parse("2026-03-17"))
                .containsEntry("expr0", LocalDate.parse("2026-03-09")).containsEntry("expr1", 3);
        QueryRow money = query("SELECT SUM(Amount) total, AVG(Amount) FROM Opportunity").rows().get(0);
        assertThat(money.values()).containsEntry("total", 48000.0).containsEntry("expr0", 48000.0);
        assertThat(query("SELECT MAX(CreatedDate) FROM Task WHERE Subject = 'none'").rows().get(0).values())
                .containsEntry("expr0", null);
        assertThatThrownBy(() -> query("SELECT SUM(Subject) FROM Task")).isInstanceOfSatisfying(SoqlException.class,
                e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
    }

    @Test
    void anAggregateWithoutGroupByTakesNoLimit() {
        assertThatThrownBy(() -> query("SELECT COUNT(Id) FROM Task LIMIT 1")).isInstanceOfSatisfying(SoqlException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
            assertThat(e.getMessage()).startsWith("\nSELECT COUNT(Id) FROM Task LIMIT 1\n" + " ".repeat(27)
                    + "^\nERROR at Row:1:Column:28\n");
        });
        assertThatThrownBy(() -> query("SELECT MAX(CreatedDate) FROM Task LIMIT 1")).isInstanceOfSatisfying(
                SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
        assertThat(query("SELECT COUNT() FROM Task LIMIT 2").totalSize()).as("COUNT() counts up to the LIMIT").isEqualTo(2);
    }

    @Test
    void countTakesNoOrderBy() {
        assertThatThrownBy(() -> query("SELECT COUNT() FROM Task ORDER BY Subject")).isInstanceOfSatisfying(
                SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(e.getMessage()).isEqualTo("COUNT() and ORDER BY may not be used together.");
                });
    }

    @Test
    void childSubqueriesAndSemiJoins() {
        QueryRow acme = query("SELECT Name, (SELECT LastName FROM Contacts), (SELECT Subject FROM Tasks) FROM Account "
                + "WHERE Name = 'Acme Corporation'").rows().get(0);
        assertThat(((QueryRow.ChildRows) acme.values().get("Contacts")).records()).hasSize(1);
        assertThat(acme.values()).containsEntry("Tasks", null);
        assertThat(query("SELECT Id FROM Contact WHERE Id IN (SELECT WhoId FROM Task WHERE Status = 'Not Started')")
                .totalSize()).isEqualTo(1);
    }

    @Test
    void escapedQuotesBackslashesAndUnicodeAreLiteralText() {
        createTask(Map.of("Subject", "O'Brien \\ quote", "Note__c", "naïve ☃ 100%_done"));
        assertThat(query("SELECT Id FROM Task WHERE Subject = 'O\\'Brien \\\\ quote'").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE Note__c = 'na\\u00efve \\u2603 100%_done'").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE Note__c LIKE '%100\\%\\_done'").totalSize()).isEqualTo(1);
        assertThat(query("SELECT Id FROM Task WHERE Note__c LIKE '%100\\%\\_DONE%'").totalSize()).isEqualTo(1);
    }

    @Test
    void injectionAttemptsStayInsideTheirLiteral() {
        assertThat(query("SELECT Id FROM Task WHERE Subject = '\\' OR Id != null OR Subject = \\''").totalSize()).isZero();
        assertThat(query("SELECT Id FROM Task WHERE Subject = 'x; DELETE FROM Task'").totalSize()).isZero();
    }

    static Stream<String> malformed() {
        return Stream.of("", "   ", "SELECT", "SELECT Id", "SELECT Id FROM", "SELECT Id FROM Task WHERE",
                "SELECT Id FROM Task WHERE Subject =", "SELECT Id FROM Task WHERE Subject = 'open",
                "SELECT Id FROM Task WHERE Subject = 'bad \\q escape'", "SELECT Id FROM Task WHERE (Subject = 'a'",
                "SELECT Id FROM Task WHERE Subject = 'a' AND Status = 'b' OR Priority = 'c'",
                "SELECT Id FROM Task LIMIT x", "SELECT Id FROM Task LIMIT 99999999999", "SELECT Id, FROM Task",
                "SELECT Id FROM Task ORDER BY", "SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS",
                "SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS:x", "SELECT Id FROM Task GROUP BY Status",
                "SELECT Id FROM Task WHERE Subject IN ()", "SELECT Id FROM Task; DROP TABLE Task",
                "SELECT Id FROM Task WHERE Subject = \"double\"", "SELECT Id FROM Task WHERE Subject = 'x' )",
                "SELECT Id, COUNT(Id) FROM Task", "SELECT Id FROM Task WHERE ActivityDate = 2026-13-45",
                "DELETE FROM Task", "SELECT Id FROM Task WHERE Subject = 'x'' OR Subject != '''", "SELECT Id FROM Task WHERE Subject = 'a' \u0000");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedQueriesAreMalformedQueryNeverACrash(String soql) {
        assertThatThrownBy(() -> query(soql)).isInstanceOfSatisfying(SoqlException.class,
                e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
    }

    @Test
    void malformedQueryMessagePointsAtTheToken() {
        assertThatThrownBy(() -> query("SELECT Id FROM Task WHERE A = 1 OR B = 2 AND C = 3"))
                .hasMessage("\nSELECT Id FROM Task WHERE A = 1 OR B = 2 AND C = 3\n"
                        + " ".repeat(41) + "^\nERROR at Row:1:Column:42\nunexpected token: 'AND'");
    }

    @Test
    void aLongStatementIsShownAsAWindowOfFortyTwoCharactersAroundTheError() {
        assertThatThrownBy(() -> query("SELECT Id, LastName, FirstName, Email, Title, Account.Name, Account.Phone, "
                + "Account.Website, Account.RecordTypeId, Account.Industry, Account.Type FROM Contact"))
                .hasMessageStartingWith("\nAccount.Phone, Account.Website, Account.RecordTypeId, Account.Industry,\n"
                        + " ".repeat(32) + "^\nERROR at Row:1:Column:93\nNo such column 'RecordTypeId' on entity 'Account'.");
        assertThatThrownBy(() -> query("SELECT Id, Subject, Status, Priority, ActivityDate, Description FROM Task "
                + "WHERE Subject = 'x' AND"))
                .hasMessage("\nFROM Task WHERE Subject = 'x' AND\n" + " ".repeat(33) + "^\nERROR at Row:1:Column:98\n"
                        + "unexpected token: '<EOF>'");
    }

    @Test
    void theEndOfTheStatementIsAQuotedTokenWithItsPosition() {
        assertThatThrownBy(() -> query("SELECT Id FROM Task WHERE"))
                .hasMessage("\nSELECT Id FROM Task WHERE\n" + " ".repeat(25) + "^\nERROR at Row:1:Column:26\n"
                        + "unexpected token: '<EOF>'");
        assertThatThrownBy(() -> query("   ")).hasMessage("\n   \n   ^\nERROR at Row:1:Column:4\nunexpected token: '<EOF>'");
    }

    @Test
    void anEmptyStatementIsRefusedAsSalesforceRefusesIt() {
        assertThatThrownBy(() -> query("")).isInstanceOfSatisfying(SoqlException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
            assertThat(e.getMessage()).isEqualTo("SOQL statements cannot be empty or null");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT Nope FROM Task", "SELECT Id FROM Task WHERE Nope = 1", "SELECT Who.Company FROM Task",
            "SELECT Id FROM Task ORDER BY Nope", "SELECT Foo.Name FROM Task",
            "SELECT Id FROM Task WHERE ActivityDate = '2026-03-10'", "SELECT Id FROM Task WHERE IsClosed = 'true'",
            "SELECT Id FROM Task WHERE Subject = 5", "SELECT Id FROM Task WHERE CreatedDate > 2026-03-10",
            "SELECT Id FROM Task WHERE Description = 'long text'", "SELECT Id FROM Task WHERE Priority < null"})
    void unknownFieldsAndTypeMismatchesAreInvalidField(String soql) {
        assertThatThrownBy(() -> query(soql)).isInstanceOfSatisfying(SoqlException.class,
                e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
    }

    @Test
    void unknownObjectIsInvalidType() {
        assertThatThrownBy(() -> query("SELECT Id FROM Whizbang")).isInstanceOfSatisfying(SoqlException.class,
                e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
    }

    @Test
    void malformedIdLiteralIsAnInvalidIdFilter() {
        assertThatThrownBy(() -> query("SELECT Id FROM Task WHERE Id = 'abc'")).isInstanceOfSatisfying(SoqlException.class,
                e -> assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR"));
    }

    @Test
    void compiledPushTopicQueryMatchesAndProjectsOneRecord() {
        CompiledQuery compiled = new SchemaSoqlCompiler(store.schema(), clock)
                .compile("SELECT Id, Subject, Status FROM Task WHERE Status != 'Completed' AND Priority = 'High'");

        assertThat(compiled.entityName()).isEqualTo("Task");
        assertThat(compiled.selectFields()).containsExactly("Id", "Subject", "Status");
        assertThat(compiled.whereFields()).containsExactlyInAnyOrder("Status", "Priority");
        Map<String, Object> record = new LinkedHashMap<>(Map.of("Id", "00T000000000001EAA", "Subject", "s",
                "Status", "Not Started", "Priority", "High"));
        record.put("WhoId", null);
        assertThat(compiled.matches(record)).isTrue();
        record.put("Status", "Completed");
        assertThat(compiled.matches(record)).isFalse();
        assertThat(compiled.project(record)).containsExactly(Map.entry("Id", "00T000000000001EAA"),
                Map.entry("Subject", "s"), Map.entry("Status", "Completed"));
    }
}
