package io.salesactivitysync.task;

import io.salesactivitysync.store.TaskSyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.streaming.StreamingAccess;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The task stream's watchdog (route task-stream-watchdog, every few seconds), and its health
 * ({@code taskStream} in /actuator/health).
 *
 * <p>It starts the task-inbound route while some rep syncs tasks (and stops it when none does),
 * each time resuming after the replay id the product last committed (stream_checkpoints), not
 * the one camel remembers in memory. It restarts the subscription when camel-salesforce 4.17
 * leaves it dead: a /meta/subscribe never confirmed within sas.tasks.subscribe-timeout (camel
 * gives up on some failures, and its fallback subscription can hang: docs/upstream), an event
 * the route could not apply (it is replayed from the checkpoint), or changes the reconciliation
 * found the stream had missed. Health is DOWN, with the reason, from the moment the stream is
 * wanted and not confirmed until it is.
 */
@Component("taskStream")
public class TaskStreamWatch implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStreamWatch.class);
    static final String ROUTE = "task-inbound";

    private final CamelContext camel;
    private final TaskSyncStore store;
    private final TaskSyncProperties properties;
    private final Clock clock;

    private volatile BayeuxClient hooked;
    private volatile Instant startedAt;
    private volatile Instant confirmedAt;
    private volatile String problem;
    private volatile String restartReason;
    private volatile Instant nextTryAt = Instant.MIN;
    private volatile int failures;
    private volatile int restarts;
    private volatile boolean wanted;
    /** Salesforce refused the stored replay id (beyond its retention): resume with new events and catch up. */
    private volatile boolean replayRefused;
    private volatile boolean catchUpDue;
    private volatile boolean replaying;
    private final org.apache.camel.spi.IdempotentRepository eventsSeen;
    /** The last event that moved the checkpoint, in memory: its lag needs no column, and a restart has no last event yet. */
    private volatile AppliedEvent lastApplied;

    /** When Salesforce committed a change the stream carried, and when the product committed it with the checkpoint. */
    record AppliedEvent(OffsetDateTime committedAt, Instant appliedAt) {

        Duration lag() {
            return Duration.between(committedAt.toInstant(), appliedAt);
        }
    }

    public TaskStreamWatch(@Lazy CamelContext camel, TaskSyncStore store, TaskSyncProperties properties, Clock clock,
            @org.springframework.beans.factory.annotation.Qualifier("taskEventsSeen")
            org.apache.camel.spi.IdempotentRepository eventsSeen) {
        this.camel = camel;
        this.eventsSeen = eventsSeen;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Whether a reconciliation should run now: the stream resumed after Salesforce refused its
     * replay id, so the changes in between come from a query. Asked by the watchdog route after
     * {@link #supervise()}; answers true once per such resumption.
     */
    public boolean catchUpDue() {
        boolean due = catchUpDue && subscribed();
        if (due) {
            catchUpDue = false;
        }
        return due;
    }

    /** One look at the stream: start, stop or restart it as needed. */
    public synchronized void supervise() {
        wanted = !store.syncedReps().isEmpty();
        ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE);
        if (status == null) {
            return; // the route file is not loaded (sas.salesforce.enabled off)
        }
        Instant now = clock.instant();
        if (!wanted) {
            if (status.isStarted()) {
                LOG.info("No rep syncs tasks any more: the task stream stops");
                stop();
            }
            problem = null;
            return;
        }
        hook();
        if (status.isStarted() && restartReason == null && confirmedAt == null && startedAt != null
                && startedAt.plus(properties.subscribeTimeout()).isBefore(now)) {
            restartReason = "the subscription to " + properties.channel() + " was not confirmed within "
                    + properties.subscribeTimeout().toSeconds() + "s";
        }
        if (status.isStarted() && restartReason == null) {
            return;
        }
        if (now.isBefore(nextTryAt)) {
            return;
        }
        if (status.isStarted()) {
            LOG.warn("The task stream restarts: {}", restartReason);
            problem = restartReason;
            restarts++;
            stop();
        }
        restartReason = null;
        start(now);
    }

    /**
     * The route could not apply an event: the subscription starts again after the checkpoint, so it
     * is replayed. Until then no later event is applied (it would move the checkpoint past the
     * failed one), and the event is forgotten by the route's idempotent step, so the replay passes.
     */
    public void failed(org.apache.camel.Exchange exchange) {
        Exception cause = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class);
        Object channel = exchange.getMessage().getHeader("CamelSalesforceChannel");
        Object replayId = exchange.getMessage().getHeader("CamelSalesforceReplayId");
        eventsSeen.remove(channel + ":" + replayId);
        if (!replaying) {
            replaying = true;
            restartReason = "an event could not be applied (" + (cause == null ? "unknown" : cause.getMessage())
                    + "); replaying from the checkpoint";
        }
    }

    /** Whether the stream waits to be replayed from the checkpoint (an event failed): apply nothing now. */
    public boolean replaying() {
        return replaying;
    }

    /**
     * An event moved the checkpoint (its transaction committed): its lag, from Salesforce's commit
     * of the change to the product's, is what health shows. An event without a commit time (one
     * the product could not read) says nothing about the lag and is left out.
     */
    void applied(TaskEvent event) {
        if (event.committedAt() != null) {
            lastApplied = new AppliedEvent(event.committedAt(), clock.instant());
        }
    }

    /** The reconciliation applied changes the stream should have delivered. */
    void missed(int count) {
        if (wanted) {
            restartReason = "the stream missed " + count + " changes (found by the reconciliation)";
        }
    }

    private void start(Instant now) {
        try {
            long resumeAfter = replayRefused ? -1L
                    : store.checkpoint(properties.channel()).map(TaskSyncStore.Checkpoint::replayId).orElse(-1L);
            if (replayRefused) {
                LOG.warn("Salesforce no longer has the stream's replay id: it resumes with new events, and a"
                        + " reconciliation catches up on the changes in between");
                replayRefused = false;
                catchUpDue = true;
            }
            store.ensureCheckpoint(properties.channel());
            StreamingAccess.resumeAfter(properties.channel(), resumeAfter);
            replaying = false;
            startedAt = now;
            confirmedAt = null;
            // the client first, then the listener, then the consumer's subscribe: a reply that came
            // before the listener would leave the stream unconfirmed until the subscribe timeout
            StreamingAccess.startSubscriptions(component());
            hook();
            camel.getRouteController().startRoute(ROUTE);
            failures = 0;
            nextTryAt = Instant.MIN;
            LOG.info("The task stream subscribes to {} after replay id {}", properties.channel(), resumeAfter);
        } catch (Exception e) {
            failures++;
            Duration wait = Duration.ofSeconds(Math.min(300, 5L << Math.min(6, failures - 1)));
            nextTryAt = now.plus(wait);
            problem = "the task stream could not start: " + rootMessage(e) + "; tried again in " + wait.toSeconds() + "s";
            LOG.warn("The task stream could not start ({}); tried again in {}s", rootMessage(e), wait.toSeconds());
            stop();
        }
    }

    private void stop() {
        try {
            camel.getRouteController().stopRoute(ROUTE);
            StreamingAccess.stopSubscriptions(component());
        } catch (Exception e) {
            LOG.warn("Stopping the task stream: {}", rootMessage(e));
        }
        hooked = null;
        confirmedAt = null;
        startedAt = null;
    }

    /** Listens to the confirmations of the current CometD client (a new one after each restart). */
    private void hook() {
        try {
            Optional<BayeuxClient> client = StreamingAccess.client(component());
            if (client.isEmpty() || client.get() == hooked) {
                return;
            }
            BayeuxClient current = client.get();
            current.getChannel(Channel.META_SUBSCRIBE).addListener((ClientSessionChannel.MessageListener) (channel, message) -> {
                if (!properties.channel().equals(String.valueOf(message.get("subscription")))) {
                    return;
                }
                if (message.isSuccessful()) {
                    confirmedAt = clock.instant();
                    problem = null;
                    replayRefused = false;
                    LOG.info("The task stream is subscribed to {}", properties.channel());
                } else {
                    String error = String.valueOf(message.get("error"));
                    problem = "Salesforce refused the subscription to " + properties.channel() + ": " + error;
                    if (error.contains("replayId") && error.contains("invalid")) {
                        // camel falls back to new events by itself, unless its fallback hangs (see above);
                        // either way the changes since the checkpoint come from a reconciliation
                        replayRefused = true;
                        catchUpDue = true;
                        store.forgetReplayId(properties.channel());
                    }
                }
            });
            hooked = current;
        } catch (Exception e) {
            LOG.debug("The task stream's client is not there yet: {}", e.getMessage());
        }
    }

    private SalesforceComponent component() {
        return camel.getComponent("salesforce-stream", SalesforceComponent.class);
    }

    /** Whether the subscription is confirmed now. */
    public boolean subscribed() {
        return confirmedAt != null && startedAt != null;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", properties.channel());
        store.checkpoint(properties.channel()).ifPresent(checkpoint -> {
            details.put("replayId", checkpoint.replayId());
            details.put("lastEventCommittedAt", checkpoint.committedAt());
        });
        AppliedEvent last = lastApplied;
        if (last != null) {
            details.put("lastEventAppliedAt", last.appliedAt());
            // ISO-8601 (PT0.42S); a Salesforce clock ahead of ours would make it negative: none is 0
            details.put("lag", (last.lag().isNegative() ? Duration.ZERO : last.lag()).toString());
        }
        details.put("restarts", restarts);
        if (!wanted) {
            return Health.up().withDetail("stream", "not running: no rep syncs tasks").withDetails(details).build();
        }
        if (subscribed()) {
            details.put("subscribedAt", confirmedAt);
            return Health.up().withDetails(details).build();
        }
        details.put("reason", problem != null ? problem : "subscribing to " + properties.channel());
        Instant started = startedAt;
        if (problem == null && started != null && started.plus(properties.subscribeTimeout()).isAfter(clock.instant())) {
            return Health.unknown().withDetails(details).build();
        }
        return Health.down().withDetails(details).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
