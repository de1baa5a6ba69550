package io.salesactivitysync.sandbox.salesforce.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingWireTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deterministic reproduction of the camel-salesforce 4.17.0 double-subscribe bug, written up in
 * {@code docs/upstream/camel-salesforce-double-subscribe.md}: the emulator holds each
 * {@code /meta/subscribe} reply for three seconds while long polls last one, so a successful
 * {@code /meta/connect} reply is always handled while camel's subscription is pending. Camel then
 * subscribes its listener again, and CometD's client adds it a second time without asking the server.
 *
 * <p>These tests state camel's behaviour as it is, through the route and the wire only. When an
 * upgrade fixes it they fail: then the product's workarounds (dropping repeated replay ids, the
 * watchdog that restarts a consumer whose subscription was never confirmed) can be reviewed.
 * Each test subscribes to a PushTopic no consumer in this JVM has used, so that camel takes the
 * endpoint's replay id rather than one it remembers for the channel.
 */
class CamelDoubleSubscribeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private SalesforceEmulator emulator;
    private StreamingWireTap wire;
    private TestHttp rest;
    private CamelContext camel;
    private final List<Exchange> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startEmulator() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().longPollTimeout(Duration.ofSeconds(1)).build())
                .streaming(deps -> wire = StreamingWireTap.of(deps)).build().start();
        rest = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        wire.delaySubscribeReplies(Duration.ofSeconds(3));
    }

    @AfterEach
    void stopAll() {
        if (camel != null) {
            camel.stop();
        }
        emulator.close();
    }

    @Test
    void aConnectReplyWhileTheSubscriptionIsPendingMakesEveryEventReachTheRouteTwice() throws Exception {
        String channel = "/topic/" + newTopic();
        subscribe(channel.substring("/topic/".length()) + "?replayId=-1");
        await().atMost(PATIENCE).until(() -> wire.subscribed(channel));

        createTask("Reaches the route twice");

        // once per long poll answered while the subscription was pending, plus the subscription itself
        await().atMost(PATIENCE).until(() -> received.size() >= 2);
        assertThat(wire.subscriptions(channel)).as("one subscription on the wire").hasSize(1);
        assertThat(wire.deliveredReplayIds(channel)).as("written to the client once").hasSize(1);
        long replayId = wire.deliveredReplayIds(channel).get(0);
        assertThat(received).as("handed to the route more than once")
                .extracting(e -> e.getMessage().getHeader("CamelSalesforceReplayId", Long.class))
                .hasSizeGreaterThanOrEqualTo(2).containsOnly(replayId);
    }

    @Test
    void aSubscriptionRefusedWhileRegisteredTwiceIsNeverAskedAgainWithTheFallbackReplayId() throws Exception {
        String channel = "/topic/" + newTopic();
        // 42 was never issued: the emulator answers the invalid-replayId error camel falls back on
        subscribe(channel.substring("/topic/".length()) + "?replayId=42&fallBackReplayId=-1");

        await().atMost(PATIENCE).until(() -> wire.subscriptionAbandoned(channel));
        createTask("Never reaches the route");
        long pollsBefore = wire.successfulConnects();
        await().atMost(PATIENCE).until(() -> wire.successfulConnects() >= pollsBefore + 2);

        assertThat(wire.subscriptions(channel)).extracting(StreamingWireTap.Subscription::requestedReplayId)
                .as("the refused subscription only; the fallback to -1 never left camel").containsExactly(42L);
        assertThat(wire.deliveredReplayIds(channel)).isEmpty();
        assertThat(received).isEmpty();
    }

    private String newTopic() {
        String name = "Twice" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(rest.api("POST", "sobjects/PushTopic", "{\"Name\":\"" + name + "\",\"Query\":\"SELECT Id, Subject FROM Task\","
                + "\"ApiVersion\":56.0}").status()).isEqualTo(201);
        return name;
    }

    private void createTask(String subject) {
        assertThat(rest.api("POST", "sobjects/Task", "{\"Subject\":\"" + subject + "\"}").status()).isEqualTo(201);
    }

    private void subscribe(String topicAndOptions) throws Exception {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(emulator.baseUrl());
        salesforce.setClientId("sandbox-client");
        salesforce.setClientSecret("sandbox-secret");
        salesforce.setUserName("integration@sandbox.example");
        salesforce.setPassword("sandbox");
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", salesforce);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("salesforce:subscribe:" + topicAndOptions).routeId("twice").process(received::add);
            }
        });
        camel.start();
    }
}
