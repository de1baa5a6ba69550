package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.StreamingApiFactory;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingWireTap;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.streaming.StreamingAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * camel-salesforce 4.17's streaming bugs (docs/upstream/camel-salesforce-double-subscribe.md),
 * provoked on the wire: the emulator's Streaming API is tapped, its long polls last one second and
 * a test can hold its /meta/subscribe replies, so that camel handles a /meta/connect reply while a
 * subscription is pending. Camel then hands every event to the route twice, or, after a refused
 * replay id, never completes its fallback subscription. Neither may lose or double a change.
 */
@Import(TaskStreamFaultsFlowTest.TappedStream.class)
@TestPropertySource(properties = {"sandbox.salesforce.long-poll-timeout=1s", "sas.tasks.subscribe-timeout=5s"})
class TaskStreamFaultsFlowTest extends TaskSyncFlowTest {

    static final AtomicReference<StreamingWireTap> WIRE = new AtomicReference<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class TappedStream {
        @Bean
        StreamingApiFactory tappedStreamingApi() {
            return deps -> {
                StreamingWireTap tap = StreamingWireTap.of(deps);
                WIRE.set(tap);
                return tap;
            };
        }
    }

    @AfterEach
    void wireBackToNormal() {
        WIRE.get().delaySubscribeReplies(Duration.ZERO);
    }

    @Test
    void underTheDoubleSubscribeRaceEachEventIsAppliedOnce() throws Exception {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();

        stopStream();
        WIRE.get().delaySubscribeReplies(Duration.ofSeconds(3));
        startStream();
        editInSalesforce(sfId, "Description", "delivered twice");
        await().atMost(QUICK).until(() -> "delivered twice".equals(task(id).path("details").asText()));
        Thread.sleep(1000);
        assertThat(history(id).stream().filter(line -> line.startsWith("salesforce applied"))).as(history(id).toString())
                .hasSize(1);
    }

    @Test
    void aRefusedReplayIdWhoseFallbackNeverCompletesIsRestartedAndCaughtUp() throws Exception {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();

        stopStream();
        // as after downtime beyond Salesforce's retention: the stored replay id is one Salesforce no longer has
        jdbc.sql("UPDATE stream_checkpoints SET replay_id = 424242").update();
        editInSalesforce(sfId, "Description", "changed while the stream was away");
        WIRE.get().delaySubscribeReplies(Duration.ofSeconds(3));
        camelContext.getRouteController().startRoute("task-stream-watchdog");

        await("health says the stream is down").atMost(QUICK.multipliedBy(2)).until(() -> "DOWN".equals(health().path("status").asText()));
        assertThat(health().at("/details/reason").asText()).isNotBlank();
        WIRE.get().delaySubscribeReplies(Duration.ZERO);

        await("the watchdog restarted it").atMost(QUICK.multipliedBy(2)).until(stream::subscribed);
        await("the reconciliation caught up").atMost(QUICK)
                .until(() -> "changed while the stream was away".equals(task(id).path("details").asText()));
        assertThat(health().path("status").asText()).isEqualTo("UP");

        // and the stream itself works again
        editInSalesforce(sfId, "Description", "after the restart");
        await().atMost(QUICK).until(() -> "after the restart".equals(task(id).path("details").asText()));
    }

    @Test
    void theSameEventAppliedTwiceChangesTheProductOnce() {
        TestRep rep = syncingRep();
        long id = createTask(rep).get("id").asLong();
        String sfId = synced(id).get("salesforceTaskId").asText();
        long next = jdbc.sql("SELECT replay_id FROM stream_checkpoints").query(Long.class).single() + 1000;
        TaskEvent event = new TaskEvent("/data/TaskChangeEvent", next, "UPDATE", java.util.List.of(sfId),
                java.util.Set.of("Description"), java.util.Map.of("Description", "applied once"), "", null);

        changes.apply(event, null);
        changeInTheProductDirectly(id);
        changes.apply(event, null);

        assertThat(task(id).path("details").asText()).as("the repeat changed nothing").isEqualTo("set in between");
        assertThat(jdbc.sql("SELECT replay_id FROM stream_checkpoints").query(Long.class).single()).isEqualTo(next);
    }

    /** A product-side value set straight in the database, so that a repeat applying the event again would show. */
    private void changeInTheProductDirectly(long id) {
        jdbc.sql("UPDATE tasks SET details = 'set in between' WHERE id = :id").param("id", id).update();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private TaskChanges changes;

    private JsonNode health() {
        return api.send(api.request("/actuator/health/taskStream").GET()).json();
    }

    private void stopStream() throws Exception {
        camelContext.getRouteController().stopRoute("task-stream-watchdog");
        camelContext.getRouteController().stopRoute(TaskStreamWatch.ROUTE);
        StreamingAccess.stopSubscriptions(camelContext.getComponent("salesforce-stream", SalesforceComponent.class));
    }

    private void startStream() throws Exception {
        camelContext.getRouteController().startRoute("task-stream-watchdog");
        await().atMost(QUICK).until(stream::subscribed);
    }
}
