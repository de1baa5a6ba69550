package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Odd and hostile requests get Salesforce's errors as Bayeux replies, never a container error page. */
class BayeuxProtocolErrorsTest {

    private SalesforceEmulator emulator;
    private TestHttp rest;
    private String cometdUrl;

    @BeforeEach
    void startEmulator() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().longPollTimeout(Duration.ofSeconds(1)).build())
                .build().start();
        rest = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        cometdUrl = emulator.baseUrl() + "/cometd/56.0";
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void aHandshakeWithoutTokenIsDeniedWithTheReasonCamelNeeds() {
        Map<String, Object> reply = new BayeuxTestClient(cometdUrl, null).handshake();

        assertThat(reply).containsEntry("successful", false)
                .containsEntry("error", "403::Handshake denied")
                .containsEntry("advice", Map.of("reconnect", "none"))
                .doesNotContainKey("clientId");
        assertThat(reply.get("ext")).isEqualTo(Map.of("replay", true, "payload.format", true,
                "sfdc", Map.of("failureReason", "401::Request requires authentication")));
    }

    @Test
    void onlyLongPollingIsOffered() {
        BayeuxTestClient client = client();
        Map<String, Object> handshake = Map.of("channel", "/meta/handshake", "version", "1.0",
                "supportedConnectionTypes", List.of("websocket"));

        assertThat(client.send("handshake", handshake)).singleElement()
                .satisfies(reply -> assertThat(reply).containsEntry("error", "400::Invalid connection type websocket"));

        client.handshake();
        Map<String, Object> connect = Map.of("channel", "/meta/connect", "clientId", client.clientId(),
                "connectionType", "callback-polling");
        assertThat(client.send("connect", connect)).singleElement()
                .satisfies(reply -> assertThat(reply).containsEntry("error", "400::Invalid connection type callback-polling"));
    }

    @Test
    void theUrlMustNameAServedApiVersion() {
        String token = token();

        assertThat(new BayeuxTestClient(emulator.baseUrl() + "/cometd", token).handshake())
                .containsEntry("error", "400::API version in the URI is mandatory. URI format: '/cometd/62.0'");
        assertThat(new BayeuxTestClient(emulator.baseUrl() + "/cometd/40.0", token).handshake())
                .containsEntry("error", "400::Unsupported API version. Only API versions '50.0' and later are supported. URI format: '/cometd/62.0'");
        assertThat(new BayeuxTestClient(emulator.baseUrl() + "/cometd/replay", token).handshake())
                .containsEntry("successful", false);
        assertThat(new BayeuxTestClient(emulator.baseUrl() + "/cometd/50.0", token).handshake()).containsEntry("successful", true);
        assertThat(new BayeuxTestClient(emulator.baseUrl() + "/cometd/62.0", token).handshake()).containsEntry("successful", true);
    }

    @Test
    void subscriptionsMustNameAChannelTheOrgOffers() {
        createPushTopic("Paused", false);
        BayeuxTestClient client = connectedClient();

        assertThat(client.send("subscribe", Map.of("channel", "/meta/subscribe", "clientId", client.clientId())))
                .singleElement().satisfies(reply -> assertThat(reply).containsEntry("error", "400::Channel name not specified"));
        Map<String, Object> nullChannel = new HashMap<>(Map.of("channel", "/meta/subscribe", "clientId", client.clientId()));
        nullChannel.put("subscription", Arrays.asList((Object) null));
        assertThat(client.send("subscribe", nullChannel)).singleElement()
                .satisfies(reply -> assertThat(reply).containsEntry("successful", false).containsKey("error"));
        assertThat(client.subscribe("data/TaskChangeEvent", null))
                .containsEntry("error", "400::Channel subscriptions must start with a leading '/'");
        for (String channel : List.of("/data/FooChangeEvent", "/data/PushTopicChangeEvent", "/topic/Paused",
                "/topic/Nobody", "/data/**", "/topic/*", "/event/Low_Ink__e")) {
            assertThat(client.subscribe(channel, null)).as(channel)
                    .containsEntry("successful", false)
                    .containsEntry("subscription", channel)
                    .containsEntry("error", "400::The channel you requested to subscribe to does not exist {" + channel + "}");
        }
        assertThat(client.subscribe("/data/LeadChangeEvent", null)).containsEntry("successful", true);
        assertThat(client.subscribe("/data/ChangeEvents", null)).containsEntry("successful", true);
    }

    @Test
    void replayIdsMustBeNumbersTheChannelCanResumeFrom() {
        BayeuxTestClient client = connectedClient();

        assertThat(client.subscribe("/data/TaskChangeEvent", Map.of("/data/TaskChangeEvent", "abc")))
                .containsEntry("error", StreamingErrors.invalidReplayId("abc"));
        assertThat(client.subscribe("/data/TaskChangeEvent", Map.of("/data/TaskChangeEvent", 1.5)))
                .containsEntry("error", StreamingErrors.invalidReplayId(1.5));
        assertThat(client.subscribe("/data/TaskChangeEvent", Map.of("/data/TaskChangeEvent", 0)))
                .containsEntry("error", StreamingErrors.invalidReplayId(0));
        assertThat(client.subscribe("/data/TaskChangeEvent", Map.of("/data/TaskChangeEvent", "-2")))
                .as("replay ids sent as strings, as some clients do").containsEntry("successful", true);
    }

    @Test
    void subscribingNeedsALiveToken() {
        BayeuxTestClient client = connectedClient();

        client.useAccessToken(null);
        assertThat(client.subscribe("/data/TaskChangeEvent", null)).containsEntry("error", "401::Request requires authentication");
        client.useAccessToken("00D000000000001!forged");
        assertThat(client.subscribe("/data/TaskChangeEvent", null)).containsEntry("error", "401::Authentication invalid");
        assertThat(client.unsubscribe("/data/TaskChangeEvent")).containsEntry("error", "401::Authentication invalid");
    }

    @Test
    void clientsCannotPublish() {
        createPushTopic("TaskTopic", true);
        BayeuxTestClient client = connectedClient();

        for (String channel : List.of("/topic/TaskTopic", "/data/TaskChangeEvent", "/chat/room")) {
            Map<String, Object> publish = Map.of("channel", channel, "clientId", client.clientId(), "data", Map.of("x", 1));
            assertThat(client.send("", publish)).singleElement().satisfies(reply -> {
                assertThat(reply).containsEntry("successful", false);
                assertThat((String) reply.get("error")).startsWith("403:");
            });
        }
    }

    @Test
    void anUnknownClientIsToldSoOnEveryChannel() {
        BayeuxTestClient client = client();
        client.useClientId("1q1ib66fvm7kli1gfoauu95i78g");

        assertThat(client.subscribe("/data/TaskChangeEvent", null)).containsEntry("error", "403::Unknown client");
        assertThat(client.unsubscribe("/data/TaskChangeEvent")).containsEntry("error", "403::Unknown client");
        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply)
                .containsEntry("error", "403::Unknown client")
                .containsEntry("advice", Map.of("reconnect", "handshake", "interval", 0)));
    }

    @Test
    void requestsThatAreNotBayeuxMessagesGetAJsonError() {
        BayeuxTestClient client = client();

        assertJsonError(client.post(cometdUrl + "/handshake", "[{\"channel\": "), 400);
        assertJsonError(client.post(cometdUrl + "/handshake", "[]"), 400);
        assertJsonError(client.post(cometdUrl + "/handshake", "\"hello\""), 400);
        assertJsonError(client.post(cometdUrl + "/handshake", "[{\"channel\": \"" + "x".repeat(40_000) + "\"}]"), 413);
        assertJsonError(client.get(cometdUrl + "/handshake"), 400);
        assertThat(client.send("connect", Map.of("clientId", "abc", "id", "7"))).singleElement()
                .satisfies(reply -> assertThat(reply).containsEntry("successful", false).containsKey("error"));
        assertThat(client.send("connect", Map.of("channel", "no slash"))).singleElement()
                .satisfies(reply -> assertThat(reply).containsEntry("successful", false).containsKey("error"));
    }

    @Test
    void aDisconnectedClientIsForgottenAndAnUnsubscribedOneGetsNothingMore() {
        BayeuxTestClient client = connectedClient();
        assertThat(client.subscribe("/data/TaskChangeEvent", null)).containsEntry("successful", true);
        assertThat(client.unsubscribe("/data/TaskChangeEvent")).containsEntry("successful", true);
        assertThat(rest.api("POST", "sobjects/Task", "{\"Subject\":\"x\"}").status()).isEqualTo(201);

        assertThat(BayeuxTestClient.events(client.connect())).isEmpty();

        assertThat(client.disconnect()).containsEntry("successful", true);
        assertThat(emulator.admin().streaming().orElseThrow().connectedClients()).isZero();
        assertThat(client.connect()).singleElement().satisfies(reply -> assertThat(reply).containsEntry("error", "403::Unknown client"));
    }

    private static void assertJsonError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(BayeuxTestClient.parse(response.body())).singleElement().satisfies(reply -> {
            assertThat(reply).containsEntry("successful", false);
            assertThat((String) reply.get("error")).startsWith(status + "::");
        });
    }

    private BayeuxTestClient client() {
        return new BayeuxTestClient(cometdUrl, token());
    }

    private String token() {
        return TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example");
    }

    private void createPushTopic(String name, boolean active) {
        assertThat(rest.api("POST", "sobjects/PushTopic", "{\"Name\":\"" + name + "\",\"Query\":\"SELECT Id FROM Task\","
                + "\"ApiVersion\":56.0,\"NotifyForFields\":\"All\",\"IsActive\":" + active + "}").status()).isEqualTo(201);
    }

    private BayeuxTestClient connectedClient() {
        BayeuxTestClient client = client();
        assertThat(client.handshake()).containsEntry("successful", true);
        assertThat(client.firstConnect()).containsEntry("successful", true);
        return client;
    }
}
