package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cometd.server.ServerSessionImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replay from the event logs, delivery order, and the drills that make clients start over: the
 * emulator's Streaming API over raw Bayeux, the org changed through its REST API.
 */
class StreamingReplayAndDrillsTest {

    private static final String TASKS = "/data/TaskChangeEvent";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private SalesforceEmulator emulator;
    private StreamingWireTap wire;
    private TestHttp rest;
    private final AtomicInteger records = new AtomicInteger();

    /** Long polls of one second and clients forgotten after five, so that tests see reconnects quickly. */
    private static EmulatorSettings.Builder quickPolls() {
        return EmulatorSettings.builder().longPollTimeout(Duration.ofSeconds(1)).clientTimeout(Duration.ofSeconds(5));
    }

    @BeforeEach
    void startEmulator() {
        start(quickPolls().build());
    }

    private void start(EmulatorSettings settings) {
        if (emulator != null) {
            emulator.close();
        }
        emulator = SalesforceEmulator.builder(settings).streaming(deps -> wire = StreamingWireTap.of(deps)).build().start();
        rest = login();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void deliversEventsInCommitOrderWithOneReplayIdPerChangeOnEveryChangeEventChannel() {
        BayeuxTestClient tasks = subscribed(TASKS, -1);
        BayeuxTestClient everything = subscribed(ChannelDirectory.ALL_CHANGE_EVENTS, -1);

        // One transaction: a Task, a Lead, another Task.
        assertThat(rest.api("POST", "composite/sobjects", "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"First\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Lovelace\",\"Company\":\"Analytical\"},"
                + "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Second\"}]}").status()).isEqualTo(200);

        assertThat(collect(tasks, 2)).extracting(StreamingReplayAndDrillsTest::replayId).containsExactly(1L, 3L);
        List<Map<String, Object>> all = collect(everything, 3);
        assertThat(all).extracting(StreamingReplayAndDrillsTest::replayId).containsExactly(1L, 2L, 3L);
        assertThat(all).extracting(event -> event.get("channel")).containsOnly(ChannelDirectory.ALL_CHANGE_EVENTS);
        assertThat(all).extracting(event -> header(event).get("entityName")).containsExactly("Task", "Lead", "Task");
    }

    @Test
    void replaysAllRetainedEventsOrThoseAfterAnIdOrOnlyNewOnes() {
        commitTasks(3);

        assertThat(replayIds(collect(subscribed(TASKS, -2), 3))).containsExactly(1L, 2L, 3L);
        BayeuxTestClient fromTwo = subscribed(TASKS, 2);
        BayeuxTestClient newOnly = subscribed(TASKS, -1);
        commitTasks(1);

        assertThat(replayIds(collect(fromTwo, 2))).containsExactly(3L, 4L);
        assertThat(replayIds(collect(newOnly, 1))).containsExactly(4L);
    }

    @Test
    void keepsChangeEventsSeventyTwoHoursAndPushTopicEventsTwentyFour() {
        createPushTopic("AllTasks", "SELECT Id, Subject FROM Task", true);
        commitTasks(1);
        advanceClock(Duration.ofHours(25));
        BayeuxTestClient client = connected();

        assertThat(client.subscribe("/topic/AllTasks", Map.of("/topic/AllTasks", 1)))
                .containsEntry("error", StreamingErrors.invalidReplayId(1));
        assertThat(client.subscribe(TASKS, Map.of(TASKS, 1))).containsEntry("successful", true);
        assertThat(client.subscribe("/topic/AllTasks", Map.of("/topic/AllTasks", -2))).containsEntry("successful", true);
        commitTasks(1);
        assertThat(collect(client, 2)).extracting(event -> event.get("channel"), StreamingReplayAndDrillsTest::replayId)
                .containsExactly(tuple(TASKS, 2L),
                        tuple("/topic/AllTasks", 2L));

        advanceClock(Duration.ofHours(48));
        BayeuxTestClient late = connected();
        assertThat(late.subscribe(TASKS, Map.of(TASKS, 1))).containsEntry("error", StreamingErrors.invalidReplayId(1));
        assertThat(late.subscribe(TASKS, Map.of(TASKS, 2))).as("event 2 is 48 hours old").containsEntry("successful", true);
    }

    @Test
    void neitherLosesNorRepeatsEventsCommittedWhileAClientSubscribes() throws Exception {
        AtomicBoolean committing = new AtomicBoolean(true);
        CompletableFuture<Void> committer = CompletableFuture.runAsync(() -> {
            while (committing.get()) {
                commitTasks(1);
            }
        });
        await().atMost(PATIENCE).until(() -> records.get() >= 50);
        BayeuxTestClient client = connected();
        assertThat(client.subscribe(TASKS, Map.of(TASKS, 25))).containsEntry("successful", true);
        int atSubscription = records.get();
        await().atMost(PATIENCE).until(() -> records.get() >= atSubscription + 50);
        committing.set(false);
        committer.get();
        int committed = records.get();

        List<Long> ids = replayIds(collect(client, committed - 25));

        assertThat(ids).hasSize(committed - 25);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(26L + i);
        }
    }

    @Test
    void aPushTopicCreatedLaterCanBeSubscribedAndADeactivatedOneFallsSilent() {
        BayeuxTestClient client = connected();
        assertThat(client.subscribe("/topic/LateTopic", null)).containsEntry("successful", false);

        String topic = createPushTopic("LateTopic", "SELECT Id, Subject FROM Task", true);
        assertThat(client.subscribe("/topic/LateTopic", null)).containsEntry("successful", true);
        commitTasks(1);
        assertThat(collect(client, 1)).singleElement().satisfies(event -> {
            assertThat(event.get("channel")).isEqualTo("/topic/LateTopic");
            assertThat(data(event).get("event")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("type", "created").containsEntry("replayId", 1);
        });

        assertThat(rest.api("PATCH", "sobjects/PushTopic/" + topic, "{\"IsActive\":false}").status()).isEqualTo(204);
        commitTasks(1);
        assertThat(BayeuxTestClient.events(client.connect())).isEmpty();
        assertThat(connected().subscribe("/topic/LateTopic", null)).containsEntry("successful", false);
    }

    @Test
    void droppedClientsAreToldUnknownAndResumeFromTheirLastReplayId() {
        BayeuxTestClient client = subscribed(TASKS, -1);
        commitTasks(1);
        assertThat(replayIds(collect(client, 1))).containsExactly(1L);

        emulator.admin().dropStreamingClients();
        commitTasks(2);

        assertThat(connectedClients()).isZero();
        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply)
                .containsEntry("error", "403::Unknown client")
                .containsEntry("advice", Map.of("reconnect", "handshake", "interval", 0)));
        resubscribe(client, 1);
        assertThat(replayIds(collect(client, 2))).containsExactly(2L, 3L);
    }

    @Test
    void aHeldLongPollEndsWhenItsClientIsDropped() throws Exception {
        start(EmulatorSettings.builder().build());
        BayeuxTestClient client = subscribed(TASKS, -1);
        ServerSessionImpl session = (ServerSessionImpl) wire.bayeuxServer().getSession(client.clientId());
        CompletableFuture<List<Map<String, Object>>> held = CompletableFuture.supplyAsync(client::connect);
        // The poll is held once CometD has given the session its scheduler, which starts a new cycle.
        await().atMost(PATIENCE).until(() -> session.getMetaConnectCycle() > 0);

        emulator.admin().dropStreamingClients();

        assertThat(held.get()).last().satisfies(reply -> assertThat(reply).containsEntry("successful", true));
        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply).containsEntry("error", "403::Unknown client"));
    }

    @Test
    void aRestartForgetsEveryClientButKeepsTheEvents() {
        BayeuxTestClient client = subscribed(TASKS, -1);
        commitTasks(2);
        assertThat(replayIds(collect(client, 2))).containsExactly(1L, 2L);

        emulator.admin().restartStreaming();
        commitTasks(1);

        assertThat(connectedClients()).isZero();
        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply).containsEntry("error", "403::Unknown client"));
        assertThat(replayIds(collect(subscribed(TASKS, -2), 3))).containsExactly(1L, 2L, 3L);
        resubscribe(client, 2);
        assertThat(replayIds(collect(client, 1))).containsExactly(3L);
    }

    @Test
    void aClientThatStopsPollingIsForgottenAfterTheClientTimeout() {
        start(quickPolls().clientTimeout(Duration.ofMillis(500)).build());
        BayeuxTestClient client = subscribed(TASKS, -1);
        assertThat(connectedClients()).isEqualTo(1);

        await().atMost(PATIENCE).until(() -> connectedClients() == 0);

        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply).containsEntry("error", "403::Unknown client"));
    }

    @Test
    void aClientWhoseTokenExpiredIsRefusedAndForgotten() {
        BayeuxTestClient client = subscribed(TASKS, -1);

        emulator.admin().expireAllSessions();

        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply)
                .containsEntry("error", "401::Authentication invalid")
                .containsEntry("advice", Map.of("reconnect", "none", "interval", 0))
                .containsEntry("clientId", client.clientId()));
        assertThat(connectedClients()).isZero();
        client.useAccessToken(TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example"));
        assertThat(client.handshake()).containsEntry("successful", true);
    }

    private void resubscribe(BayeuxTestClient client, long lastReplayId) {
        assertThat(client.handshake()).containsEntry("successful", true);
        assertThat(client.firstConnect()).containsEntry("successful", true);
        assertThat(client.subscribe(TASKS, Map.of(TASKS, lastReplayId))).containsEntry("successful", true);
    }

    private BayeuxTestClient connected() {
        BayeuxTestClient client = new BayeuxTestClient(emulator.baseUrl() + "/cometd/56.0",
                TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example"));
        assertThat(client.handshake()).containsEntry("successful", true);
        assertThat(client.firstConnect()).containsEntry("successful", true);
        return client;
    }

    private BayeuxTestClient subscribed(String channel, long replayFrom) {
        BayeuxTestClient client = connected();
        assertThat(client.subscribe(channel, Map.of(channel, replayFrom))).containsEntry("successful", true);
        return client;
    }

    /** Long-polls until this many events came, failing on any unsuccessful reply. */
    private static List<Map<String, Object>> collect(BayeuxTestClient client, int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            List<Map<String, Object>> messages = client.connect();
            assertThat(messages.get(messages.size() - 1)).containsEntry("successful", true);
            events.addAll(BayeuxTestClient.events(messages));
            return events.size() >= count;
        });
        return events;
    }

    /** Creates Tasks through the REST API, one transaction each. */
    private void commitTasks(int count) {
        for (int i = 0; i < count; i++) {
            int number = records.get() + 1;
            assertThat(rest.api("POST", "sobjects/Task", "{\"Subject\":\"Task " + number + "\"}").status())
                    .isEqualTo(201);
            records.incrementAndGet();
        }
    }

    /** Creates a PushTopic through the REST API and gives its id. */
    private String createPushTopic(String name, String query, boolean active) {
        TestHttp.Response created = rest.api("POST", "sobjects/PushTopic", "{\"Name\":\"" + name + "\",\"Query\":\""
                + query + "\",\"ApiVersion\":56.0,\"NotifyForFields\":\"All\",\"IsActive\":" + active + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** Moves the org's clock; the REST session, idle past its timeout now, is opened again. */
    private void advanceClock(Duration duration) {
        emulator.admin().advanceClock(duration);
        rest = login();
    }

    private TestHttp login() {
        return TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
    }

    private int connectedClients() {
        return emulator.admin().streaming().orElseThrow().connectedClients();
    }

    private static List<Long> replayIds(List<Map<String, Object>> events) {
        return events.stream().map(StreamingReplayAndDrillsTest::replayId).toList();
    }

    private static long replayId(Map<String, Object> event) {
        return ((Number) ((Map<?, ?>) data(event).get("event")).get("replayId")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) data(event).get("payload")).get("ChangeEventHeader");
    }
}
