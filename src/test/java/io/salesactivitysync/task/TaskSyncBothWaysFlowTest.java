package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Create, edit, complete, reopen and delete in both directions, and the content-based routing of Salesforce's changes. */
class TaskSyncBothWaysFlowTest extends TaskSyncFlowTest {

    @Test
    void aTaskCreatedAndChangedInTheProductIsWrittenToSalesforce() {
        TestRep rep = syncingRep();
        JsonNode created = createTask(rep, "priority", "high");
        JsonNode synced = synced(created.get("id").asLong());
        String sfId = synced.get("salesforceTaskId").asText();

        JsonNode sf = salesforceTask(sfId);
        assertThat(sf.get("Subject").asText()).isEqualTo(created.get("name").asText());
        assertThat(sf.get("Status").asText()).isEqualTo("Not Started");
        assertThat(sf.get("Priority").asText()).isEqualTo("High");
        assertThat(sf.get("ActivityDate").asText()).isEqualTo("2026-12-10");
        assertThat(sf.get("Description").asText()).isEqualTo("About the renewal");
        assertThat(sf.get("OwnerId").asText()).isEqualTo(rep.userId());

        long id = created.get("id").asLong();
        assertThat(api.put("/api/tasks/" + id, io.salesactivitysync.ApiClient.object("name", "Renamed", "dueDate", "2027-01-05",
                "details", "New details")).status()).isEqualTo(200);
        await().atMost(QUICK).until(() -> "Renamed".equals(salesforceTask(sfId).get("Subject").asText()));
        sf = salesforceTask(sfId);
        assertThat(sf.get("ActivityDate").asText()).isEqualTo("2027-01-05");
        assertThat(sf.get("Description").asText()).isEqualTo("New details");

        assertThat(api.post("/api/tasks/" + id + "/complete", "").status()).isEqualTo(200);
        await().atMost(QUICK).until(() -> "Completed".equals(salesforceTask(sfId).get("Status").asText()));
        assertThat(api.post("/api/tasks/" + id + "/reopen", "").status()).isEqualTo(200);
        await().atMost(QUICK).until(() -> "Not Started".equals(salesforceTask(sfId).get("Status").asText()));

        assertThat(api.delete("/api/tasks/" + id).status()).isEqualTo(204);
        await().atMost(QUICK).until(() -> salesforceTask(sfId) == null);
    }

    @Test
    void aTaskChangedInSalesforceChangesTheProductTask() {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();

        editInSalesforce(sfId, "Status", "Completed", "Priority", "High", "ActivityDate", "2027-02-01",
                "Description", "Changed by Sam");
        await().atMost(QUICK).until(() -> "completed".equals(task(id).get("status").asText()));
        JsonNode task = task(id);
        assertThat(task.get("priority").asText()).isEqualTo("high");
        assertThat(task.get("dueDate").asText()).isEqualTo("2027-02-01");
        assertThat(task.get("details").asText()).isEqualTo("Changed by Sam");

        editInSalesforce(sfId, "Status", "Not Started");
        await().atMost(QUICK).until(() -> "open".equals(task(id).get("status").asText()));

        deleteInSalesforce(sfId);
        await().atMost(QUICK).until(() -> api.get("/api/tasks/" + id).status() == 404);
        assertThat(history(id)).anyMatch(line -> line.startsWith("salesforce deleted"));
    }

    @Test
    void aTaskCreatedInSalesforceForTheRepIsImported() {
        TestRep rep = syncingRep();
        String sfId = createInSalesforce(rep, "ActivityDate", "2026-12-24", "Description", "Wrap presents", "Priority", "High");
        long id = productTaskOf(sfId);
        JsonNode task = task(id);
        assertThat(task.get("origin").asText()).isEqualTo("salesforce");
        assertThat(task.get("priority").asText()).isEqualTo("high");
        assertThat(task.get("dueDate").asText()).isEqualTo("2026-12-24");
        assertThat(task.get("details").asText()).isEqualTo("Wrap presents");
        assertThat(task.get("synced").asBoolean()).isTrue();
    }

    @Test
    void otherStatusesLowPriorityAndSubjectEditsDoNotComeAcross() {
        TestRep rep = syncingRep();
        long id = createTask(rep, "priority", "high").get("id").asLong();
        JsonNode before = synced(id);
        String sfId = before.get("salesforceTaskId").asText();

        editInSalesforce(sfId, "Status", "In Progress");
        editInSalesforce(sfId, "Priority", "Low");
        editInSalesforce(sfId, "Subject", "Renamed in Salesforce");
        editInSalesforce(sfId, "Description", "marker");
        await().atMost(QUICK).until(() -> "marker".equals(task(id).path("details").asText()));

        JsonNode after = task(id);
        assertThat(after.get("status").asText()).isEqualTo("open");
        assertThat(after.get("priority").asText()).isEqualTo("high");
        assertThat(after.get("name").asText()).isEqualTo(before.get("name").asText());
        assertThat(history(id)).anyMatch(line -> line.contains("Status In Progress is not synced"))
                .anyMatch(line -> line.contains("Priority Low is not synced"))
                .anyMatch(line -> line.contains("is not synced back"));
        // and nothing of it goes back to Salesforce
        assertThat(salesforceTask(sfId).get("Subject").asText()).isEqualTo("Renamed in Salesforce");
        assertThat(salesforceTask(sfId).get("Status").asText()).isEqualTo("In Progress");
    }

    @Test
    void oneEditOnEitherSideCostsExactlyOneWriteOnTheOther() {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();
        // the create's own change event comes back and changes nothing
        awaitOwnChangesSeen(1);

        long writesBefore = writes();
        double ownBefore = ownChangesSeen();
        assertThat(api.post("/api/tasks/" + id + "/complete", "").status()).isEqualTo(200);
        await().atMost(QUICK).until(() -> "Completed".equals(salesforceTask(sfId).get("Status").asText()));
        // the product's write comes back through the stream as its own: nothing changes, nothing is sent
        await().atMost(QUICK).until(() -> ownChangesSeen() > ownBefore);
        assertThat(writes() - writesBefore).as("one update in Salesforce").isEqualTo(1);
        // the write is settled in the store just after Salesforce answered it
        await().atMost(QUICK).until(() -> outbox(id) == 0);

        long beforeSalesforceEdit = writes();
        editInSalesforce(sfId, "Description", "From Salesforce once");
        await().atMost(QUICK).until(() -> "From Salesforce once".equals(task(id).path("details").asText()));
        // applied from Salesforce without an outbox entry: nothing is sent back
        assertThat(outbox(id)).isZero();
        assertThat(writes() - beforeSalesforceEdit).as("the edit itself, nothing sent back").isEqualTo(1);
        assertThat(task(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aFieldChangedOnBothSidesKeepsTheLaterChange() {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();

        // Salesforce's edit is later than the product's: it wins, and the product's change is not sent
        salesforce.admin().advanceClock(Duration.ofMinutes(5));
        stopOutbound();
        try {
            assertThat(api.put("/api/tasks/" + id, io.salesactivitysync.ApiClient.object("name", task(id).get("name").asText(),
                    "dueDate", "2026-12-10", "details", "product edit")).status()).isEqualTo(200);
            editInSalesforce(sfId, "Description", "salesforce edit");
            await().atMost(QUICK).until(() -> "salesforce edit".equals(task(id).path("details").asText()));
        } finally {
            startOutbound();
        }
        await().atMost(QUICK).until(() -> "synced".equals(task(id).path("syncState").asText()));
        assertThat(salesforceTask(sfId).get("Description").asText()).isEqualTo("salesforce edit");
        assertThat(history(id)).anyMatch(line -> line.contains("conflict on details") && line.contains("Salesforce's value applies"));
    }

    @Test
    void gapEventsMakeTheRecordsBeReadAgain() {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        long gone = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();
        String goneSf = synced(gone).get("salesforceTaskId").asText();
        salesforce.admin().gapEvents(true);
        try {
            editInSalesforce(sfId, "Description", "read again after a gap", "Status", "Completed");
            await().atMost(QUICK).until(() -> "read again after a gap".equals(task(id).path("details").asText()));
            assertThat(task(id).get("status").asText()).isEqualTo("completed");
            deleteInSalesforce(goneSf);
            await().atMost(QUICK).until(() -> api.get("/api/tasks/" + gone).status() == 404);
        } finally {
            salesforce.admin().gapEvents(false);
        }
    }

    @Test
    void theSyncIsMeasured() {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();
        editInSalesforce(sfId, "Status", "In Progress");
        java.time.Instant beforeEdit = java.time.Instant.now();
        editInSalesforce(sfId, "Description", "measured");
        await().atMost(QUICK).until(() -> "measured".equals(task(id).path("details").asText()));
        java.time.Instant afterApplied = java.time.Instant.now();

        assertThat(metric("sas.tasks.changes.applied", "source:stream")).isPositive();
        assertThat(metric("sas.tasks.changes.filtered", "reason:status_not_synced")).isPositive();
        assertThat(metric("sas.tasks.changes.sent", "operation:create")).isPositive();
        // the create came back through the stream with the product's client id in its changeOrigin
        assertThat(metric("sas.tasks.changes.filtered", "reason:own_change")).isPositive();
        assertThat(metric("sas.tasks.stream.lag", null)).isPositive();
        assertThat(api.get("/actuator/metrics/sas.tasks.outbox.depth").status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics/sas.tasks.outbox.age").status()).isEqualTo(200);
        JsonNode health = api.send(api.request("/actuator/health/taskStream").GET()).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/channel").asText()).isEqualTo("/data/TaskChangeEvent");
        assertThat(health.at("/details/subscribedAt").isTextual()).as(health.toString()).isTrue();
        // the last event applied is the Description edit: its lag is from the emulator's commit to the product's
        java.time.Instant committed = java.time.OffsetDateTime.parse(health.at("/details/lastEventCommittedAt").asText()).toInstant();
        java.time.Instant applied = java.time.Instant.parse(health.at("/details/lastEventAppliedAt").asText());
        Duration lag = Duration.parse(health.at("/details/lag").asText());
        assertThat(applied).isBetween(beforeEdit, afterApplied);
        assertThat(committed).isBetween(beforeEdit.minusSeconds(1), applied);
        assertThat(lag).isEqualTo(Duration.between(committed, applied)).isLessThan(QUICK);
    }

    /** The first measurement (COUNT or TOTAL) of the meter, with the tag if given. */
    private double metric(String name, String tag) {
        JsonNode metric = api.get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag)).json();
        return metric.path("measurements").get(0).path("value").asDouble();
    }

    private void stopOutbound() {
        try {
            camelContext.getRouteController().stopRoute("task-outbound-schedule");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startOutbound() {
        try {
            camelContext.getRouteController().startRoute("task-outbound-schedule");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
