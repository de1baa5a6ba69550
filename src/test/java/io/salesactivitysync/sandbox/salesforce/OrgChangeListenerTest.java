package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What change listeners (the Streaming API) hear: one call per committed REST call, typed values, origins. */
class OrgChangeListenerTest {

    private SalesforceEmulator emulator;
    private EmulatorHttp http;
    private final List<List<RecordChange>> transactions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start();
        emulator.addChangeListener(transactions::add);
        http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void createUpdateAndDeleteAreReportedAsChangeDataCaptureWouldCarryThem() {
        String id = http.api("POST", "sobjects/Task", "{\"Subject\":\"Follow up\",\"ActivityDate\":\"2030-05-01\","
                + "\"Description\":\"first\"}", "Sforce-Call-Options", "client=sales-activity-sync").body().get("id").asText();
        http.api("PATCH", "sobjects/Task/" + id, "{\"Status\":\"Completed\",\"Description\":null}",
                "Sforce-Call-Options", "client=sales-activity-sync");
        http.api("DELETE", "sobjects/Task/" + id, null);

        assertThat(transactions).hasSize(3);
        RecordChange create = transactions.get(0).get(0);
        assertThat(create.changeType()).isEqualTo(ChangeType.CREATE);
        assertThat(create.entityName()).isEqualTo("Task");
        assertThat(create.recordId()).isEqualTo(id);
        assertThat(create.fields()).containsEntry("Subject", "Follow up").containsEntry("Status", "Not Started")
                .containsEntry("ActivityDate", LocalDate.parse("2030-05-01")).containsKey("CreatedDate")
                .doesNotContainKeys("IsDeleted", "SystemModstamp", "WhoId");
        assertThat(create.fields().get("CreatedDate")).isInstanceOf(Instant.class);
        assertThat(create.recordBefore()).isNull();
        assertThat(create.context().changeOrigin()).isEqualTo("com/salesforce/api/rest/56.0;client=sales-activity-sync");
        assertThat(create.context().commitUserId()).isEqualTo(EmulatorSettings.INTEGRATION_USER_ID);
        assertThat(create.context().sequenceNumber()).isEqualTo(1);

        RecordChange update = transactions.get(1).get(0);
        assertThat(update.changeType()).isEqualTo(ChangeType.UPDATE);
        assertThat(update.changedFields()).contains("Status", "IsClosed", "Description", "LastModifiedDate", "CompletedDateTime")
                .doesNotContain("Subject", "SystemModstamp");
        assertThat(update.nulledFields()).containsExactly("Description");
        assertThat(update.fields()).containsEntry("Status", "Completed").containsEntry("IsClosed", true)
                .containsKey("LastModifiedDate").doesNotContainKeys("Subject", "Description");
        assertThat(update.recordBefore()).containsEntry("Description", "first");
        assertThat(update.context().commitNumber()).isGreaterThan(create.context().commitNumber());

        RecordChange delete = transactions.get(2).get(0);
        assertThat(delete.changeType()).isEqualTo(ChangeType.DELETE);
        assertThat(delete.fields()).isEmpty();
        assertThat(delete.recordAfter()).containsEntry("IsDeleted", true);
        assertThat(delete.context().changeOrigin()).isEqualTo("com/salesforce/api/rest/56.0");
    }

    @Test
    void aCompositeRequestIsOneTransactionInOrder() {
        http.api("POST", "composite", """
                {"allOrNone":false,"compositeRequest":[
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"acct","body":{"Name":"One Tx"}},
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Contact","referenceId":"bad","body":{"FirstName":"NoLast"}},
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Contact","referenceId":"con",
                  "body":{"LastName":"Tx","AccountId":"@{acct.id}"}}]}""");

        assertThat(transactions).singleElement().satisfies(tx -> {
            assertThat(tx).extracting(RecordChange::entityName).containsExactly("Account", "Contact");
            assertThat(tx).extracting(c -> c.context().sequenceNumber()).containsExactly(1, 2);
            assertThat(tx).extracting(c -> c.context().transactionKey()).containsOnly(tx.get(0).context().transactionKey());
        });
    }

    @Test
    void eachSubrequestOfACompositeBatchCommitsAsATransactionOfItsOwn() {
        http.api("POST", "composite/batch", """
                {"batchRequests":[
                 {"method":"POST","url":"v56.0/sobjects/Task","richInput":{"Subject":"first"}},
                 {"method":"POST","url":"v56.0/sobjects/Task","richInput":{"Priority":"Urgent"}},
                 {"method":"GET","url":"v56.0/limits"},
                 {"method":"POST","url":"v56.0/sobjects/Task","richInput":{"Subject":"second"}}]}""",
                "Sforce-Call-Options", "client=sales-activity-sync");

        assertThat(transactions).hasSize(2).allSatisfy(tx -> assertThat(tx).singleElement().satisfies(change -> {
            assertThat(change.context().sequenceNumber()).isEqualTo(1);
            assertThat(change.context().changeOrigin()).isEqualTo("com/salesforce/api/rest/56.0;client=sales-activity-sync");
        }));
        RecordChange first = transactions.get(0).get(0);
        RecordChange second = transactions.get(1).get(0);
        assertThat(List.of(first.fields().get("Subject"), second.fields().get("Subject"))).containsExactly("first", "second");
        assertThat(second.context().transactionKey()).isNotEqualTo(first.context().transactionKey());
        assertThat(second.context().commitNumber()).isEqualTo(first.context().commitNumber() + 1);
    }

    @Test
    void collectionsWithoutAllOrNoneCommitOnlyTheSuccesses() {
        http.api("POST", "composite/sobjects", """
                {"allOrNone":false,"records":[{"attributes":{"type":"Task"},"Subject":"kept"},
                 {"attributes":{"type":"Task"},"Priority":"Urgent"}]}""");
        http.api("POST", "composite/sobjects", """
                {"allOrNone":true,"records":[{"attributes":{"type":"Task"},"Subject":"rolled back"},
                 {"attributes":{"type":"Task"},"Priority":"Urgent"}]}""");

        assertThat(transactions).singleElement().satisfies(tx -> assertThat(tx).singleElement()
                .satisfies(c -> assertThat(c.fields()).containsEntry("Subject", "kept")));
    }

    @Test
    void failedCallsAndReadsCommitNothing() {
        http.api("POST", "sobjects/Task", "{\"Status\":\"Nope\"}");
        http.query("SELECT Id FROM Task");
        http.api("GET", "sobjects/Task/00T000000000001EAA", null);

        assertThat(transactions).isEmpty();
    }

    @Test
    void aRepInTheUiIsTheCommitUserWithoutOurClient() {
        emulator.admin().writeAs("rep@sandbox.example", "PATCH", "sobjects/Task/00T000000000001EAA",
                EmulatorHttp.JSON.createObjectNode().put("Status", "In Progress"));
        EmulatorHttp rep = new EmulatorHttp(emulator.baseUrl()).login("rep@sandbox.example", "sandbox");
        rep.api("PATCH", "sobjects/Contact/" + DemoOrg.ALICE_CONTACT_ID, "{\"Title\":\"CPO\"}");

        assertThat(transactions).hasSize(2);
        RecordChange ui = transactions.get(0).get(0);
        assertThat(ui.context().commitUserId()).isEqualTo(EmulatorSettings.REP_USER_ID);
        assertThat(ui.context().changeOrigin()).isEqualTo("com/salesforce/api/soap/62.0;client=SfdcInternalAPI/");
        assertThat(ui.fields()).containsEntry("LastModifiedById", EmulatorSettings.REP_USER_ID);
        RecordChange api = transactions.get(1).get(0);
        assertThat(api.context().commitUserId()).isEqualTo(EmulatorSettings.REP_USER_ID);
        assertThat(api.context().changeOrigin()).isEqualTo("com/salesforce/api/rest/56.0");
    }
}
