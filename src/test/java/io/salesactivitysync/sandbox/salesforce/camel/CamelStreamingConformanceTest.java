package io.salesactivitysync.sandbox.salesforce.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingWireTap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.StreamingApiConsumer;
import org.apache.camel.component.salesforce.api.dto.CreateSObjectResult;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectBatch;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectBatchResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole emulator (REST, OAuth, admin knobs and the Bayeux Streaming API) through the
 * unmodified camel-salesforce 4.17 component: a subscriber context logged in with the password
 * grant consumes {@code salesforce:subscribe:...} routes, while a writer context logged in with
 * the client-credentials grant changes records through camel's REST operations, sending
 * {@code Sforce-Call-Options: client=sales-activity-sync} as the product does.
 *
 * <p>"Nothing lost, nothing repeated" is judged twice: on the route (by record id, change type and
 * replay id) and on the wire (a tap on the emulator's CometD server records every event it
 * writes to a client and every subscription it answers). The two can differ because of a
 * camel-salesforce 4.17 bug the product faces as well (docs/upstream/camel-salesforce-double-subscribe.md,
 * reproduced by {@link CamelDoubleSubscribeTest}): when a {@code /meta/connect} reply is handled
 * while a subscription is still pending, camel subscribes its channel listener again and CometD's
 * client adds the same listener a second time without asking the server, so each later event
 * reaches the route twice; and when the pending subscription is then refused (an invalid replay
 * id), camel's fallback subscribe never leaves CometD's client, and the route stays without a
 * subscription. A test therefore accepts repeats on the route only where the wire shows each event
 * written once, and starts the route again when the wire shows its subscription refused and never
 * asked again. The product drops repeated replay ids itself.
 *
 * <p>camel-salesforce also keeps the last replay id of each channel in one map for the whole JVM,
 * and an endpoint's {@code replayId} only fills a missing entry: a new consumer resumes after the
 * last event any earlier consumer of the channel received, whatever its endpoint says. Each test
 * starts a new emulator with no event yet, so an id left by an earlier test is refused there as
 * invalid and camel falls back to {@code fallBackReplayId} ({@code -1} by default); within a test,
 * a later consumer resumes where the earlier one stopped, which the tests assert on the wire. A test
 * that must start from {@code -2} uses a PushTopic channel no consumer has used before.
 */
class CamelStreamingConformanceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CLIENT_ID = "sales-activity-sync";
    private static final String OUR_ORIGIN = "com/salesforce/api/rest/56.0;client=" + CLIENT_ID;
    private static final String TASKS = "/data/TaskChangeEvent";
    private static final String ALL_CHANGES = "/data/ChangeEvents";
    private static final String TOPIC = "SasTaskTopic";
    private static final String REP = "rep@sandbox.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SalesforceEmulator emulator;
    private StreamingWireTap wire;
    private CamelSalesforceClient writer;
    private CamelContext subscriber;
    private String channel;
    private final List<Exchange> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = tappedEmulator(quickPolls().build());
        writer = new CamelSalesforceClient(emulator.baseUrl(), clientCredentials());
    }

    /** Long polls of one second, so that a consumer notices an expired token within a second. */
    private static EmulatorSettings.Builder quickPolls() {
        return EmulatorSettings.builder().longPollTimeout(Duration.ofSeconds(1)).clientTimeout(Duration.ofSeconds(5));
    }

    private SalesforceEmulator tappedEmulator(EmulatorSettings settings) {
        return SalesforceEmulator.builder(settings)
                .streaming(deps -> wire = StreamingWireTap.of(deps))
                .build().start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (subscriber != null) {
            finishSubscriber();
        }
        writer.close();
        emulator.close();
    }

    @Test
    void createUpdateAndDeleteThroughCamelRestArriveAsChangeEventsWithCamelsHeaders() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");

        Task call = task("Call Ada back", "Normal");
        call.setActivityDate(java.time.LocalDate.of(2025, 1, 20));
        String id = writer.call("create", call, withOurClientId(Map.of()), CreateSObjectResult.class).getId();
        updateTask(id, "Call Ada back about the renewal", "She asked for the new price list");
        deleteTask(id);

        List<Exchange> events = awaitEvents(3);
        assertThat(events).extracting(CamelStreamingConformanceTest::changeType).containsExactly("CREATE", "UPDATE", "DELETE");
        assertThat(events).extracting(CamelStreamingConformanceTest::replayId).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(e -> header(e, "CamelSalesforceCommitNumber", Long.class)).isSorted()
                .doesNotHaveDuplicates();
        assertThat(events).extracting(e -> header(e, "CamelSalesforceTransactionKey")).doesNotHaveDuplicates();
        assertThat(events).extracting(e -> header(e, "CamelSalesforceSequenceNumber", Integer.class)).containsOnly(1);
        for (Exchange event : events) {
            assertThat(event.getMessage().getHeaders())
                    .containsEntry("CamelSalesforceEntityName", "Task")
                    .containsEntry("CamelSalesforceRecordIds", List.of(id))
                    .containsEntry("CamelSalesforceChangeOrigin", OUR_ORIGIN)
                    .containsEntry("CamelSalesforceCommitUser", EmulatorSettings.INTEGRATION_USER_ID)
                    .containsEntry("CamelSalesforceChannel", TASKS)
                    .containsKeys("CamelSalesforceCommitTimestamp", "CamelSalesforceChangeEventSchema");
        }

        Map<String, Object> created = body(events.get(0));
        assertThat(created)
                .containsEntry("Subject", "Call Ada back")
                .containsEntry("Status", "Not Started")
                .containsEntry("Priority", "Normal")
                .containsEntry("ActivityDate", "2025-01-20")
                .containsEntry("OwnerId", EmulatorSettings.INTEGRATION_USER_ID)
                .containsEntry("CreatedById", EmulatorSettings.INTEGRATION_USER_ID)
                .containsKeys("CreatedDate", "LastModifiedDate")
                .doesNotContainKeys("Id", "IsDeleted", "SystemModstamp", "ChangeEventHeader");
        assertThat((String) created.get("CreatedDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body(events.get(1))).containsOnlyKeys("Subject", "Description", "LastModifiedDate")
                .containsEntry("Subject", "Call Ada back about the renewal");
        assertThat(body(events.get(2))).isEmpty();
        assertThat(wire.deliveredReplayIds(TASKS)).containsExactlyElementsOf(replayIds(events));
    }

    @Test
    void oneCompositeOrCollectionsCallIsOneTransactionOfNumberedChanges() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");

        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> created = writer.call("collectionsCreate",
                List.of(task("Collection one", "Low"), task("Collection two", "Normal"), task("Collection three", "High")),
                withOurClientId(Map.of("allOrNone", true)), List.class);
        SObjectComposite composite = new SObjectComposite("56.0", true);
        composite.addCreate(task("Composite one", "Normal"), "First");
        composite.addCreate(task("Composite two", "Normal"), "Second");
        Task completeFirst = new Task();
        completeFirst.setStatus("Completed");
        composite.addUpdate("Task", "@{First.id}", completeFirst, "CompleteFirst");
        SObjectCompositeResponse response = writer.call("composite", composite, withOurClientId(Map.of()),
                SObjectCompositeResponse.class);
        assertThat(response.getCompositeResponse()).extracting(r -> r.getHttpStatusCode()).containsExactly(201, 201, 204);

        List<Exchange> events = awaitEvents(6);
        List<Exchange> collections = events.subList(0, 3);
        assertThat(collections).extracting(CamelStreamingConformanceTest::recordIds)
                .containsExactlyElementsOf(created.stream().map(r -> List.of(r.getId())).toList());
        assertThat(collections).extracting(e -> header(e, "CamelSalesforceSequenceNumber", Integer.class)).containsExactly(1, 2, 3);
        assertOneTransaction(collections);
        assertThat(collections).extracting(e -> body(e).get("Subject"))
                .containsExactly("Collection one", "Collection two", "Collection three");

        List<Exchange> compositeEvents = events.subList(3, 6);
        assertThat(compositeEvents).extracting(CamelStreamingConformanceTest::changeType)
                .containsExactly("CREATE", "CREATE", "UPDATE");
        assertThat(compositeEvents).extracting(e -> header(e, "CamelSalesforceSequenceNumber", Integer.class)).containsExactly(1, 2, 3);
        assertOneTransaction(compositeEvents);
        assertThat(recordIds(compositeEvents.get(2))).isEqualTo(recordIds(compositeEvents.get(0)));
        assertThat(header(compositeEvents.get(0), "CamelSalesforceTransactionKey"))
                .isNotEqualTo(header(collections.get(0), "CamelSalesforceTransactionKey"));
        assertThat(events).allSatisfy(e -> assertThat(header(e, "CamelSalesforceChangeOrigin")).isEqualTo(OUR_ORIGIN));
    }

    @Test
    void eachSubrequestOfACompositeBatchIsATransactionOfItsOwn() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        SObjectBatch batch = new SObjectBatch("56.0");
        batch.addCreate(task("Batch one", "Normal"));
        batch.addCreate(task("Batch refused", "Urgent"));
        batch.addCreate(task("Batch two", "Normal"));
        SObjectBatchResponse response = writer.call("compositeBatch", batch, withOurClientId(Map.of()),
                SObjectBatchResponse.class);
        assertThat(response.getResults()).extracting(r -> r.getStatusCode()).containsExactly(201, 400, 201);

        List<Exchange> events = awaitEvents(2);
        assertThat(events).extracting(e -> body(e).get("Subject")).containsExactly("Batch one", "Batch two");
        assertThat(events).extracting(e -> header(e, "CamelSalesforceSequenceNumber", Integer.class)).containsExactly(1, 1);
        assertThat(events).extracting(e -> header(e, "CamelSalesforceTransactionKey")).doesNotHaveDuplicates();
        assertThat(events).extracting(e -> header(e, "CamelSalesforceCommitNumber", Long.class)).isSorted()
                .doesNotHaveDuplicates();
        assertThat(events).allSatisfy(e -> assertThat(header(e, "CamelSalesforceChangeOrigin")).isEqualTo(OUR_ORIGIN));
    }

    @Test
    void theSameChangeToSeveralRecordsInOneCallIsOneEventListingThemAll() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> created = writer.call("collectionsCreate",
                List.of(task("Merge one", "Normal"), task("Merge two", "Normal"), task("Merge three", "Normal")),
                withOurClientId(Map.of()), List.class);
        List<String> ids = created.stream().map(SaveSObjectResult::getId).toList();

        List<Task> priorities = new ArrayList<>();
        for (String priority : List.of("High", "High", "Low")) {
            Task change = new Task();
            change.setId(ids.get(priorities.size()));
            change.setPriority(priority);
            priorities.add(change);
        }
        writer.call("collectionsUpdate", priorities, withOurClientId(Map.of()), List.class);
        writer.call("collectionsDelete", null, withOurClientId(Map.of("sObjectIds", ids.subList(0, 2))), List.class);

        List<Exchange> events = awaitEvents(6);
        assertThat(events).extracting(CamelStreamingConformanceTest::describe).containsExactly(
                ids.get(0) + " CREATE", ids.get(1) + " CREATE", ids.get(2) + " CREATE",
                ids.get(0) + "," + ids.get(1) + " UPDATE", ids.get(2) + " UPDATE",
                ids.get(0) + "," + ids.get(1) + " DELETE");
        assertThat(events).extracting(e -> header(e, "CamelSalesforceSequenceNumber", Integer.class))
                .containsExactly(1, 2, 3, 1, 2, 1);
        assertOneTransaction(events.subList(3, 5));
        assertThat(body(events.get(3))).containsEntry("Priority", "High").containsEntry("IsHighPriority", true);
        assertThat(body(events.get(4))).containsOnlyKeys("Priority", "LastModifiedDate").containsEntry("Priority", "Low");
        assertThat(body(events.get(5))).isEmpty();
        assertEachDeliveredOnce(TASKS);
    }

    @Test
    void changesMadeAsASalesRepCarryTheRepAsCommitUserAndNotOurClientId() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String id = createTask("Prepare the demo", "Normal");

        // In Lightning Experience...
        var ui = emulator.admin().writeAs(REP, "PATCH", "sobjects/Task/" + id,
                JSON.valueToTree(Map.of("Status", "In Progress")));
        assertThat(ui.status()).isEqualTo(204);
        // ...and through the API with the rep's own login, without a client id.
        try (CamelSalesforceClient rep = new CamelSalesforceClient(emulator.baseUrl(), CamelSalesforceClient.password(REP))) {
            Task change = new Task();
            change.setId(id);
            change.setPriority("Low");
            rep.call("update", change, Object.class);
        }

        List<Exchange> events = awaitEvents(3);
        assertThat(events.get(0).getMessage().getHeaders())
                .containsEntry("CamelSalesforceCommitUser", EmulatorSettings.INTEGRATION_USER_ID)
                .containsEntry("CamelSalesforceChangeOrigin", OUR_ORIGIN);
        for (Exchange byRep : events.subList(1, 3)) {
            assertThat(byRep.getMessage().getHeaders())
                    .containsEntry("CamelSalesforceChangeType", "UPDATE")
                    .containsEntry("CamelSalesforceCommitUser", EmulatorSettings.REP_USER_ID)
                    .containsEntry("CamelSalesforceRecordIds", List.of(id));
            assertThat(header(byRep, "CamelSalesforceChangeOrigin")).doesNotContain("client=" + CLIENT_ID);
        }
        assertThat(header(events.get(1), "CamelSalesforceChangeOrigin"))
                .isEqualTo("com/salesforce/api/soap/62.0;client=SfdcInternalAPI/");
        assertThat(body(events.get(1))).containsEntry("Status", "In Progress")
                .containsEntry("LastModifiedById", EmulatorSettings.REP_USER_ID);
        assertThat(header(events.get(2), "CamelSalesforceChangeOrigin")).isEqualTo("com/salesforce/api/rest/56.0");
        assertThat(body(events.get(2))).containsEntry("Priority", "Low");
    }

    @Test
    void resumesFromItsLastReplayIdWhenTheServerDropsItsClients() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String first = createTask("Before the drop", "Normal");
        long lastBeforeDrop = replayId(awaitEvents(1).get(0));

        emulator.admin().dropStreamingClients();
        String second = createTask("During the drop", "Normal");
        updateTask(first, "Before the drop, edited", null);
        deleteTask(second);
        awaitEvents(4);
        String third = createTask("After the drop", "Normal");

        assertResumedWithNothingLostOrRepeated(lastBeforeDrop, List.of(
                first + " CREATE", second + " CREATE", first + " UPDATE", second + " DELETE", third + " CREATE"));
    }

    @Test
    void resumesFromItsLastReplayIdWhenTheStreamingServerRestarts() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String first = createTask("Before the restart", "Normal");
        long lastBeforeRestart = replayId(awaitEvents(1).get(0));

        emulator.admin().restartStreaming();
        String second = createTask("During the restart", "Normal");
        deleteTask(first);
        awaitEvents(3);
        String third = createTask("After the restart", "Normal");

        assertResumedWithNothingLostOrRepeated(lastBeforeRestart, List.of(
                first + " CREATE", second + " CREATE", first + " DELETE", third + " CREATE"));
    }

    /**
     * The product keeps its last replay id in its database and subscribes with it when it starts;
     * meanwhile the sandbox restarted on the same port with its state file. It gets exactly the
     * events after its checkpoint: those written while it was down, before and after the restart.
     */
    @Test
    void resumesFromItsCheckpointAfterTheEmulatorRestartsOnTheSamePort(@TempDir Path directory) throws Exception {
        EmulatorSettings persisted = quickPolls().stateFile(directory.resolve("org.json")).build();
        writer.close();
        emulator.close();
        emulator = tappedEmulator(persisted);
        writer = new CamelSalesforceClient(emulator.baseUrl(), clientCredentials());

        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String first = createTask("Before the checkpoint", "Normal");
        long checkpoint = replayId(awaitEvents(1).get(0));
        finishSubscriber();
        String second = createTask("While the product is down", "Normal");
        deleteTask(first);

        int port = emulator.port();
        emulator.close();
        emulator = tappedEmulator(persisted.toBuilder().port(port).build());
        // The writer's token died with the old emulator: camel is refused 401, logs in again and retries.
        String third = createTask("After the emulator restarted", "Normal");

        // camel resumes after the last id its earlier consumer received, the checkpoint, as the endpoint asks too
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=" + checkpoint);
        String fourth = createTask("After the product resumed", "Normal");

        List<Exchange> events = awaitEvents(4);
        assertThat(events).extracting(CamelStreamingConformanceTest::describe).as("exactly the events after the checkpoint")
                .containsExactly(second + " CREATE", first + " DELETE", third + " CREATE", fourth + " CREATE");
        assertThat(replayIds(events)).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isGreaterThan(checkpoint));
        assertEachDeliveredOnce(TASKS);
        assertThat(wire.subscriptions(TASKS)).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .containsExactly(checkpoint);
        assertThat(wire.subscriptions(TASKS)).allSatisfy(s -> assertThat(s.successful()).isTrue());
    }

    /**
     * The product keeps running while the sandbox restarts under it: camel's long poll fails, the
     * new emulator does not know its client or its token, camel logs in again, handshakes and
     * subscribes from the last replay id it received, which the new emulator still honours.
     */
    @Test
    void aRunningConsumerResumesFromItsLastReplayIdWhenTheEmulatorRestartsUnderIt(@TempDir Path directory)
            throws Exception {
        EmulatorSettings persisted = quickPolls().stateFile(directory.resolve("org.json")).build();
        writer.close();
        emulator.close();
        emulator = tappedEmulator(persisted);
        writer = new CamelSalesforceClient(emulator.baseUrl(), clientCredentials());

        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String first = createTask("Before the restart", "Normal");
        long lastBeforeRestart = replayId(awaitEvents(1).get(0));

        int port = emulator.port();
        emulator.close();
        emulator = tappedEmulator(persisted.toBuilder().port(port).build());
        String second = createTask("After the restart", "Normal");

        List<Exchange> events = awaitEvents(2);
        assertThat(events).extracting(CamelStreamingConformanceTest::describe)
                .containsExactly(first + " CREATE", second + " CREATE");
        assertThat(replayIds(events)).isSorted().doesNotHaveDuplicates();
        assertThat(wire.deliveredReplayIds(TASKS)).as("the new emulator wrote only the new event")
                .containsExactly(replayId(events.get(1)));
        assertThat(wire.subscriptions(TASKS)).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .containsExactly(lastBeforeRestart);
        assertThat(wire.subscriptions(TASKS)).allSatisfy(s -> assertThat(s.successful()).isTrue());
    }

    @Test
    void logsInAgainAndHandshakesAgainWhenAllTokensExpire() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String first = createTask("Before the expiry", "Normal");
        awaitEvents(1);
        long loginsBefore = emulator.admin().calls().count("oauth");
        int handshakesBefore = wire.successfulHandshakes();

        emulator.admin().expireAllSessions();
        // The consumer's next long poll is refused 401; camel logs in again and handshakes again.
        await().atMost(PATIENCE).until(() -> wire.successfulHandshakes() > handshakesBefore);
        assertThat(wire.connectErrors()).contains("401::Authentication invalid");
        long loginsAfterStream = emulator.admin().calls().count("oauth");
        assertThat(loginsAfterStream).isGreaterThan(loginsBefore);

        // The writer's token expired too: its call is refused 401, it logs in and sends it again.
        String second = createTask("After the expiry", "Normal");
        assertThat(emulator.admin().calls().count("oauth")).isGreaterThan(loginsAfterStream);
        awaitEvents(2);

        assertThat(distinctEvents()).extracting(CamelStreamingConformanceTest::describe)
                .containsExactly(first + " CREATE", second + " CREATE");
        assertEachDeliveredOnce(TASKS);
    }

    @Test
    void logsInAgainWhenItsTokenExpiredWhileTheServerForgotIt() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String first = createTask("Before the outage", "Normal");
        long lastBeforeOutage = replayId(awaitEvents(1).get(0));

        emulator.admin().expireAllSessions();
        emulator.admin().dropStreamingClients();
        // Unknown client, so camel handshakes again, with its expired token: refused, it logs in.
        await().atMost(PATIENCE).until(() -> !wire.handshakeFailures().isEmpty());
        assertThat(wire.handshakeFailures().get(0))
                .startsWith("403::Handshake denied")
                .contains("failureReason=401::Authentication invalid");
        String second = createTask("After the outage", "Normal");

        assertResumedWithNothingLostOrRepeated(lastBeforeOutage, List.of(first + " CREATE", second + " CREATE"));
    }

    @Test
    void fallsBackToItsFallbackReplayIdWhenItsReplayIdIsPastTheRetention() throws Exception {
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String expired = createTask("Retained 72 hours only", "Normal");
        long oldReplayId = replayId(awaitEvents(1).get(0));
        finishSubscriber();
        wire.forget();

        emulator.admin().advanceClock(Duration.ofHours(73));
        String retained = createTask("Written after the clock moved", "Normal");
        // camel asks for the last id its earlier consumer received, the expired one, as the endpoint asks too
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=" + oldReplayId
                + "&fallBackReplayId=-2");
        awaitEvents(1);
        String fresh = createTask("Written after the fallback", "Normal");

        assertThat(awaitEvents(2)).extracting(CamelStreamingConformanceTest::describe)
                .containsExactly(retained + " CREATE", fresh + " CREATE")
                .doesNotContain(expired + " CREATE");
        List<StreamingWireTap.Subscription> subscriptions = wire.subscriptions(TASKS);
        // camel may ask for the expired id more than once before it falls back (seen in CI: old, old, -2):
        // every such request is refused, and the one after them asks for -2 and is the last
        List<StreamingWireTap.Subscription> expiredAsks = subscriptions.subList(0, subscriptions.size() - 1);
        assertThat(expiredAsks).isNotEmpty().allSatisfy(ask -> {
            assertThat(ask.requestedReplayId()).isEqualTo(oldReplayId);
            assertThat(ask.error()).isEqualTo("400::The replayId {" + oldReplayId + "} you provided was "
                    + "invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.");
        });
        StreamingWireTap.Subscription fallback = subscriptions.get(subscriptions.size() - 1);
        assertThat(fallback.requestedReplayId()).isEqualTo(-2L);
        assertThat(fallback.successful()).isTrue();
        assertEachDeliveredOnce(TASKS);
    }

    /**
     * On a PushTopic no consumer in this JVM has subscribed before, so that camel takes the
     * endpoint's replay id; a second consumer resumes after the last event the first received,
     * whatever its own endpoint says.
     */
    @Test
    void replayMinusTwoDeliversTheRetainedHistoryAndALaterConsumerResumesAfterTheLastEventReceived() throws Exception {
        String topic = "History" + UUID.randomUUID().toString().substring(0, 8);
        writer.call("create", "{\"Name\":\"" + topic + "\",\"Query\":\"SELECT Id, Subject FROM Task\",\"ApiVersion\":56.0}",
                Map.of("sObjectName", "PushTopic"), CreateSObjectResult.class);
        String a = createTask("History a", "Normal");
        String b = createTask("History b", "Normal");

        subscribe("salesforce:subscribe:" + topic + "?rawPayload=false&replayId=-2");
        String c = createTask("Live c", "Normal");
        List<Exchange> history = awaitEvents(3);
        assertThat(history).extracting(e -> body(e).get("Id")).containsExactly(a, b, c);
        assertEachDeliveredOnce("/topic/" + topic);
        assertThat(wire.subscriptions("/topic/" + topic)).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .containsExactly(-2L);
        long lastReceived = replayId(history.get(2));
        finishSubscriber();
        wire.forget();

        subscribe("salesforce:subscribe:" + topic + "?rawPayload=false&replayId=-1");
        String d = createTask("Live d", "Normal");
        assertThat(awaitEvents(1)).extracting(e -> body(e).get("Id")).containsExactly(d);
        assertEachDeliveredOnce("/topic/" + topic);
        assertThat(wire.subscriptions("/topic/" + topic)).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .containsExactly(lastReceived);
    }

    @Test
    void camelCreatesItsPushTopicThroughRestAndReceivesMatchingTasksOnly() throws Exception {
        long queriesBefore = emulator.admin().calls().count("query");
        subscribe("salesforce:subscribe:" + TOPIC + "?rawPayload=false&replayId=-1&notifyForFields=Referenced"
                + "&notifyForOperationCreate=true&notifyForOperationUpdate=true"
                + "&notifyForOperationDelete=false&notifyForOperationUndelete=false"
                + "&sObjectQuery=RAW(SELECT Id, Subject, Status FROM Task WHERE Priority = 'High')");

        PushTopicDefinition topic = emulator.pushTopicCatalog().findByName(TOPIC).orElseThrow();
        assertThat(topic.query()).isEqualTo("SELECT Id, Subject, Status FROM Task WHERE Priority = 'High'");
        assertThat(topic.apiVersion()).isEqualTo("56.0");
        assertThat(topic.active()).isTrue();
        assertThat(topic.notifyForFields()).isEqualTo("Referenced");
        assertThat(List.of(topic.notifyForOperationCreate(), topic.notifyForOperationUpdate(),
                topic.notifyForOperationDelete(), topic.notifyForOperationUndelete())).containsExactly(true, true, false, false);
        assertThat(emulator.admin().calls().count("query")).as("camel looked the topic up first").isGreaterThan(queriesBefore);
        assertThat(writer.call("queryRaw", null, Map.of("sObjectQuery",
                "SELECT Description, NotifyForOperations FROM PushTopic WHERE Name = '" + TOPIC + "'"), String.class))
                .contains("\"Description\":\"Topic created by Camel Salesforce component\"")
                .contains("\"NotifyForOperations\":\"All\"");

        String urgent = createTask("Send the contract", "High");
        String routine = createTask("File the notes", "Normal");
        updateTask(routine, "File the notes today", null);
        updateTask(urgent, null, "Not a referenced field");
        Task complete = new Task();
        complete.setId(urgent);
        complete.setStatus("Completed");
        writer.call("update", complete, withOurClientId(Map.of()), Object.class);
        deleteTask(urgent);
        String marker = createTask("Call the lawyer", "High");

        List<Exchange> events = awaitEvents(3);
        assertThat(events).extracting(e -> header(e, "CamelSalesforceEventType")).containsExactly("created", "updated", "created");
        assertThat(events).extracting(e -> body(e).get("Id")).containsExactly(urgent, urgent, marker);
        assertThat(events).allSatisfy(e -> {
            assertThat(body(e)).containsOnlyKeys("Id", "Subject", "Status");
            assertThat(e.getMessage().getHeaders()).containsEntry("CamelSalesforceTopicName", TOPIC)
                    .containsKeys("CamelSalesforceCreatedDate", "CamelSalesforceReplayId");
        });
        assertThat(body(events.get(1))).containsEntry("Status", "Completed").containsEntry("Subject", "Send the contract");
        assertThat(events).extracting(CamelStreamingConformanceTest::replayId).isSorted().doesNotHaveDuplicates();
        assertThat(wire.deliveredReplayIds("/topic/" + TOPIC)).containsExactlyElementsOf(replayIds(events));
    }

    @Test
    void allChangeEventsChannelCarriesLeadsContactsAndTasks() throws Exception {
        subscribe("salesforce:subscribe:/data/ChangeEvents?rawPayload=false&replayId=-1");

        String lead = writer.call("create", "{\"LastName\":\"Lovelace\",\"Company\":\"Analytical Engines\"}",
                withOurClientId(Map.of("sObjectName", "Lead")), CreateSObjectResult.class).getId();
        String contact = writer.call("create", Contact.named("Hopper", "grace@navy.example"),
                withOurClientId(Map.of("sObjectName", "Contact")), CreateSObjectResult.class).getId();
        String task = createTask("Follow up with Grace", "Normal");

        List<Exchange> events = awaitEvents(3);
        assertThat(events).extracting(e -> header(e, "CamelSalesforceEntityName")).containsExactly("Lead", "Contact", "Task");
        assertThat(events).extracting(CamelStreamingConformanceTest::recordIds)
                .containsExactly(List.of(lead), List.of(contact), List.of(task));
        assertThat(events).allSatisfy(e -> assertThat(e.getMessage().getHeaders())
                .containsEntry("CamelSalesforceChannel", ALL_CHANGES)
                .containsEntry("CamelSalesforceChangeType", "CREATE")
                .containsEntry("CamelSalesforceChangeOrigin", OUR_ORIGIN));
        // Change events nest the parts of a person's name, as Salesforce does.
        assertThat(body(events.get(0))).containsEntry("Name", Map.of("LastName", "Lovelace"))
                .containsEntry("Company", "Analytical Engines");
        assertThat(body(events.get(1))).containsEntry("Name", Map.of("LastName", "Hopper"))
                .containsEntry("Email", "grace@navy.example");
        assertThat(events).extracting(CamelStreamingConformanceTest::replayId).isSorted().doesNotHaveDuplicates();
    }

    // --- writing through camel's REST operations -------------------------------------------------

    private static Consumer<SalesforceComponent> clientCredentials() {
        return component -> component.setClientSecret("sandbox-secret");
    }

    private static Task task(String subject, String priority) {
        Task task = new Task();
        task.setSubject(subject);
        task.setPriority(priority);
        return task;
    }

    private String createTask(String subject, String priority) {
        CreateSObjectResult result = writer.call("create", task(subject, priority), withOurClientId(Map.of()),
                CreateSObjectResult.class);
        assertThat(result.getSuccess()).isTrue();
        return result.getId();
    }

    private void updateTask(String id, String subject, String description) {
        Task change = new Task();
        change.setId(id);
        change.setSubject(subject);
        change.setDescription(description);
        writer.call("update", change, withOurClientId(Map.of()), Object.class);
    }

    private void deleteTask(String id) {
        writer.call("delete", null, withOurClientId(Map.of("sObjectId", id)), Object.class);
    }

    /** Camel copies headers named Sforce-* onto the HTTP request; Salesforce puts the client id into changeOrigin. */
    private static Map<String, Object> withOurClientId(Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put("Sforce-Call-Options", "client=" + CLIENT_ID);
        return all;
    }

    // --- the subscriber --------------------------------------------------------------------------

    /**
     * Starts a context with the subscribe route and waits until the wire shows the server
     * subscribed it. When the wire shows the subscription refused and never asked again (camel's
     * fallback subscribe stuck in CometD's client, see the class comment), the context is started
     * again: camel then asks for the fallback replay id straight away, as its refusal set it.
     */
    private void subscribe(String uri) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            startSubscriber(uri);
            await().atMost(PATIENCE).until(() -> wire.subscribed(channel) || wire.subscriptionAbandoned(channel));
            if (wire.subscribed(channel)) {
                return;
            }
            discardSubscriber();
        }
        throw new AssertionError("camel-salesforce gave up its subscription of " + channel + " five times in a row");
    }

    private void startSubscriber(String uri) throws Exception {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(emulator.baseUrl());
        salesforce.setClientId("sandbox-client");
        salesforce.setClientSecret("sandbox-secret");
        salesforce.setUserName("integration@sandbox.example");
        salesforce.setPassword("sandbox");
        subscriber = new DefaultCamelContext();
        subscriber.addComponent("salesforce", salesforce);
        subscriber.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("stream").process(received::add);
            }
        });
        subscriber.start();
        String topic = consumer().getTopicName();
        channel = topic.startsWith("/") ? topic : "/topic/" + topic;
    }

    /**
     * Stops the subscriber after checking that any event the route got more than once was written
     * to the wire once: repeated by camel's doubled listener (see the class comment), not by the emulator.
     */
    private void finishSubscriber() {
        if (received.size() > distinctEvents().size()) {
            assertThat(wire.deliveredReplayIds(channel)).as("events repeated on the route: each written to the wire once")
                    .doesNotHaveDuplicates();
        }
        discardSubscriber();
    }

    private void discardSubscriber() {
        subscriber.stop();
        subscriber = null;
        received.clear();
    }

    private StreamingApiConsumer consumer() {
        return (StreamingApiConsumer) subscriber.getRoute("stream").getConsumer();
    }

    // --- judging what arrived --------------------------------------------------------------------

    /** Waits until the route has this many events and returns them, each once, in arrival order. */
    private List<Exchange> awaitEvents(int count) {
        await().atMost(PATIENCE).until(() -> distinctEvents().size() >= count);
        return distinctEvents();
    }

    /** The route's events, the first of each replay id, in arrival order. */
    private List<Exchange> distinctEvents() {
        synchronized (received) {
            Map<Long, Exchange> byReplayId = new LinkedHashMap<>();
            received.forEach(e -> byReplayId.putIfAbsent(replayId(e), e));
            return List.copyOf(byReplayId.values());
        }
    }

    private void assertResumedWithNothingLostOrRepeated(long lastBeforeOutage, List<String> expected) {
        awaitEvents(expected.size());
        List<Exchange> events = distinctEvents();
        assertThat(events).extracting(CamelStreamingConformanceTest::describe).as("nothing lost, in order")
                .containsExactlyElementsOf(expected);
        assertThat(replayIds(events)).as("replay ids increase").isSorted().doesNotHaveDuplicates();
        assertEachDeliveredOnce(TASKS);
        assertSubscribedFrom(TASKS, -1L, lastBeforeOutage);
    }

    /**
     * The replay ids the channel's successful subscriptions asked for, in order. A refusal may come
     * first only: the invalid-replayId answer to an id an earlier test left in camel's JVM-wide map
     * (see the class comment), after which camel falls back to the endpoint's fallback replay id.
     */
    private void assertSubscribedFrom(String channelName, long... replayIds) {
        List<StreamingWireTap.Subscription> subscriptions = wire.subscriptions(channelName);
        assertThat(subscriptions.stream().filter(StreamingWireTap.Subscription::successful)
                .map(s -> ((Number) s.requestedReplayId()).longValue()).toList())
                .as("subscribed from these replay ids").containsExactly(java.util.Arrays.stream(replayIds).boxed()
                        .toArray(Long[]::new));
        int firstSuccess = subscriptions.indexOf(subscriptions.stream().filter(StreamingWireTap.Subscription::successful)
                .findFirst().orElseThrow());
        assertThat(subscriptions.subList(0, firstSuccess)).allSatisfy(refused -> assertThat(refused.error())
                .matches("400::The replayId \\{.*} you provided was invalid.*"));
        assertThat(subscriptions.subList(firstSuccess, subscriptions.size()))
                .allSatisfy(s -> assertThat(s.successful()).as("no refusal after the first subscription").isTrue());
    }

    private void assertEachDeliveredOnce(String channelName) {
        assertThat(wire.deliveredReplayIds(channelName)).as("each event written to a client once")
                .containsExactlyElementsOf(replayIds(distinctEvents()));
    }

    private static void assertOneTransaction(List<Exchange> events) {
        assertThat(events).extracting(e -> header(e, "CamelSalesforceTransactionKey")).containsOnly(
                header(events.get(0), "CamelSalesforceTransactionKey"));
        assertThat(events).extracting(e -> header(e, "CamelSalesforceCommitNumber")).containsOnly(
                header(events.get(0), "CamelSalesforceCommitNumber"));
        assertThat(events).extracting(e -> header(e, "CamelSalesforceCommitTimestamp")).containsOnly(
                header(events.get(0), "CamelSalesforceCommitTimestamp"));
    }

    /** "recordId CHANGE_TYPE" of a change event. */
    private static String describe(Exchange event) {
        return String.join(",", recordIds(event)) + " " + changeType(event);
    }

    private static String changeType(Exchange event) {
        return header(event, "CamelSalesforceChangeType");
    }

    @SuppressWarnings("unchecked")
    private static List<String> recordIds(Exchange event) {
        return event.getMessage().getHeader("CamelSalesforceRecordIds", List.class);
    }

    private static long replayId(Exchange event) {
        return event.getMessage().getHeader("CamelSalesforceReplayId", Long.class);
    }

    private static List<Long> replayIds(List<Exchange> events) {
        return events.stream().map(CamelStreamingConformanceTest::replayId).collect(Collectors.toList());
    }

    private static String header(Exchange event, String name) {
        return String.valueOf(event.getMessage().getHeader(name));
    }

    private static <T> T header(Exchange event, String name, Class<T> type) {
        return event.getMessage().getHeader(name, type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Exchange event) {
        return event.getMessage().getBody(Map.class);
    }
}
