package io.salesactivitysync.task;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.salesactivitysync.store.TaskSyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * The task sync meters on {@code /actuator/metrics}:
 * <ul>
 *   <li>{@code sas.tasks.changes.applied} (counter, tag source: stream, reconciliation, first_sync,
 *       sweep): Salesforce-side changes applied to product tasks;</li>
 *   <li>{@code sas.tasks.changes.filtered} (counter, tag reason): Salesforce-side changes (or parts)
 *       not applied: own_change, duplicate, malformed, status_not_synced, priority_not_synced,
 *       subject_one_way, sync_off, owner_not_synced, not_a_reminder, product_newer;</li>
 *   <li>{@code sas.tasks.changes.sent} (counter, tags operation, outcome): product changes written to
 *       Salesforce;</li>
 *   <li>{@code sas.tasks.outbox.depth} and {@code sas.tasks.outbox.failed} (gauges): entries waiting,
 *       and failed for good; {@code sas.tasks.outbox.age} (gauge, seconds): age of the oldest waiting;</li>
 *   <li>{@code sas.tasks.stream.lag} (timer): from Salesforce's commit of a change to its being
 *       applied in the product;</li>
 *   <li>{@code sas.tasks.stream.missed} (counter): changes the reconciliation found that the stream
 *       had not delivered.</li>
 * </ul>
 */
@Component
public class TaskSyncMetrics {

    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final MeterRegistry meters;
    private final TaskSyncStore store;
    private final Clock clock;
    private TaskSyncStore.OutboxDepth depth;
    private Instant readAt;

    public TaskSyncMetrics(MeterRegistry meters, TaskSyncStore store, Clock clock) {
        this.meters = meters;
        this.store = store;
        this.clock = clock;
        Gauge.builder("sas.tasks.outbox.depth", this, m -> m.depth().pending())
                .description("Product task changes waiting in the outbox to be written to Salesforce").register(meters);
        Gauge.builder("sas.tasks.outbox.failed", this, m -> m.depth().failed())
                .description("Product task changes Salesforce refused for good").register(meters);
        Gauge.builder("sas.tasks.outbox.age", this, m -> {
            OffsetDateTime oldest = m.depth().oldest();
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
        }).description("Age of the oldest change waiting in the outbox").baseUnit("seconds").register(meters);
    }

    void applied(String source, int count) {
        if (count > 0) {
            Counter.builder("sas.tasks.changes.applied").description("Salesforce-side task changes applied in the product")
                    .tag("source", source).register(meters).increment(count);
        }
    }

    void filtered(String reason) {
        Counter.builder("sas.tasks.changes.filtered").description("Salesforce-side task changes (or parts) not applied")
                .tag("reason", reason).register(meters).increment();
    }

    void sent(String operation, String outcome) {
        Counter.builder("sas.tasks.changes.sent").description("Product task changes written to Salesforce")
                .tag("operation", operation).tag("outcome", outcome).register(meters).increment();
    }

    void lag(OffsetDateTime committedAt) {
        if (committedAt != null) {
            Timer.builder("sas.tasks.stream.lag").description("From Salesforce's commit of a change to its being applied")
                    .register(meters).record(Duration.between(committedAt.toInstant(), clock.instant()));
        }
    }

    void missed(int count) {
        Counter.builder("sas.tasks.stream.missed").description("Changes the reconciliation found the stream had not delivered")
                .register(meters).increment(count);
    }

    private synchronized TaskSyncStore.OutboxDepth depth() {
        Instant now = clock.instant();
        if (depth == null || readAt.plus(REFRESH).isBefore(now)) {
            depth = store.outboxDepth();
            readAt = now;
        }
        return depth;
    }
}
