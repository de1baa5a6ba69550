package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unmodified camel-salesforce 4.17 streaming consumer against the emulator's Streaming API:
 * it logs in at the test token endpoint, then handshakes, subscribes and long-polls over HTTP.
 */
class CamelSalesforceStreamingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private StreamingServerFixture fixture;
    private CamelContext camel;
    private final List<Exchange> received = Collections.synchronizedList(new ArrayList<>());
    private int taskNumber;

    @BeforeEach
    void startServer() throws Exception {
        forgetCamelReplayIds();
        fixture = new StreamingServerFixture();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        fixture.close();
    }

    @Test
    void receivesChangeEventsForCreateUpdateAndDeleteWithTheirHeaders() throws Exception {
        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2");
        Map<String, Object> task = task("Call Ada back");
        RecordChange created = RecordChanges.created("Task", (String) task.get("Id"), fields(task), fixture.clock.instant());

        fixture.commit(created);
        fixture.commit(RecordChanges.updated("Task", created.recordAfter(), Map.of("Status", "Completed"), fixture.clock.instant()));
        fixture.commit(RecordChanges.deleted("Task", created.recordAfter(), fixture.clock.instant()));

        await().atMost(PATIENCE).until(() -> received.size() >= 3);
        List<Exchange> events = byReplayId();
        assertThat(events).extracting(e -> e.getMessage().getHeader("CamelSalesforceChangeType"))
                .containsExactly("CREATE", "UPDATE", "DELETE");
        assertThat(events).extracting(e -> e.getMessage().getHeader("CamelSalesforceReplayId")).containsExactly(1L, 2L, 3L);
        Exchange create = events.get(0);
        assertThat(create.getMessage().getHeaders())
                .containsEntry("CamelSalesforceEntityName", "Task")
                .containsEntry("CamelSalesforceChangeOrigin", RecordChanges.ORIGIN)
                .containsEntry("CamelSalesforceCommitUser", RecordChanges.USER_ID)
                .containsEntry("CamelSalesforceTransactionKey", created.context().transactionKey())
                .containsEntry("CamelSalesforceRecordIds", List.of(created.recordId()))
                .containsEntry("CamelSalesforceChangeEventSchema", ChangeEventFormatter.schemaId("Task"));
        assertThat(create.getMessage().getBody(Map.class))
                .containsEntry("Subject", "Call Ada back")
                .containsEntry("ActivityDate", "2025-01-20")
                .doesNotContainKey("ChangeEventHeader");
        assertThat(events.get(1).getMessage().getBody(Map.class)).containsOnlyKeys("Status", "LastModifiedDate");
        assertThat(events.get(2).getMessage().getBody(Map.class)).isEmpty();
    }

    @Test
    void resumesFromItsLastReplayIdWhenTheServerForgetsItsClientsOrRestarts() throws Exception {
        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2");
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() == 1);

        fixture.streaming.dropAllClients();
        commitNewTask();
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() >= 3);

        fixture.streaming.restart();
        assertThat(fixture.streaming.connectedClients()).isZero();
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() >= 4 && fixture.streaming.connectedClients() == 1);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() >= 5);

        assertThat(replayIds()).as("nothing lost, nothing twice").containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void logsInAgainAndResubscribesWhenItsTokenExpires() throws Exception {
        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2");
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() == 1);
        int loginsBefore = fixture.tokens.issuedCount();

        fixture.tokens.expireAll();
        commitNewTask();
        await().atMost(PATIENCE).until(() -> fixture.tokens.issuedCount() > loginsBefore
                && fixture.streaming.connectedClients() == 1 && received.size() >= 2);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() >= 3);

        assertThat(replayIds()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void fallsBackToItsFallbackReplayIdWhenItsReplayIdIsPastTheRetention() throws Exception {
        commitNewTask();
        commitNewTask();
        fixture.clock.advance(Duration.ofHours(73));
        commitNewTask();

        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=1&fallBackReplayId=-2");
        await().atMost(PATIENCE).until(() -> received.size() >= 1);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> received.size() >= 2);

        assertThat(replayIds()).as("events 1 and 2 expired").containsExactly(3L, 4L);
    }

    @Test
    void receivesPushTopicNotificationsForCreatedAndUpdatedTasks() throws Exception {
        fixture.createPushTopic(InMemoryPushTopics.topic("TaskTopic",
                "SELECT Id, Subject, Status FROM Task WHERE Priority = 'High'", "Referenced"));
        start("salesforce:subscribe:TaskTopic?rawPayload=false&replayId=-2");

        Map<String, Object> urgent = task("Send the contract");
        urgent.put("Priority", "High");
        RecordChange created = RecordChanges.created("Task", (String) urgent.get("Id"), fields(urgent), fixture.clock.instant());
        fixture.commit(created);
        commitNewTask();
        fixture.commit(RecordChanges.updated("Task", created.recordAfter(), Map.of("Status", "Completed"), fixture.clock.instant()));

        await().atMost(PATIENCE).until(() -> received.size() >= 2);
        List<Exchange> events = byReplayId();
        assertThat(events).extracting(e -> e.getMessage().getHeader("CamelSalesforceEventType"))
                .containsExactly("created", "updated");
        assertThat(events.get(0).getMessage().getHeaders())
                .containsEntry("CamelSalesforceTopicName", "TaskTopic")
                .containsKey("CamelSalesforceCreatedDate");
        assertThat(events.get(1).getMessage().getBody(Map.class))
                .containsEntry("Id", created.recordId())
                .containsEntry("Subject", "Send the contract")
                .containsEntry("Status", "Completed");
    }

    private void start(String uri) throws Exception {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(fixture.baseUrl());
        salesforce.setClientId("sandbox-client");
        salesforce.setClientSecret("sandbox-secret");
        salesforce.setUserName("integration@sandbox.example");
        salesforce.setPassword("sandbox");
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", salesforce);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("stream").process(received::add);
            }
        });
        camel.start();
    }

    private void commitNewTask() {
        Map<String, Object> task = task("Task " + (++taskNumber));
        fixture.commit(RecordChanges.created("Task", (String) task.get("Id"), fields(task), fixture.clock.instant()));
    }

    private Map<String, Object> task(String subject) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Id", String.format("00T5g%010dAAA", ++taskNumber));
        task.put("Subject", subject);
        task.put("Status", "Not Started");
        task.put("Priority", "Normal");
        task.put("ActivityDate", LocalDate.of(2025, 1, 20));
        return task;
    }

    private static Map<String, Object> fields(Map<String, Object> task) {
        Map<String, Object> fields = new LinkedHashMap<>(task);
        fields.remove("Id");
        return fields;
    }

    private List<Exchange> byReplayId() {
        synchronized (received) {
            return received.stream()
                    .sorted((a, b) -> Long.compare(replayId(a), replayId(b)))
                    .toList();
        }
    }

    private List<Long> replayIds() {
        return byReplayId().stream().map(CamelSalesforceStreamingTest::replayId).toList();
    }

    private static long replayId(Exchange exchange) {
        return exchange.getMessage().getHeader("CamelSalesforceReplayId", Long.class);
    }

    /**
     * camel-salesforce keeps the last replay id of each channel in a static map shared by the
     * whole JVM (SubscriptionHelper.REPLAY_EXTENSION); each test starts a new server, so it must
     * start without ids left by the previous one.
     */
    private static void forgetCamelReplayIds() throws ReflectiveOperationException {
        Class<?> helper = Class.forName("org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper");
        Field extensionField = helper.getDeclaredField("REPLAY_EXTENSION");
        extensionField.setAccessible(true);
        Object extension = extensionField.get(null);
        Field dataMap = extension.getClass().getDeclaredField("dataMap");
        dataMap.setAccessible(true);
        ((Map<?, ?>) dataMap.get(extension)).clear();
    }
}
