package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.salesactivitysync.sandbox.salesforce.org.ChangeContext;
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
 * The emulator's replies and events, field by field against replies and events recorded from
 * Salesforce (test resources, and the team's corpus when present). Only values that differ per
 * session or per message ({@code clientId}, {@code id}, replay ids, schema ids) are left out.
 */
class RecordedPayloadConformanceTest {

    private static final String BAYEUX = "_curated-bayeux/";
    private static final String CDC = "abrarsheikhsony__SFDC-change-data-capture/README-json/";
    private static final Set<String> PER_SESSION = Set.of("clientId", "id");

    private StreamingServerFixture fixture;

    @AfterEach
    void stopServer() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void handshakeReplies(RecordedPayloads recorded) {
        assumeTrue(recorded.available(), "recorded payloads not present");
        start(StreamingSettings.defaults());

        Map<String, Object> accepted = client(fixture.tokens.issue()).handshake();
        Map<String, Object> refused = client("00D000000000001!expired").handshake();

        assertSameMessage(accepted, recorded.message(BAYEUX + "handshake-success.sfdc-docs.json"), PER_SESSION);
        assertSameMessage(refused, recorded.message(BAYEUX + "handshake-denied-401-auth-invalid.with-payload-format.json"), PER_SESSION);
        Map<String, Object> jsforce = recorded.message(BAYEUX + "handshake-denied-401-auth-invalid.jsforce.json");
        assertThat(refused.get("error")).isEqualTo(jsforce.get("error"));
        assertThat(refused.get("advice")).isEqualTo(jsforce.get("advice"));
        assertThat(refused.get("ext")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsAllEntriesOf(jsforce.get("ext") instanceof Map<?, ?> ext ? cast(ext) : Map.of());
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void connectReplies(RecordedPayloads recorded) throws Exception {
        assumeTrue(recorded.available(), "recorded payloads not present");
        start(StreamingSettings.defaults());

        // Two clients sharing a browser cookie: the second is advised to poll every 2 s, the
        // reply the Salesforce guide shows (its example ran in a browser).
        BayeuxTestClient first = client(fixture.tokens.issue());
        first.handshake();
        first.firstConnect();
        CompletableFuture<List<Map<String, Object>>> held = CompletableFuture.supplyAsync(first::connect);
        BayeuxTestClient second = first.sameBrowser();
        second.handshake();
        await().until(() -> fixture.streaming.connectedClients() == 2);
        Map<String, Object> multipleClients = second.firstConnect();
        first.disconnect();
        held.get();

        BayeuxTestClient unknown = client(fixture.tokens.issue());
        unknown.useClientId("4xg15eeny70m2bbfjbxps2fqlt00");
        Map<String, Object> unknownClient = single(unknown.connect());

        BayeuxTestClient expiring = client(fixture.tokens.issue());
        expiring.handshake();
        expiring.firstConnect();
        fixture.tokens.expireAll();
        Map<String, Object> authenticationInvalid = single(expiring.connect());

        assertSameMessage(multipleClients, recorded.message(BAYEUX + "connect-success-advice.sfdc-docs.json"), PER_SESSION);
        assertSameMessage(unknownClient, recorded.message(BAYEUX + "connect-403-unknown-client.reconnect-handshake.json"), PER_SESSION);
        assertSameMessage(authenticationInvalid, recorded.message(BAYEUX + "connect-401-auth-invalid.sfdc-docs.json"), PER_SESSION);
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void subscribeReplies(RecordedPayloads recorded) {
        assumeTrue(recorded.available(), "recorded payloads not present");
        start(StreamingSettings.defaults());
        fixture.createPushTopic(InMemoryPushTopics.topic("InvoiceStatementUpdates",
                "SELECT Id, Name, Status__c, Description__c FROM Invoice_Statement__c", "Referenced"));
        BayeuxTestClient client = client(fixture.tokens.issue());
        client.handshake();
        client.firstConnect();

        Map<String, Object> subscribed = client.subscribe("/topic/InvoiceStatementUpdates", null);
        Map<String, Object> noSuchChannel = client.subscribe("/topic/AccountUpdates", null);
        Map<String, Object> invalidReplayId = client.subscribe("/topic/InvoiceStatementUpdates",
                Map.of("/topic/InvoiceStatementUpdates", 123));

        assertSameMessage(subscribed, recorded.message(BAYEUX + "subscribe-success-topic.sfdc-docs.json"), PER_SESSION);
        assertSameMessage(noSuchChannel, recorded.message(BAYEUX + "subscribe-400-channel-does-not-exist.json"), PER_SESSION);
        assertSameMessage(invalidReplayId, recorded.message(BAYEUX + "subscribe-400-replayid-invalid.CONSTRUCTED.json"), PER_SESSION);
        assertThat((String) invalidReplayId.get("error"))
                .as("camel-salesforce's pattern for falling back")
                .matches("400::The replayId \\{.*} you provided was invalid.*");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void pushTopicNotifications(RecordedPayloads recorded) {
        assumeTrue(recorded.available(), "recorded payloads not present");
        start(StreamingSettings.defaults());
        fixture.createPushTopic(InMemoryPushTopics.topic("InvoiceStatementUpdates",
                "SELECT Id, Name, Status__c, Description__c FROM Invoice_Statement__c", "Referenced"));
        BayeuxTestClient client = client(fixture.tokens.issue());
        client.handshake();
        client.firstConnect();
        client.subscribe("/topic/InvoiceStatementUpdates", null);

        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("Name", "INV-0001");
        invoice.put("Status__c", "Open");
        invoice.put("Description__c", "New invoice.");
        RecordChange created = RecordChanges.created("Invoice_Statement__c", "a00D0000009YbwQIAS", invoice,
                Instant.parse("2017-05-16T23:05:50.173Z"));
        fixture.commit(created);
        fixture.commit(RecordChanges.updated("Invoice_Statement__c", created.recordAfter(),
                Map.of("Status__c", "Negotiating"), Instant.parse("2017-05-16T23:06:11.529Z")));
        List<Map<String, Object>> events = BayeuxTestClient.events(client.connect());

        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.get("channel")).isEqualTo("/topic/InvoiceStatementUpdates"));
        assertThat(events.get(0).get("data")).isEqualTo(recorded.message(BAYEUX + "topic-data-created.sfdc-docs.json"));
        assertThat(events.get(1).get("data")).isEqualTo(recorded.message(BAYEUX + "topic-data-updated.sfdc-docs.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void changeEventsOfACustomObject(RecordedPayloads recorded) {
        assumeTrue(recorded.available(), "recorded payloads not present");
        start(StreamingSettings.defaults(), Set.of("Employee__c"));
        BayeuxTestClient client = client(fixture.tokens.issue());
        client.handshake();
        client.firstConnect();
        assertThat(client.subscribe("/data/Employee__ChangeEvent", null).get("successful")).isEqualTo(true);

        Instant created = Instant.parse("2019-05-02T11:27:36Z");
        Instant updated = Instant.parse("2019-05-02T11:29:00Z");
        Map<String, Object> employee = new LinkedHashMap<>();
        employee.put("Id", "a00B000000AVWaZIAX");
        employee.put("Name", "EN-0003");
        employee.put("First_Name__c", "Marc");
        employee.put("Last_Name__c", "Benioff");
        employee.put("Tenure__c", 20);
        employee.put("OwnerId", "005B0000005iVeGIAU");
        employee.put("IsDeleted", false);
        employee.put("CreatedDate", created);
        employee.put("CreatedById", "005B0000005iVeGIAU");
        employee.put("LastModifiedDate", created);
        employee.put("LastModifiedById", "005B0000005iVeGIAU");
        employee.put("SystemModstamp", created);
        Map<String, Object> changedEmployee = new LinkedHashMap<>(employee);
        changedEmployee.putAll(Map.of("First_Name__c", "Marc 2", "Last_Name__c", "Benioff 2", "Tenure__c", 22,
                "LastModifiedDate", updated, "SystemModstamp", updated));
        Map<String, Object> fields = new LinkedHashMap<>(employee);
        fields.keySet().removeAll(Set.of("Id", "IsDeleted", "SystemModstamp"));

        fixture.commit(new RecordChange("Employee__c", "a00B000000AVWaZIAX", ChangeType.CREATE, fields, List.of(),
                List.of(), null, employee, context("000267d5-1ab2-e18a-f726-b8849994a99a", created, 10426208028536L)));
        fixture.commit(new RecordChange("Employee__c", "a00B000000AVWaZIAX", ChangeType.UPDATE,
                Map.of("First_Name__c", "Marc 2", "Last_Name__c", "Benioff 2", "Tenure__c", 22, "LastModifiedDate", updated),
                List.of("First_Name__c", "Last_Name__c", "Tenure__c", "LastModifiedDate"), List.of(), employee, changedEmployee,
                context("000267e8-ba20-f483-b6b9-5da9bb5c6c64", Instant.ofEpochMilli(1556796540000L), 10426208532295L)));
        fixture.commit(new RecordChange("Employee__c", "a00B000000AVWaZIAX", ChangeType.DELETE, Map.of(), List.of(),
                List.of(), changedEmployee, changedEmployee,
                context("000267f1-31a6-e4e7-24e3-45f54c53a5d0", Instant.ofEpochMilli(1556796576000L), 10426208770402L)));
        List<Map<String, Object>> events = BayeuxTestClient.events(client.connect());

        assertThat(events).hasSize(3);
        assertSameChangeEvent(events.get(0), recorded.message(CDC + "readme-00-data_Employee__ChangeEvent-CREATE.json"));
        assertSameChangeEvent(events.get(1), recorded.message(CDC + "readme-04-data_Employee__ChangeEvent-UPDATE.json"));
        assertSameChangeEvent(events.get(2), recorded.message(CDC + "readme-05-data_Employee__ChangeEvent-DELETE.json"));
    }

    /**
     * Equal to the capture but for the schema and replay ids, which the org assigns, and the
     * header's {@code changedFields}, which Salesforce added in API 47.0 after this capture.
     */
    @SuppressWarnings("unchecked")
    private static void assertSameChangeEvent(Map<String, Object> actual, Map<String, Object> capture) {
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) actual.get("data"));
        Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) data.get("payload"));
        Map<String, Object> header = new LinkedHashMap<>((Map<String, Object>) payload.get("ChangeEventHeader"));
        assertThat(header).containsKey("changedFields");
        header.remove("changedFields");
        payload.put("ChangeEventHeader", header);
        data.put("payload", payload);
        Map<String, Object> recordedData = (Map<String, Object>) capture.get("data");
        assertThat((String) data.get("schema")).hasSameSizeAs((String) recordedData.get("schema"));
        data.put("schema", recordedData.get("schema"));
        data.put("event", recordedData.get("event"));

        assertThat(actual.get("channel")).isEqualTo(capture.get("channel"));
        assertThat(data).isEqualTo(recordedData);
    }

    private static void assertSameMessage(Map<String, Object> actual, Map<String, Object> recorded, Set<String> variable) {
        assertThat(actual.keySet()).as("fields of %s", actual).isEqualTo(recorded.keySet());
        recorded.forEach((field, value) -> {
            if (!variable.contains(field)) {
                assertThat(actual.get(field)).as("%s of %s", field, actual).isEqualTo(value);
            }
        });
    }

    private static ChangeContext context(String transactionKey, Instant committed, long commitNumber) {
        return new ChangeContext("com/salesforce/api/soap/46.0;client=SfdcInternalAPI/", transactionKey, 1, committed,
                "005B0000005iVeGIAU", commitNumber);
    }

    private void start(StreamingSettings settings) {
        fixture = new StreamingServerFixture(settings);
    }

    private void start(StreamingSettings settings, Set<String> changeEventEntities) {
        fixture = new StreamingServerFixture(settings, changeEventEntities);
    }

    private BayeuxTestClient client(String token) {
        return new BayeuxTestClient(fixture.cometdUrl(), token);
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
