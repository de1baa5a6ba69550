package io.salesactivitysync.activity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The activity meters on {@code /actuator/metrics}:
 * <ul>
 *   <li>{@code sas.activities} (gauge, tags source, state): activities in the store now;</li>
 *   <li>{@code sas.activities.recorded} (counter, tags source, state): outcomes recorded;</li>
 *   <li>{@code sas.activities.logging.time} (timer, tag source): from intake to logged;</li>
 *   <li>{@code sas.activities.fields.left.out} (counter, tag field): mapped fields not written.</li>
 * </ul>
 * The gauges read the store at most once per {@link #REFRESH}, however often they are scraped.
 */
@Component
public class ActivityMetrics {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry meters;
    private final ActivityStore store;
    private final Clock clock;
    private Map<ActivitySource, Map<ActivityState, Long>> counts;
    private Instant countedAt;

    public ActivityMetrics(MeterRegistry meters, ActivityStore store, Clock clock) {
        this.meters = meters;
        this.store = store;
        this.clock = clock;
        for (ActivitySource source : ActivitySource.values()) {
            for (ActivityState state : ActivityState.values()) {
                Gauge.builder("sas.activities", this, metrics -> metrics.count(source, state))
                        .description("Activities in the store, by how they arrived and where they stand")
                        .tag("source", source.value())
                        .tag("state", state.value())
                        .register(meters);
            }
        }
    }

    void recorded(ActivityWork work) {
        String source = work.activity().source().value();
        Counter.builder("sas.activities.recorded")
                .description("Outcomes of attempts to log activities")
                .tag("source", source)
                .tag("state", work.state().value())
                .register(meters)
                .increment();
        if (work.state() == ActivityState.LOGGED) {
            Timer.builder("sas.activities.logging.time")
                    .description("Time from taking an activity in to its Tasks being in Salesforce")
                    .tag("source", source)
                    .register(meters)
                    .record(Duration.between(work.activity().createdAt().toInstant(), clock.instant()));
        }
        for (String field : work.fieldsLeftOut()) {
            Counter.builder("sas.activities.fields.left.out")
                    .description("Mapped activity fields left out of a write (field-level security, missing field)")
                    .tag("field", field)
                    .register(meters)
                    .increment();
        }
    }

    private synchronized double count(ActivitySource source, ActivityState state) {
        Instant now = clock.instant();
        if (counts == null || countedAt.plus(REFRESH).isBefore(now)) {
            counts = store.countByState();
            countedAt = now;
        }
        return counts.get(source).get(state);
    }
}
