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
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.StreamingApiConsumer;
import org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unmodified camel-salesforce 4.17 streaming consumer against the emulator's Streaming API:
 * it logs in at the test token endpoint, then handshakes, subscribes and long-polls over HTTP.
 *
 * <p>camel-salesforce 4.17 can register its channel listener twice when a successful
 * {@code /meta/connect} reply is handled while one of its subscriptions is still in flight (its
 * connect listener re-subscribes every channel it has not yet seen confirmed; CometD's client then
 * adds the same listener again without asking the server). Every event then reaches the route
 * twice, and a replay-id fallback is never sent. It happens against Salesforce as well, most often
 * at start-up, when the consumer subscribes while the first connect reply is being handled, and
 * after a replay-id fallback. These tests start the route again when it leaves the route without a
 * subscription on the server, judge each event by its replay id on the route (repeats only while
 * the listener is registered twice), and "nothing repeated" on the wire, where the emulator
 * answers for it.
 */
class CamelSalesforceStreamingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TASKS = "/data/TaskChangeEvent";

    private StreamingServerFixture fixture;
    private CamelContext camel;
    private final List<Exchange> received = Collections.synchronizedList(new ArrayList<>());
    private final WireDeliveries wire = new WireDeliveries();
    private int taskNumber;
    private String channel;

    @BeforeEach
    void startServer() throws Exception {
        forgetCamelReplayIds();
        fixture = new StreamingServerFixture();
        fixture.watchEachServer(wire::watch);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (camel != null) {
            if (received.size() > byReplayId().size()) {
                assertThat(listeners(channel).getSubscribers()).as("events repeated, camel's listener registered once")
                        .hasSizeGreaterThan(1);
            }
            camel.stop();
        }
        fixture.close();
    }

    @Test
    void receivesChangeEventsForCreateUpdateAndDeleteWithTheirHeaders() throws Exception {
        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2", TASKS);
        Map<String, Object> task = task("Call Ada back");
        RecordChange created = RecordChanges.created("Task", (String) task.get("Id"), fields(task), fixture.clock.instant());

        fixture.commit(created);
        fixture.commit(RecordChanges.updated("Task", created.recordAfter(), Map.of("Status", "Completed"), fixture.clock.instant()));
        fixture.commit(RecordChanges.deleted("Task", created.recordAfter(), fixture.clock.instant()));

        await().atMost(PATIENCE).until(() -> byReplayId().size() >= 3);
        List<Exchange> events = byReplayId();
        assertThat(wire.replayIds(TASKS)).containsExactly(1L, 2L, 3L);
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
        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2", TASKS);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(1L));

        fixture.streaming.dropAllClients();
        commitNewTask();
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(3L));

        BayeuxServer beforeRestart = fixture.bayeuxServer();
        fixture.streaming.restart();
        // camel may already be back on the new server: judge the old one.
        assertThat(beforeRestart.getSessions()).allMatch(ServerSession::isLocalSession);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(4L) && fixture.streaming.connectedClients() == 1);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(5L));

        assertThat(receivedReplayIds()).as("nothing lost").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(wire.replayIds(TASKS)).as("nothing sent twice").containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void logsInAgainAndResubscribesWhenItsTokenExpires() throws Exception {
        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2", TASKS);
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(1L));
        int loginsBefore = fixture.tokens.issuedCount();

        fixture.tokens.expireAll();
        commitNewTask();
        await().atMost(PATIENCE).until(() -> fixture.tokens.issuedCount() > loginsBefore
                && fixture.streaming.connectedClients() == 1 && receivedReplayIds().contains(2L));
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(3L));

        assertThat(receivedReplayIds()).containsExactly(1L, 2L, 3L);
        assertThat(wire.replayIds(TASKS)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void fallsBackToItsFallbackReplayIdWhenItsReplayIdIsPastTheRetention() throws Exception {
        commitNewTask();
        commitNewTask();
        fixture.clock.advance(Duration.ofHours(73));
        commitNewTask();

        start("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=1&fallBackReplayId=-2", TASKS);
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(3L));
        commitNewTask();
        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(4L));

        assertThat(receivedReplayIds()).as("events 1 and 2 expired").containsExactly(3L, 4L);
        assertThat(wire.replayIds(TASKS)).containsExactly(3L, 4L);
    }

    @Test
    void receivesPushTopicNotificationsForCreatedAndUpdatedTasks() throws Exception {
        fixture.createPushTopic(InMemoryPushTopics.topic("TaskTopic",
                "SELECT Id, Subject, Status FROM Task WHERE Priority = 'High'", "Referenced"));
        start("salesforce:subscribe:TaskTopic?rawPayload=false&replayId=-2", "/topic/TaskTopic");

        Map<String, Object> urgent = task("Send the contract");
        urgent.put("Priority", "High");
        RecordChange created = RecordChanges.created("Task", (String) urgent.get("Id"), fields(urgent), fixture.clock.instant());
        fixture.commit(created);
        commitNewTask();
        fixture.commit(RecordChanges.updated("Task", created.recordAfter(), Map.of("Status", "Completed"), fixture.clock.instant()));

        await().atMost(PATIENCE).until(() -> receivedReplayIds().contains(2L));
        List<Exchange> events = byReplayId();
        assertThat(wire.replayIds("/topic/TaskTopic")).containsExactly(1L, 2L);
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

    /**
     * Starts the route, again if camel-salesforce registered its listener twice before the server
     * confirmed a subscription (see the class comment): its next subscribe of the channel, a
     * replay-id fallback for one, would then never leave CometD's client.
     */
    private void start(String uri, String channel) throws Exception {
        this.channel = channel;
        for (int attempt = 1; attempt <= 5; attempt++) {
            startCamel(uri);
            if (subscribedOnce(channel) || serverHasSubscriber(channel)) {
                return;
            }
            camel.stop();
            received.clear();
            wire.forget();
            forgetCamelReplayIds();
        }
        throw new AssertionError("camel-salesforce subscribed its listener twice, unconfirmed, five times in a row");
    }

    /**
     * Waits until the consumer's subscription is confirmed (camel drops the channel from its
     * pending set) or its listener got registered twice, and says which.
     */
    private boolean subscribedOnce(String channel) throws ReflectiveOperationException {
        ClientSessionChannel listeners = listeners(channel);
        Set<?> pending = (Set<?>) field(SubscriptionHelper.class, "channelsToSubscribe").get(helper());
        await().atMost(PATIENCE).until(() -> pending.isEmpty() || listeners.getSubscribers().size() > 1);
        return listeners.getSubscribers().size() == 1;
    }

    private boolean serverHasSubscriber(String channel) {
        ServerChannel subscribed = fixture.bayeuxServer().getChannel(channel);
        return subscribed != null && subscribed.getSubscribers().stream().anyMatch(session -> !session.isLocalSession());
    }

    private ClientSessionChannel listeners(String channel) throws ReflectiveOperationException {
        return ((BayeuxClient) field(SubscriptionHelper.class, "client").get(helper())).getChannel(channel);
    }

    private SubscriptionHelper helper() {
        return ((StreamingApiConsumer) camel.getRoute("stream").getConsumer()).getSubscriptionHelper();
    }

    private void startCamel(String uri) throws Exception {
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

    /** The route's events by replay id, each once. */
    private List<Exchange> byReplayId() {
        Map<Long, Exchange> events = new java.util.TreeMap<>();
        synchronized (received) {
            received.forEach(event -> events.putIfAbsent(replayId(event), event));
        }
        return List.copyOf(events.values());
    }

    /** The replay ids the route received, each once, in order. */
    private List<Long> receivedReplayIds() {
        return byReplayId().stream().map(CamelSalesforceStreamingTest::replayId).distinct().toList();
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
        Object extension = field(SubscriptionHelper.class, "REPLAY_EXTENSION").get(null);
        ((Map<?, ?>) field(extension.getClass(), "dataMap").get(extension)).clear();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
