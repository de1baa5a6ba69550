package io.salesactivitysync.sandbox.salesforce.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.AbstractSObjectBase;
import org.apache.camel.component.salesforce.api.dto.CreateSObjectResult;
import org.apache.camel.component.salesforce.api.dto.DeleteSObjectResult;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectBatch;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectBatchResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The unmodified camel-salesforce 4.17 component against the emulator: one route per REST
 * operation, logged in with the password grant as the integration user.
 */
class CamelRestConformanceTest {

    private static SalesforceEmulator emulator;
    private static CamelSalesforceClient camel;

    @BeforeAll
    static void start() throws Exception {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder()
                .queryBatchSize(3)
                .customFields(List.of(new CustomField("Task", "Sales_Activity_Id__c", "string", null, 255, true, true,
                        List.of(), false)))
                .build()).build().start();
        camel = new CamelSalesforceClient(emulator.baseUrl(),
                CamelSalesforceClient.password("integration@sandbox.example"));
    }

    @AfterAll
    static void stop() {
        camel.close();
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.admin().clearFaults();
        emulator.admin().usage().setUsed(0);
    }

    @Test
    void createsReadsUpdatesAndDeletesATask() {
        Task task = new Task();
        task.setSubject("Call about the renewal");
        task.setWhoId(DemoOrg.ALICE_CONTACT_ID);
        task.setWhatId(DemoOrg.RENEWAL_OPPORTUNITY_ID);
        task.setActivityDate(LocalDate.of(2030, 1, 15));
        CreateSObjectResult created = camel.call("create", task, CreateSObjectResult.class);
        assertThat(created.getSuccess()).isTrue();
        assertThat(created.getId()).startsWith("00T").hasSize(18);

        Task read = camel.call("get", created.getId(), Task.class);
        assertThat(read.getSubject()).isEqualTo("Call about the renewal");
        assertThat(read.getStatus()).isEqualTo("Not Started");
        assertThat(read.getPriority()).isEqualTo("Normal");
        assertThat(read.getActivityDate()).isEqualTo(LocalDate.of(2030, 1, 15));
        assertThat(read.getAccountId()).isEqualTo(DemoOrg.ACME_ACCOUNT_ID);
        assertThat(read.getIsClosed()).isFalse();
        assertThat(read.getCreatedDate()).isNotNull();

        Task change = new Task();
        change.setId(created.getId());
        change.setStatus("Completed");
        camel.call("update", change, Object.class);
        assertThat(camel.call("get", created.getId(), Task.class).getIsClosed()).isTrue();

        camel.call("delete", created.getId(), Map.of("sObjectId", created.getId()), Object.class);
        SalesforceException gone = camel.failure("get", created.getId(), Map.of());
        assertThat(gone.getStatusCode()).isEqualTo(404);
        assertThat(gone.getErrors().get(0).getErrorCode()).isEqualTo("ENTITY_IS_DELETED");
    }

    @Test
    void upsertsByExternalIdCreatingThenUpdating() {
        String key = "activity-" + UUID.randomUUID();
        Task task = new Task();
        task.setSubject("Logged email");
        task.setTaskSubtype("Email");
        task.setStatus("Completed");
        task.setSales_Activity_Id__c(key);
        UpsertSObjectResult first = camel.call("upsert", task, UpsertSObjectResult.class);
        assertThat(first.getCreated()).isTrue();

        Task again = new Task();
        again.setSubject("Logged email, edited");
        again.setSales_Activity_Id__c(key);
        UpsertSObjectResult second = camel.call("upsert", again, UpsertSObjectResult.class);
        assertThat(second.getCreated()).isFalse();
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(camel.call("getByExternalId", key, Task.class).getSubject()).isEqualTo("Logged email, edited");
    }

    @Test
    void refusesAnInvalidPicklistValueWithSalesforcesError() {
        Task task = new Task();
        task.setSubject("Bad status");
        task.setStatus("Done-ish");
        SalesforceException refused = camel.failure("create", task, Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getErrors().get(0).getErrorCode()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(refused.getErrors().get(0).getFields()).containsExactly("Status");
    }

    @Test
    void pagesThroughAQueryWithQueryMore() {
        QueryRecordsTask first = camel.call("query", null,
                Map.of("sObjectQuery", "SELECT Id, Subject FROM Task WHERE IsDeleted = false ORDER BY Subject"),
                QueryRecordsTask.class);
        assertThat(first.getDone()).isFalse();
        assertThat(first.getRecords()).hasSize(3);
        assertThat(first.getNextRecordsUrl()).matches("/services/data/v\\d+\\.0/query/01g[A-Za-z0-9]{15}-3");

        List<String> ids = new java.util.ArrayList<>(first.getRecords().stream().map(Task::getId).toList());
        QueryRecordsTask page = first;
        while (!page.getDone()) {
            page = camel.call("queryMore", null, Map.of("sObjectQuery", page.getNextRecordsUrl()), QueryRecordsTask.class);
            assertThat(page.getTotalSize()).isEqualTo(first.getTotalSize());
            assertThat(page.getRecords()).hasSizeLessThanOrEqualTo(3);
            page.getRecords().forEach(r -> ids.add(r.getId()));
        }
        assertThat(ids).hasSize(first.getTotalSize()).doesNotHaveDuplicates();
    }

    @Test
    void queryAllShowsDeletedRowsAndQueryDoesNot() {
        Task task = new Task();
        task.setSubject("To be deleted " + UUID.randomUUID());
        String id = camel.call("create", task, CreateSObjectResult.class).getId();
        camel.call("delete", id, Map.of("sObjectId", id), Object.class);
        String soql = "SELECT Id, IsDeleted FROM Task WHERE Id = '" + id + "'";

        assertThat(camel.call("query", null, Map.of("sObjectQuery", soql), QueryRecordsTask.class).getTotalSize())
                .isZero();
        QueryRecordsTask all = camel.call("queryAll", null, Map.of("sObjectQuery", soql), QueryRecordsTask.class);
        assertThat(all.getRecords()).singleElement().satisfies(r -> assertThat(r.isIsDeleted()).isTrue());

        emulator.admin().advanceClock(Duration.ofDays(16));
        assertThat(camel.call("queryAll", null, Map.of("sObjectQuery", soql), QueryRecordsTask.class).getTotalSize())
                .isZero();
    }

    @Test
    void malformedQueryIsRefusedWithMalformedQuery() {
        SalesforceException refused = camel.failure("query", null, Map.of("sObjectQuery", "SELECT Id FROM Task WHERE"));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getErrors().get(0).getErrorCode()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void compositeCreatesDependentRecordsWithReferences() {
        SObjectComposite composite = new SObjectComposite("56.0", true);
        composite.addCreate(Account.named("Composite Co"), "NewAccount");
        Contact contact = Contact.named("Composer", "composer@composite.example");
        contact.setAccountId("@{NewAccount.id}");
        composite.addCreate(contact, "NewContact");
        SObjectCompositeResponse response = camel.call("composite", composite, SObjectCompositeResponse.class);

        assertThat(response.getCompositeResponse()).extracting(r -> r.getHttpStatusCode()).containsExactly(201, 201);
        String soql = "SELECT Account.Name FROM Contact WHERE Email = 'composer@composite.example'";
        String raw = camel.call("queryRaw", null, Map.of("sObjectQuery", soql), String.class);
        assertThat(raw).contains("\"Name\":\"Composite Co\"");
    }

    @Test
    void compositeAllOrNoneRollsBackEverythingOnOneFailure() {
        SObjectComposite composite = new SObjectComposite("56.0", true);
        composite.addCreate(Account.named("Rolled Back Co"), "Good");
        composite.addCreate(new Account(), "Bad");
        SObjectCompositeResponse response = camel.call("composite", composite, SObjectCompositeResponse.class);

        assertThat(response.getCompositeResponse()).extracting(r -> r.getHttpStatusCode()).containsExactly(400, 400);
        assertThat(response.getCompositeResponse().get(0).getBody().toString()).contains("PROCESSING_HALTED");
        assertThat(response.getCompositeResponse().get(1).getBody().toString()).contains("REQUIRED_FIELD_MISSING");
        String raw = camel.call("queryRaw", null,
                Map.of("sObjectQuery", "SELECT Id FROM Account WHERE Name = 'Rolled Back Co'"), String.class);
        assertThat(raw).contains("\"totalSize\":0");
    }

    @Test
    void compositeBatchRunsIndependentSubrequests() {
        SObjectBatch batch = new SObjectBatch("56.0");
        batch.addCreate(Account.named("Batch Co"));
        batch.addGet("Account", DemoOrg.ACME_ACCOUNT_ID, "Name");
        batch.addQuery("SELECT Id FROM Lead");
        batch.addCreate(new Account());
        SObjectBatchResponse response = camel.call("compositeBatch", batch, SObjectBatchResponse.class);

        assertThat(response.hasErrors()).isTrue();
        assertThat(response.getResults()).extracting(r -> r.getStatusCode()).containsExactly(201, 200, 200, 400);
    }

    @Test
    void compositeTreeCreatesParentsAndChildren() {
        SObjectTree tree = new SObjectTree();
        tree.addObject(Account.named("Tree Co")).addChild("Contacts", Contact.named("Leaf", "leaf@tree.example"));
        SObjectTree created = camel.call("compositeTree", tree, SObjectTree.class);

        assertThat(created.allObjects()).extracting(AbstractSObjectBase::getId)
                .allSatisfy(id -> assertThat(id).hasSize(18));
        String raw = camel.call("queryRaw", null,
                Map.of("sObjectQuery", "SELECT Account.Name FROM Contact WHERE Email = 'leaf@tree.example'"), String.class);
        assertThat(raw).contains("\"Name\":\"Tree Co\"");
    }

    @Test
    void collectionsCreateUpdateRetrieveUpsertAndDelete() {
        Task one = new Task();
        one.setSubject("Collection one");
        Task two = new Task();
        two.setSubject("Collection two");
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> created = camel.call("collectionsCreate", List.of(one, two), Map.of("allOrNone", true),
                List.class);
        assertThat(created).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());
        String firstId = created.get(0).getId();
        String secondId = created.get(1).getId();

        Task change = new Task();
        change.setId(firstId);
        change.setPriority("High");
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> updated = camel.call("collectionsUpdate", List.of(change), List.class);
        assertThat(updated).singleElement().satisfies(r -> assertThat(r.getSuccess()).isTrue());

        @SuppressWarnings("unchecked")
        List<Task> retrieved = camel.call("collectionsRetrieve", null,
                Map.of("sObjectIds", List.of(firstId, secondId), "sObjectFields", List.of("Subject", "Priority")), List.class);
        assertThat(retrieved).extracting(Task::getPriority).containsExactly("High", "Normal");

        Task keyed = new Task();
        keyed.setSubject("Keyed");
        keyed.setSales_Activity_Id__c("collection-" + UUID.randomUUID());
        @SuppressWarnings("unchecked")
        List<UpsertSObjectResult> upserted = camel.call("collectionsUpsert", List.of(keyed), List.class);
        assertThat(upserted).singleElement().satisfies(r -> assertThat(r.getCreated()).isTrue());

        @SuppressWarnings("unchecked")
        List<DeleteSObjectResult> deleted = camel.call("collectionsDelete", null,
                Map.of("sObjectIds", List.of(firstId, secondId)), List.class);
        assertThat(deleted).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());
    }

    @Test
    void collectionsAllOrNoneReportsRolledBackRecords() {
        Task good = new Task();
        good.setSubject("Good");
        Task bad = new Task();
        bad.setSubject("Bad");
        bad.setPriority("Urgent");
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> results = camel.call("collectionsCreate", List.of(good, bad), Map.of("allOrNone", true),
                List.class);
        assertThat(results).allSatisfy(r -> assertThat(r.getSuccess()).isFalse());
        assertThat(results.get(0).getErrors().get(0).getErrorCode()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).getErrors().get(0).getErrorCode()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    }

    @Test
    void limitsReportDailyApiRequestsInUse() {
        emulator.admin().usage().setUsed(100);
        Limits limits = camel.call("limits", null, Limits.class);
        assertThat(limits.getDailyApiRequests().getMax()).isEqualTo(15_000);
        assertThat(limits.getDailyApiRequests().getRemaining()).isEqualTo(15_000 - 101);
    }

    @Test
    void logsInAgainWhenAllSessionsAreExpired() {
        long loginsBefore = emulator.admin().calls().count("oauth");
        emulator.admin().expireAllSessions();
        Task read = camel.call("get", "00T000000000001EAA", Task.class);
        assertThat(read.getSubject()).isEqualTo("Call Alice about the renewal");
        assertThat(emulator.admin().calls().count("oauth")).isGreaterThan(loginsBefore);
    }

    @Test
    void reLoginAfterTokenExpiryRetriesTheCall() {
        long loginsBefore = emulator.admin().calls().count("oauth");
        emulator.admin().advanceClock(Duration.ofHours(3));
        Limits limits = camel.call("limits", null, Limits.class);
        assertThat(limits.getDailyApiRequests()).isNotNull();
        assertThat(emulator.admin().calls().count("oauth")).isGreaterThan(loginsBefore);
    }

    @Test
    void spentDailyLimitSurfacesAsRequestLimitExceeded() {
        emulator.admin().usage().setUsed(15_000);
        SalesforceException refused = camel.failure("limits", null, Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(refused.getErrors().get(0).getErrorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.getErrors().get(0).getMessage()).isEqualTo("TotalRequests Limit exceeded.");
    }

    @Test
    void injectedServerUnavailableFailsTheCallOnce() {
        emulator.admin().failNext(1, InjectedFault.SERVER_UNAVAILABLE);
        SalesforceException refused = camel.failure("limits", null, Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(503);
        assertThat(camel.call("limits", null, Limits.class)).isNotNull();
    }

    @Test
    void todayLiteralFollowsTheEmulatorClock() {
        LocalDate today = LocalDate.now(emulator.clock().withZone(ZoneOffset.UTC));
        Task dueToday = new Task();
        dueToday.setSubject("Due on the emulator's today " + UUID.randomUUID());
        dueToday.setActivityDate(today);
        camel.call("create", dueToday, CreateSObjectResult.class);
        Task dueTomorrow = new Task();
        dueTomorrow.setSubject("Due on the emulator's tomorrow " + UUID.randomUUID());
        dueTomorrow.setActivityDate(today.plusDays(1));
        camel.call("create", dueTomorrow, CreateSObjectResult.class);

        String raw = camel.call("queryRaw", null, Map.of("sObjectQuery",
                "SELECT Subject FROM Task WHERE ActivityDate = TODAY"), String.class);
        assertThat(raw).contains(dueToday.getSubject()).doesNotContain(dueTomorrow.getSubject());
    }
}
