package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.ExpectedPayloads;
import io.salesactivitysync.sandbox.salesforce.ExpectedPayloads.PayloadCase;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.ChangeContext;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emulator's replies and events, field by field against Salesforce's: the project's own
 * fixtures always, and the replies and events recorded from Salesforce where the shared corpus is
 * present. Only values that differ per session or per message ({@code clientId}, {@code id},
 * change events' replay ids, schema ids) are left out. Where an expected event echoes the topic
 * and record it was made with, each source has its scenario: ours, on our sandbox org, or the one
 * the recording was made with.
 *
 * <p>The emulator is the real one, its topics created through its REST API; a test hands its
 * Streaming API the exact changes a recording was made from (ids, transactions, commit times),
 * as the org store hands it its commits. The emulator has no custom objects, so the Streaming API
 * guide's topic on {@code Invoice_Statement__c} is played on Account with the guide's custom
 * fields: the notification names no object, so it is the same message.
 */
class RecordedPayloadConformanceTest {

    private static final String BAYEUX = "_curated-bayeux/";
    private static final String CDC = "abrarsheikhsony__SFDC-change-data-capture/README-json/";
    private static final Set<String> PER_SESSION = Set.of("clientId", "id");

    private static final PayloadCase HANDSHAKE_SUCCESS =
            new PayloadCase("bayeux/handshake-success.json", BAYEUX + "handshake-success.sfdc-docs.json");
    private static final PayloadCase HANDSHAKE_DENIED = new PayloadCase("bayeux/handshake-denied-auth-invalid.json",
            BAYEUX + "handshake-denied-401-auth-invalid.with-payload-format.json");
    private static final PayloadCase HANDSHAKE_DENIED_JSFORCE = new PayloadCase("bayeux/handshake-denied-auth-invalid.json",
            BAYEUX + "handshake-denied-401-auth-invalid.jsforce.json");
    private static final PayloadCase CONNECT_MULTIPLE_CLIENTS =
            new PayloadCase("bayeux/connect-multiple-clients.json", BAYEUX + "connect-success-advice.sfdc-docs.json");
    private static final PayloadCase CONNECT_UNKNOWN_CLIENT = new PayloadCase("bayeux/connect-unknown-client.json",
            BAYEUX + "connect-403-unknown-client.reconnect-handshake.json");
    private static final PayloadCase CONNECT_AUTH_INVALID =
            new PayloadCase("bayeux/connect-auth-invalid.json", BAYEUX + "connect-401-auth-invalid.sfdc-docs.json");
    private static final PayloadCase SUBSCRIBE_SUCCESS =
            new PayloadCase("bayeux/subscribe-success.json", BAYEUX + "subscribe-success-topic.sfdc-docs.json");
    private static final PayloadCase SUBSCRIBE_NO_SUCH_CHANNEL = new PayloadCase("bayeux/subscribe-channel-does-not-exist.json",
            BAYEUX + "subscribe-400-channel-does-not-exist.json");
    private static final PayloadCase SUBSCRIBE_REPLAYID_INVALID = new PayloadCase("bayeux/subscribe-replayid-invalid.json",
            BAYEUX + "subscribe-400-replayid-invalid.CONSTRUCTED.json");
    private static final PayloadCase PUSHTOPIC_CREATED =
            new PayloadCase("bayeux/pushtopic-created-data.json", BAYEUX + "topic-data-created.sfdc-docs.json");
    private static final PayloadCase PUSHTOPIC_UPDATED =
            new PayloadCase("bayeux/pushtopic-updated-data.json", BAYEUX + "topic-data-updated.sfdc-docs.json");
    private static final PayloadCase CHANGE_EVENT_CREATE =
            new PayloadCase("bayeux/change-event-create.json", CDC + "readme-00-data_Employee__ChangeEvent-CREATE.json");
    private static final PayloadCase CHANGE_EVENT_UPDATE =
            new PayloadCase("bayeux/change-event-update.json", CDC + "readme-04-data_Employee__ChangeEvent-UPDATE.json");
    private static final PayloadCase CHANGE_EVENT_DELETE =
            new PayloadCase("bayeux/change-event-delete.json", CDC + "readme-05-data_Employee__ChangeEvent-DELETE.json");

    /** A PushTopic, a topic nobody created, a replay id never issued, and a record created then changed. */
    private record PushTopicScenario(String topic, String query, String missingTopic, int unknownReplayId,
            String entity, String recordId, Map<String, Object> fields, Instant created,
            Map<String, Object> change, Instant changed) {
    }

    private static final PushTopicScenario OUR_TASK_TOPIC = new PushTopicScenario("OpenSalesTasks",
            "SELECT Id, Subject, Status, Description FROM Task", "SalesTaskUpdates", 42,
            "Task", "00T000000000001AAA", ordered("Subject", "Intro call with Globex", "Status", "Open",
                    "Description", "Logged by sales-activity-sync from a BCC email."),
            Instant.parse("2025-03-04T09:15:00.250Z"), Map.of("Status", "Completed"), Instant.parse("2025-03-04T09:40:12.031Z"));

    /** The example of the Salesforce Streaming API guide, which the corpus's replies and events come from. */
    private static final PushTopicScenario GUIDE_INVOICE_TOPIC = new PushTopicScenario("InvoiceStatementUpdates",
            "SELECT Id, Name, Status__c, Description__c FROM Account", "AccountUpdates", 123,
            "Account", "a00D0000009YbwQIAS", ordered("Name", "INV-0001", "Status__c", "Open",
                    "Description__c", "New invoice."),
            Instant.parse("2017-05-16T23:05:50.173Z"), Map.of("Status__c", "Negotiating"), Instant.parse("2017-05-16T23:06:11.529Z"));

    /**
     * A record of a custom object created, changed, then deleted, each in a transaction of its own:
     * {@code fields} are its values at creation, {@code changes} the changed ones in the order of the
     * header's {@code changedFields}; the creating user is the transactions' user.
     */
    private record ChangeEventScenario(String entity, String recordId, String ownerId, Map<String, Object> fields,
            Map<String, Object> changes, ChangeContext create, ChangeContext update, ChangeContext delete) {
    }

    private static final String OUR_ORIGIN = "com/salesforce/api/rest/56.0;client=sales-activity-sync";
    private static final ChangeEventScenario OUR_SALES_ACTIVITY = new ChangeEventScenario("Sales_Activity__c",
            "a01000000000001AAA", "005000000000002AAA",
            ordered("Name", "SA-000001", "Subject__c", "Intro call with Globex", "Channel__c", "Call", "Duration_Minutes__c", 15),
            ordered("Subject__c", "Follow-up call with Globex", "Duration_Minutes__c", 25),
            new ChangeContext(OUR_ORIGIN, "0000a1f0-5a1e-4c7e-9a01-000000000001", 1, Instant.parse("2025-03-04T09:15:00Z"),
                    "005000000000001AAA", 20250304000001L),
            new ChangeContext(OUR_ORIGIN, "0000a1f0-5a1e-4c7e-9a01-000000000002", 1, Instant.parse("2025-03-04T09:42:00Z"),
                    "005000000000001AAA", 20250304000002L),
            new ChangeContext(OUR_ORIGIN, "0000a1f0-5a1e-4c7e-9a01-000000000003", 1, Instant.parse("2025-03-04T10:05:00Z"),
                    "005000000000001AAA", 20250304000003L));

    /** The corpus's capture from a developer org (API 46.0), with that org's transactions. */
    private static final String CAPTURE_ORIGIN = "com/salesforce/api/soap/46.0;client=SfdcInternalAPI/";
    private static final ChangeEventScenario CAPTURED_EMPLOYEE = new ChangeEventScenario("Employee__c",
            "a00B000000AVWaZIAX", "005B0000005iVeGIAU",
            ordered("Name", "EN-0003", "First_Name__c", "Marc", "Last_Name__c", "Benioff", "Tenure__c", 20),
            ordered("First_Name__c", "Marc 2", "Last_Name__c", "Benioff 2", "Tenure__c", 22),
            new ChangeContext(CAPTURE_ORIGIN, "000267d5-1ab2-e18a-f726-b8849994a99a", 1, Instant.parse("2019-05-02T11:27:36Z"),
                    "005B0000005iVeGIAU", 10426208028536L),
            new ChangeContext(CAPTURE_ORIGIN, "000267e8-ba20-f483-b6b9-5da9bb5c6c64", 1, Instant.ofEpochMilli(1556796540000L),
                    "005B0000005iVeGIAU", 10426208532295L),
            new ChangeContext(CAPTURE_ORIGIN, "000267f1-31a6-e4e7-24e3-45f54c53a5d0", 1, Instant.ofEpochMilli(1556796576000L),
                    "005B0000005iVeGIAU", 10426208770402L));

    private SalesforceEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void handshakeReplies(ExpectedPayloads payloads) {
        payloads.assumeAvailable();
        start();

        Map<String, Object> accepted = client(token()).handshake();
        Map<String, Object> refused = client("00D000000000001!expired").handshake();

        assertSameMessage(accepted, message(payloads, HANDSHAKE_SUCCESS), PER_SESSION);
        assertSameMessage(refused, message(payloads, HANDSHAKE_DENIED), PER_SESSION);
        Map<String, Object> jsforce = message(payloads, HANDSHAKE_DENIED_JSFORCE);
        assertThat(refused.get("error")).isEqualTo(jsforce.get("error"));
        assertThat(refused.get("advice")).isEqualTo(jsforce.get("advice"));
        assertThat(refused.get("ext")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsAllEntriesOf(jsforce.get("ext") instanceof Map<?, ?> ext ? cast(ext) : Map.of());
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void connectReplies(ExpectedPayloads payloads) throws Exception {
        payloads.assumeAvailable();
        start();

        // Two clients sharing a browser cookie: the second is advised to poll every 2 s, the
        // reply the Salesforce guide shows (its example ran in a browser).
        BayeuxTestClient first = client(token());
        first.handshake();
        first.firstConnect();
        CompletableFuture<List<Map<String, Object>>> held = CompletableFuture.supplyAsync(first::connect);
        BayeuxTestClient second = first.sameBrowser();
        second.handshake();
        await().until(() -> streaming().connectedClients() == 2);
        Map<String, Object> multipleClients = second.firstConnect();
        first.disconnect();
        held.get();

        BayeuxTestClient unknown = client(token());
        unknown.useClientId("9sbx4never0handshaken0000");
        Map<String, Object> unknownClient = single(unknown.connect());

        BayeuxTestClient expiring = client(token());
        expiring.handshake();
        expiring.firstConnect();
        emulator.admin().expireAllSessions();
        Map<String, Object> authenticationInvalid = single(expiring.connect());

        assertSameMessage(multipleClients, message(payloads, CONNECT_MULTIPLE_CLIENTS), PER_SESSION);
        assertSameMessage(unknownClient, message(payloads, CONNECT_UNKNOWN_CLIENT), PER_SESSION);
        assertSameMessage(authenticationInvalid, message(payloads, CONNECT_AUTH_INVALID), PER_SESSION);
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void subscribeReplies(ExpectedPayloads payloads) {
        payloads.assumeAvailable();
        PushTopicScenario scenario = payloads.pick(OUR_TASK_TOPIC, GUIDE_INVOICE_TOPIC);
        String channel = "/topic/" + scenario.topic();
        start();
        createPushTopic(scenario);
        BayeuxTestClient client = client(token());
        client.handshake();
        client.firstConnect();

        Map<String, Object> subscribed = client.subscribe(channel, null);
        Map<String, Object> noSuchChannel = client.subscribe("/topic/" + scenario.missingTopic(), null);
        Map<String, Object> invalidReplayId = client.subscribe(channel, Map.of(channel, scenario.unknownReplayId()));

        assertSameMessage(subscribed, message(payloads, SUBSCRIBE_SUCCESS), PER_SESSION);
        assertSameMessage(noSuchChannel, message(payloads, SUBSCRIBE_NO_SUCH_CHANNEL), PER_SESSION);
        assertSameMessage(invalidReplayId, message(payloads, SUBSCRIBE_REPLAYID_INVALID), PER_SESSION);
        assertThat((String) invalidReplayId.get("error"))
                .as("camel-salesforce's pattern for falling back")
                .matches("400::The replayId \\{.*} you provided was invalid.*");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void pushTopicNotifications(ExpectedPayloads payloads) {
        payloads.assumeAvailable();
        PushTopicScenario scenario = payloads.pick(OUR_TASK_TOPIC, GUIDE_INVOICE_TOPIC);
        String channel = "/topic/" + scenario.topic();
        start();
        createPushTopic(scenario);
        BayeuxTestClient client = client(token());
        client.handshake();
        client.firstConnect();
        client.subscribe(channel, null);

        RecordChange created = RecordChanges.created(scenario.entity(), scenario.recordId(), scenario.fields(),
                scenario.created());
        commit(created);
        commit(RecordChanges.updated(scenario.entity(), created.recordAfter(), scenario.change(), scenario.changed()));
        List<Map<String, Object>> events = BayeuxTestClient.events(client.connect());

        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.get("channel")).isEqualTo(channel));
        assertThat(events.get(0).get("data")).isEqualTo(message(payloads, PUSHTOPIC_CREATED));
        assertThat(events.get(1).get("data")).isEqualTo(message(payloads, PUSHTOPIC_UPDATED));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void changeEventsOfACustomObject(ExpectedPayloads payloads) {
        payloads.assumeAvailable();
        ChangeEventScenario scenario = payloads.pick(OUR_SALES_ACTIVITY, CAPTURED_EMPLOYEE);
        start(Set.of(scenario.entity()));
        BayeuxTestClient client = client(token());
        client.handshake();
        client.firstConnect();
        String channel = "/data/" + scenario.entity().replaceFirst("__c$", "__") + "ChangeEvent";
        assertThat(client.subscribe(channel, null).get("successful")).isEqualTo(true);

        Instant created = scenario.create().commitTimestamp();
        Instant updated = scenario.update().commitTimestamp();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", scenario.recordId());
        record.putAll(scenario.fields());
        record.put("OwnerId", scenario.ownerId());
        record.put("IsDeleted", false);
        record.put("CreatedDate", created);
        record.put("CreatedById", scenario.create().commitUserId());
        record.put("LastModifiedDate", created);
        record.put("LastModifiedById", scenario.create().commitUserId());
        record.put("SystemModstamp", created);
        Map<String, Object> changes = new LinkedHashMap<>(scenario.changes());
        changes.put("LastModifiedDate", updated);
        Map<String, Object> changedRecord = new LinkedHashMap<>(record);
        changedRecord.putAll(changes);
        changedRecord.put("SystemModstamp", updated);
        Map<String, Object> fields = new LinkedHashMap<>(record);
        fields.keySet().removeAll(Set.of("Id", "IsDeleted", "SystemModstamp"));

        commit(new RecordChange(scenario.entity(), scenario.recordId(), ChangeType.CREATE, fields, List.of(),
                List.of(), null, record, scenario.create()));
        commit(new RecordChange(scenario.entity(), scenario.recordId(), ChangeType.UPDATE, changes,
                List.copyOf(changes.keySet()), List.of(), record, changedRecord, scenario.update()));
        commit(new RecordChange(scenario.entity(), scenario.recordId(), ChangeType.DELETE, Map.of(), List.of(),
                List.of(), changedRecord, changedRecord, scenario.delete()));
        List<Map<String, Object>> events = BayeuxTestClient.events(client.connect());

        assertThat(events).hasSize(3);
        assertSameChangeEvent(events.get(0), message(payloads, CHANGE_EVENT_CREATE));
        assertSameChangeEvent(events.get(1), message(payloads, CHANGE_EVENT_UPDATE));
        assertSameChangeEvent(events.get(2), message(payloads, CHANGE_EVENT_DELETE));
    }

    /**
     * Equal to the expected event but for the schema and replay ids, which the org assigns. The
     * header's {@code changedFields}, which Salesforce added in API 47.0, must be there, and is
     * compared where the expected event has it: our fixtures do, the corpus's capture predates it.
     */
    @SuppressWarnings("unchecked")
    private static void assertSameChangeEvent(Map<String, Object> actual, Map<String, Object> expected) {
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) actual.get("data"));
        Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) data.get("payload"));
        Map<String, Object> header = new LinkedHashMap<>((Map<String, Object>) payload.get("ChangeEventHeader"));
        Map<String, Object> expectedData = (Map<String, Object>) expected.get("data");
        Map<String, Object> expectedHeader = (Map<String, Object>) ((Map<String, Object>) expectedData.get("payload"))
                .get("ChangeEventHeader");
        assertThat(header).containsKey("changedFields");
        if (!expectedHeader.containsKey("changedFields")) {
            header.remove("changedFields");
        }
        payload.put("ChangeEventHeader", header);
        data.put("payload", payload);
        assertThat((String) data.get("schema")).hasSameSizeAs((String) expectedData.get("schema"));
        data.put("schema", expectedData.get("schema"));
        data.put("event", expectedData.get("event"));

        assertThat(actual.get("channel")).isEqualTo(expected.get("channel"));
        assertThat(data).isEqualTo(expectedData);
    }

    private static void assertSameMessage(Map<String, Object> actual, Map<String, Object> expected, Set<String> variable) {
        assertThat(actual.keySet()).as("fields of %s", actual).isEqualTo(expected.keySet());
        expected.forEach((field, value) -> {
            if (!variable.contains(field)) {
                assertThat(actual.get(field)).as("%s of %s", field, actual).isEqualTo(value);
            }
        });
    }

    /**
     * The expected message of the case; a file holding a one-message array, as on the wire, gives
     * that message. Read from the corpus, it skips the test where the corpus is absent.
     */
    private static Map<String, Object> message(ExpectedPayloads payloads, PayloadCase payload) {
        String json = payloads.read(payload).trim();
        return json.startsWith("[") ? BayeuxTestClient.parse(json).get(0) : BayeuxTestClient.parseObject(json);
    }

    /** Field values in the order given, as a record lists them. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** The emulator with Salesforce's streaming settings, and Account fields for the guide's topic. */
    private void start() {
        emulator = SalesforceEmulator.builder(settings()).build().start();
    }

    /** The same, with change events for these entities only. */
    private void start(Set<String> changeEventEntities) {
        emulator = SalesforceEmulator.builder(settings())
                .streaming(deps -> new BayeuxStreamingApi(deps.settings(), deps.tokenValidator(), deps.pushTopics(),
                        deps.soqlCompiler(), deps.clock(), changeEventEntities))
                .build().start();
    }

    private static EmulatorSettings settings() {
        return EmulatorSettings.builder().customFields(List.of(CustomField.text("Account", "Status__c", 40),
                CustomField.text("Account", "Description__c", 255))).build();
    }

    private StreamingApi streaming() {
        return emulator.admin().streaming().orElseThrow();
    }

    /** Hands the Streaming API a committed change, as the org store does. */
    private void commit(RecordChange change) {
        streaming().onCommit(List.of(change));
    }

    private void createPushTopic(PushTopicScenario scenario) {
        TestHttp rest = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        TestHttp.Response created = rest.api("POST", "sobjects/PushTopic", "{\"Name\":\"" + scenario.topic()
                + "\",\"Query\":\"" + scenario.query() + "\",\"ApiVersion\":56.0,\"NotifyForFields\":\"Referenced\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private String token() {
        return TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example");
    }

    private BayeuxTestClient client(String token) {
        return new BayeuxTestClient(emulator.baseUrl() + "/cometd/56.0", token);
    }

    private static Map<String, Object> single(List<Map<String, Object>> replies) {
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
