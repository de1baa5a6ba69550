package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The PushTopic alternative (sas.tasks.channel: /topic/NAME): the topic is created at start from
 * sas.tasks.push-topic-query, and each notification makes the product read the Task again.
 */
@TestPropertySource(properties = {
        "sas.tasks.channel=/topic/SasTaskChanges",
        "sas.tasks.push-topic-query=SELECT Id, OwnerId, Subject, Status, Priority, ActivityDate, LastModifiedDate FROM Task"})
class TaskPushTopicFlowTest extends TaskSyncFlowTest {

    @Test
    void changesComeThroughThePushTopicAndTheProductsOwnWritesDoNotComeBack() throws InterruptedException {
        TestRep rep = syncingRep();
        assertThat(org().query("SELECT Id FROM PushTopic WHERE Name = 'SasTaskChanges'")).hasSize(1);

        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();
        editInSalesforce(sfId, "Description", "through the topic", "Status", "Completed");
        await().atMost(QUICK).until(() -> "through the topic".equals(task(id).path("details").asText()));
        assertThat(task(id).get("status").asText()).isEqualTo("completed");

        Thread.sleep(1500);
        long writesBefore = writes();
        assertThat(api.post("/api/tasks/" + id + "/reopen", "").status()).isEqualTo(200);
        await().atMost(QUICK).until(() -> "Not Started".equals(salesforceTask(sfId).get("Status").asText()));
        Thread.sleep(2000);
        assertThat(writes() - writesBefore).as("the reopen, and nothing sent back after its notification").isEqualTo(1);
        assertThat(task(id).get("status").asText()).isEqualTo("open");

        String created = createInSalesforce(rep, "Description", "new through the topic");
        long imported = productTaskOf(created);
        assertThat(task(imported).get("details").asText()).isEqualTo("new through the topic");

        deleteInSalesforce(sfId);
        await().atMost(QUICK).until(() -> api.get("/api/tasks/" + id).status() == 404);
    }
}
