package io.salesactivitysync.sandbox.salesforce.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.streaming.BayeuxStreamingApi;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSettings;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.cometd.client.BayeuxClient;
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
 * writes to a client). The two can differ because of a camel-salesforce 4.17 bug the product
 * faces as well: when a {@code /meta/connect} reply is handled while a subscription is still in
 * flight, camel subscribes its channel listener again, CometD's client adds the same listener a
 * second time without asking the server, and each later event reaches the route twice. It
 * happens at start-up, after a replay-id fallback and right after a re-handshake, when replayed
 * events come back on a long poll together with the subscribe reply. Where it leaves the route
 * without any subscription on the server (camel's fallback subscribe then never leaves CometD's
 * client), the test starts the route again; otherwise tests accept repeats on the route only
 * while camel's listener is registered twice, and require each event once on the wire, where the
 * emulator answers for it. The product must therefore drop repeated replay ids itself.
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
        forgetCamelReplayIds();
        emulator = tappedEmulator(quickPolls().build());
        writer = new CamelSalesforceClient(emulator.baseUrl(), clientCredentials());
    }

    /** Long polls of one second, so that a consumer notices an expired token within a second. */
    private static EmulatorSettings.Builder quickPolls() {
        return EmulatorSettings.builder().streaming(new StreamingSettings(Duration.ofHours(72), Duration.ofHours(24),
                Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    private SalesforceEmulator tappedEmulator(EmulatorSettings settings) {
        return SalesforceEmulator.builder(settings)
                .streaming(deps -> wire = new StreamingWireTap(new BayeuxStreamingApi(deps.settings(),
                        deps.tokenValidator(), deps.pushTopics(), deps.soqlCompiler(), deps.clock())))
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

        String id = createTask("Call Ada back", "Normal");
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

        forgetCamelReplayIds();
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
        forgetCamelReplayIds();
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=" + oldReplayId
                + "&fallBackReplayId=-2");
        awaitEvents(1);
        String fresh = createTask("Written after the fallback", "Normal");

        assertThat(awaitEvents(2)).extracting(CamelStreamingConformanceTest::describe)
                .containsExactly(retained + " CREATE", fresh + " CREATE")
                .doesNotContain(expired + " CREATE");
        List<StreamingWireTap.Subscription> subscriptions = wire.subscriptions(TASKS);
        assertThat(subscriptions).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .containsExactly(oldReplayId, -2L);
        assertThat(subscriptions.get(0).error()).isEqualTo("400::The replayId {" + oldReplayId + "} you provided was "
                + "invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.");
        assertThat(subscriptions.get(1).successful()).isTrue();
        assertEachDeliveredOnce(TASKS);
    }

    @Test
    void replayMinusTwoDeliversTheRetainedHistoryAndMinusOneOnlyNewEvents() throws Exception {
        String a = createTask("History a", "Normal");
        String b = createTask("History b", "Normal");

        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-2");
        String c = createTask("Live c", "Normal");
        assertThat(awaitEvents(3)).extracting(CamelStreamingConformanceTest::describe)
                .containsExactly(a + " CREATE", b + " CREATE", c + " CREATE");
        assertEachDeliveredOnce(TASKS);
        finishSubscriber();
        wire.forget();

        forgetCamelReplayIds();
        subscribe("salesforce:subscribe:/data/TaskChangeEvent?rawPayload=false&replayId=-1");
        String d = createTask("Live d", "Normal");
        assertThat(awaitEvents(1)).extracting(CamelStreamingConformanceTest::describe).containsExactly(d + " CREATE");
        assertEachDeliveredOnce(TASKS);
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
     * Starts a context with the subscribe route and waits until the server has the subscription.
     * When camel registered its listener twice meanwhile (see the class comment) before the server
     * confirmed a subscription, the route may never be subscribed at all: camel's next subscribe
     * of the channel, a replay-id fallback for one, then stays inside CometD's client. The context
     * is started again then.
     */
    private void subscribe(String uri) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            startSubscriber(uri);
            Set<?> pending = SubscriptionHelperAccess.pendingChannels(consumer().getSubscriptionHelper());
            await().atMost(PATIENCE).until(() -> pending.isEmpty() || listenerRegistrations() > 1);
            if (listenerRegistrations() == 1 || wire.subscriptions(channel).stream().anyMatch(s -> s.successful())) {
                return;
            }
            discardSubscriber();
            wire.forget();
            forgetCamelReplayIds();
        }
        throw new AssertionError("camel-salesforce subscribed its listener twice, unconfirmed, five times in a row");
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
        channel = SubscriptionHelperAccess.channelOf(consumer());
    }

    /**
     * Stops the subscriber after checking that any event the route got more than once came from
     * camel's doubled listener (see the class comment), not from the emulator.
     */
    private void finishSubscriber() throws ReflectiveOperationException {
        if (received.size() > distinctEvents().size()) {
            assertThat(listenerRegistrations()).as("events repeated on the route, but camel's listener is registered once")
                    .isGreaterThan(1);
        }
        discardSubscriber();
    }

    private void discardSubscriber() {
        subscriber.stop();
        subscriber = null;
        received.clear();
    }

    /** How many times camel's client has the route's listener on the channel (more than once: the camel bug). */
    private int listenerRegistrations() throws ReflectiveOperationException {
        return SubscriptionHelperAccess.client(consumer().getSubscriptionHelper()).getChannel(channel).getSubscribers().size();
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
        assertThat(wire.subscriptions(TASKS)).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .as("subscribed anew from the last replay id received")
                .containsExactly(-1L, lastBeforeOutage);
        assertThat(wire.subscriptions(TASKS)).allSatisfy(s -> assertThat(s.successful()).isTrue());
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

    /**
     * camel-salesforce keeps the last replay id of each channel in a static map shared by the
     * whole JVM (SubscriptionHelper.REPLAY_EXTENSION), and an endpoint's replayId only fills a
     * missing entry: each test, and each new consumer of a test, starts without ids left behind.
     */
    private static void forgetCamelReplayIds() throws ReflectiveOperationException {
        Object extension = SubscriptionHelperAccess.field(SubscriptionHelper.class, "REPLAY_EXTENSION").get(null);
        ((Map<?, ?>) SubscriptionHelperAccess.field(extension.getClass(), "dataMap").get(extension)).clear();
    }

    /** What the tests read inside camel-salesforce's SubscriptionHelper, by reflection. */
    private static final class SubscriptionHelperAccess {

        static String channelOf(StreamingApiConsumer consumer) {
            String topic = consumer.getTopicName();
            return topic.startsWith("/") ? topic : "/topic/" + topic;
        }

        static Set<?> pendingChannels(SubscriptionHelper helper) throws ReflectiveOperationException {
            return (Set<?>) field(SubscriptionHelper.class, "channelsToSubscribe").get(helper);
        }

        static BayeuxClient client(SubscriptionHelper helper) throws ReflectiveOperationException {
            return (BayeuxClient) field(SubscriptionHelper.class, "client").get(helper);
        }

        static Field field(Class<?> type, String name) throws NoSuchFieldException {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }
    }
}
