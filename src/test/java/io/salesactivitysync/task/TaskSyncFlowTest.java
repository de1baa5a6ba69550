package io.salesactivitysync.task;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.toJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.activity.ActivityFlowTest;
import io.salesactivitysync.sandbox.salesforce.rest.RestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The base of the task sync flow tests: the whole application against the emulator, its stream
 * included. The schedules run only when a test asks ({@link #reconcile()}, {@link #sweep()}), so
 * that API call counts are the flow's own. Each test makes its own rep, with a Salesforce User of
 * its own and task sync on.
 */
@TestPropertySource(properties = {
        "sas.tasks.reconcile-cron=0 0 0 1 1 ? 2099",
        "sas.tasks.sweep-cron=0 0 0 1 1 ? 2099",
        "sas.tasks.subscribe-timeout=10s",
        "sas.tasks.retry-backoff=1s"})
abstract class TaskSyncFlowTest extends ActivityFlowTest {

    /** Another Salesforce user who edits the reps' Tasks in the Salesforce UI. */
    protected static final String SAM = "sam@sandbox.example";
    protected static final Duration QUICK = Duration.ofSeconds(20);
    protected static final String SF_TASK_FIELDS = "Id, Subject, Status, Priority, ActivityDate, Description, OwnerId,"
            + " TaskSubtype, Sales_Activity_Id__c, IsDeleted";

    @Autowired
    protected ProducerTemplate camel;
    @Autowired
    protected TaskStreamWatch stream;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * camel-salesforce 4.17 throws IllegalStateException ("Invalid state HANDSHAKING") from its own
     * threads while it re-handshakes after a dropped client (docs/upstream): noise, not a failure of
     * the flow, so Awaitility must not take it for the test's.
     */
    @BeforeEach
    void ignoreCamelStreamingNoise() {
        org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @org.junit.jupiter.api.AfterEach
    void awaitilityDefaults() {
        org.awaitility.Awaitility.reset();
    }

    @BeforeEach
    void outboxSettled() {
        // nothing of an earlier test still on its way
        await().atMost(QUICK).until(() -> jdbc.sql("SELECT COUNT(*) FROM task_outbox WHERE state = 'pending'")
                .query(Long.class).single() == 0);
    }

    /** A rep with a Salesforce User of its own and task sync on; waits for its first sync and for the stream. */
    protected TestRep syncingRep() {
        TestRep rep = newRep("Tasker", "Europe/Berlin");
        overrideSettings(rep, "taskSyncMode", "sync");
        await().atMost(QUICK).until(() -> "done".equals(firstSync(rep).path("state").asText()));
        await().atMost(QUICK).until(stream::subscribed);
        return rep;
    }

    protected JsonNode firstSync(TestRep rep) {
        return api.get("/api/reps/" + rep.id() + "/settings").json().path("firstSync");
    }

    protected JsonNode createTask(TestRep rep, Object... more) {
        Map<String, Object> body = object("name", "Call back " + UUID.randomUUID().toString().substring(0, 8),
                "repId", rep.id(), "dueDate", "2026-12-10", "details", "About the renewal");
        body.putAll(object(more));
        Response created = api.post("/api/tasks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    protected JsonNode task(long id) {
        return api.get("/api/tasks/" + id).json();
    }

    /** Waits until the task has its Salesforce Task and nothing waits in the outbox for it. */
    protected JsonNode synced(long id) {
        return await("task " + id + " synced").atMost(QUICK).pollInterval(Duration.ofMillis(100))
                .until(() -> task(id), t -> "synced".equals(t.path("syncState").asText()));
    }

    protected JsonNode salesforceTask(String id) {
        List<JsonNode> rows = org().query("SELECT " + SF_TASK_FIELDS + " FROM Task WHERE Id = '" + id + "'");
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A change made by another user in the Salesforce UI (its change origin is never the product's). */
    protected void editInSalesforce(String taskId, Object... fields) {
        RestResponse response = salesforce.admin().writeAs(SAM, "PATCH", "sobjects/Task/" + taskId,
                json.valueToTree(object(fields)));
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(204);
    }

    protected void deleteInSalesforce(String taskId) {
        RestResponse response = salesforce.admin().writeAs(SAM, "DELETE", "sobjects/Task/" + taskId, null);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(204);
    }

    /** A Task created in Salesforce for the rep (as another user would assign it). */
    protected String createInSalesforce(TestRep rep, Object... fields) {
        Map<String, Object> values = object("Subject", "From Salesforce " + UUID.randomUUID().toString().substring(0, 8),
                "OwnerId", rep.userId(), "Status", "Not Started", "Priority", "Normal");
        values.putAll(object(fields));
        RestResponse response = salesforce.admin().writeAs(SAM, "POST", "sobjects/Task", json.valueToTree(values));
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        return response.body().get("id").asText();
    }

    /** The product task synced with this Salesforce Task, once there is one. */
    protected long productTaskOf(String salesforceTaskId) {
        return await("a product task for " + salesforceTaskId).atMost(QUICK).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT id FROM tasks WHERE salesforce_task_id = :id").param("id", salesforceTaskId)
                        .query(Long.class).optional(), java.util.Optional::isPresent).get();
    }

    protected List<String> history(long taskId) {
        List<String> lines = new java.util.ArrayList<>();
        api.get("/api/tasks/" + taskId + "/history").json().forEach(entry -> lines.add(entry.path("side").asText() + " "
                + entry.path("event").asText() + ": " + entry.path("detail").asText()));
        return lines;
    }

    protected void reconcile() {
        camel.sendBody("direct:task-reconciliation", null);
    }

    protected void sweep() {
        camel.sendBody("direct:task-deleted-sweep", null);
    }

    /**
     * Calls to Salesforce that change records: single-record writes and sObject Collections (reads,
     * logins and composite lookups left out).
     */
    protected long writes() {
        return salesforce.admin().calls().snapshot().entrySet().stream()
                .filter(e -> java.util.Set.of("create", "update", "delete", "upsert", "collections").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Product changes waiting in the outbox for the task. */
    protected long outbox(long taskId) {
        return jdbc.sql("SELECT COUNT(*) FROM task_outbox WHERE task_id = :id").param("id", taskId).query(Long.class).single();
    }

    /** Stream events recognised as the product's own writes, so far (the metric). */
    protected double ownChangesSeen() {
        JsonNode metric = api.get("/actuator/metrics/sas.tasks.changes.filtered?tag=reason:own_change").json();
        return metric.path("measurements").path(0).path("value").asDouble(0);
    }

    protected void awaitOwnChangesSeen(double atLeast) {
        await().atMost(QUICK).until(() -> ownChangesSeen() >= atLeast);
    }

    protected static String text(Object value) {
        return toJson(value);
    }
}
