package io.salesactivitysync.task;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import org.junit.jupiter.api.Test;

/** Salesforce's errors on the way out: temporary ones are tried again, permanent ones show on the task. */
class TaskSyncFailuresFlowTest extends TaskSyncFlowTest {

    @Test
    void aTemporaryErrorOutlastingTheRedeliveriesIsTriedAgainAndTheTaskIsWrittenOnce() throws Exception {
        TestRep rep = syncingRep();
        // nothing else of the application calls Salesforce once the new rep's connection is checked
        await().atMost(QUICK).until(() -> "connected".equals(api.get("/api/reps/" + rep.id()).json()
                .at("/connection/state").asText()));
        camelContext.getRouteController().stopRoute("task-outbound-schedule");
        long id = createTask(rep).get("id").asLong();
        salesforce.admin().failNext(4, InjectedFault.SERVER_UNAVAILABLE);
        camelContext.getRouteController().startRoute("task-outbound-schedule");

        JsonNode synced = synced(id);
        assertThat(history(id)).anyMatch(line -> line.startsWith("sync send_retry") && line.contains("SERVER_UNAVAILABLE"));
        assertThat(org().query("SELECT Id FROM Task WHERE Sales_Activity_Id__c = 'sas-task:" + id + "'"))
                .as("one Task, however often it was sent").hasSize(1);
        assertThat(synced.get("syncError").isNull()).isTrue();
    }

    @Test
    void aPermanentRefusalShowsOnTheTaskAndARetryOrTheNextEditSendsItAgain() {
        TestRep rep = syncingRep();
        salesforce.admin().setFieldEditable("Task", "Description", false);
        long id;
        try {
            id = createTask(rep).get("id").asLong();
            JsonNode failed = await().atMost(QUICK).until(() -> task(id), t -> "failed".equals(t.path("syncState").asText()));
            assertThat(failed.get("syncError").asText()).contains("Salesforce refused the create").contains("Description");
            assertThat(failed.get("salesforceTaskId").isNull()).isTrue();
        } finally {
            salesforce.admin().setFieldEditable("Task", "Description", true);
        }
        Response retried = api.post("/api/tasks/" + id + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        JsonNode synced = synced(id);
        assertThat(history(id)).anyMatch(line -> line.startsWith("product retried"));
        Response edited = api.put("/api/tasks/" + id, object("name", "Sent again", "details", "now editable"));
        assertThat(edited.status()).isEqualTo(200);
        await().atMost(QUICK).until(() -> "Sent again".equals(
                salesforceTask(synced.get("salesforceTaskId").asText()).get("Subject").asText()));
        // the write is settled in the store just after Salesforce answered it
        await().atMost(QUICK).until(() -> outbox(id) == 0);
    }

    @Test
    void anEditWhileAnEarlierChangeWaitsForItsRetryIsSentWithIt() throws Exception {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();
        camelContext.getRouteController().stopRoute("task-outbound-schedule");
        try {
            String name = task(id).get("name").asText();
            assertThat(api.put("/api/tasks/" + id, object("name", name, "dueDate", "2026-12-10", "details", "waits for a retry"))
                    .status()).isEqualTo(200);
            // as after a temporary error: this change waits an hour for its next try
            jdbc.sql("UPDATE task_outbox SET attempts = 1, next_attempt_at = next_attempt_at + INTERVAL '1' HOUR"
                    + " WHERE task_id = :id").param("id", id).update();
            assertThat(api.put("/api/tasks/" + id, object("name", name, "dueDate", "2027-01-20", "details", "waits for a retry"))
                    .status()).isEqualTo(200);
        } finally {
            camelContext.getRouteController().startRoute("task-outbound-schedule");
        }
        await().atMost(QUICK).until(() -> "2027-01-20".equals(salesforceTask(sfId).get("ActivityDate").asText()));
        assertThat(salesforceTask(sfId).get("Description").asText()).as("the waiting change went with the later one")
                .isEqualTo("waits for a retry");
        await().atMost(QUICK).until(() -> outbox(id) == 0);
    }

    @Test
    void aTaskDeletedWhileItsCreateIsOnItsWayTakesItsSalesforceTaskWithIt() throws Exception {
        TestRep rep = syncingRep();
        camelContext.getRouteController().stopRoute("task-outbound-schedule");
        long id = createTask(rep).get("id").asLong();
        salesforce.admin().setLatency(java.time.Duration.ofSeconds(3));
        try {
            camelContext.getRouteController().startRoute("task-outbound-schedule");
            // the create is taken (its entry leased) and on its way to Salesforce
            await().atMost(QUICK).until(() -> jdbc.sql("SELECT COUNT(*) FROM task_outbox WHERE task_id = :id"
                    + " AND next_attempt_at > CURRENT_TIMESTAMP").param("id", id).query(Long.class).single() == 1);
            assertThat(api.delete("/api/tasks/" + id).status()).isEqualTo(204);
        } finally {
            salesforce.admin().setLatency(java.time.Duration.ZERO);
        }
        await().atMost(QUICK).until(() -> history(id).stream().anyMatch(line -> line.contains("deleted meanwhile")));
        await().atMost(QUICK).until(() -> org().query("SELECT Id FROM Task WHERE Sales_Activity_Id__c = 'sas-task:"
                + id + "'").isEmpty());
    }

    /**
     * A create that reached Salesforce while its answer was lost (a timeout): the upsert sent again
     * finds the Task, where Salesforce refuses TaskSubtype (settable on create only). The task is
     * synced with that one Task, not failed, and no second Task is made.
     */
    @Test
    void aCreateThatLandedWithoutItsAnswerIsSyncedWithTheTaskItMade() throws Exception {
        TestRep rep = syncingRep();
        camelContext.getRouteController().stopRoute("task-outbound-schedule");
        long id;
        String landed;
        try {
            id = createTask(rep, "name", "Landed once").get("id").asLong();
            // what the lost answer's send left in Salesforce: the product's Task under its external id
            landed = org().create("Task", ApiClient.toJson(object("Subject", "Landed once", "OwnerId", rep.userId(),
                    "Status", "Not Started", "Priority", "Normal", "TaskSubtype", "Task",
                    "Sales_Activity_Id__c", "sas-task:" + id)));
        } finally {
            camelContext.getRouteController().startRoute("task-outbound-schedule");
        }
        JsonNode synced = synced(id);
        assertThat(synced.get("salesforceTaskId").asText()).isEqualTo(landed);
        assertThat(org().query("SELECT Id FROM Task WHERE Sales_Activity_Id__c = 'sas-task:" + id + "'")).hasSize(1);
        assertThat(history(id)).anyMatch(line -> line.contains("an earlier send reached it"));
        assertThat(salesforceTask(landed).get("Description").asText()).isEqualTo("About the renewal");
    }

    @Test
    void turningTaskSyncOnForTheOrgRunsTheFirstSyncOfEveryRepThatInheritsIt() {
        TestRep inherits = newRep("Inherits", "Europe/Paris");
        String sfId = createInSalesforce(inherits, "Description", "assigned before sync");
        JsonNode org = api.get("/api/settings").json();
        try {
            ((com.fasterxml.jackson.databind.node.ObjectNode) org).put("taskSyncMode", "sync");
            assertThat(api.put("/api/settings", org.toString()).status()).isEqualTo(200);
            await().atMost(QUICK).until(() -> "done".equals(firstSync(inherits).path("state").asText()));
            assertThat(firstSync(inherits).get("imported").asInt()).isEqualTo(1);
            assertThat(task(productTaskOf(sfId)).get("details").asText()).isEqualTo("assigned before sync");
        } finally {
            ((com.fasterxml.jackson.databind.node.ObjectNode) org).put("taskSyncMode", "do_not_sync");
            assertThat(api.put("/api/settings", org.toString()).status()).isEqualTo(200);
        }
    }
}
