package io.salesactivitysync.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The BCC capture's meters on {@code /actuator/metrics}:
 * <ul>
 *   <li>{@code sas.bcc.emails} (counter, tag outcome: logged, unresolved, rejected, failed): emails
 *       marked done in the mailbox;</li>
 *   <li>{@code sas.bcc.mailbox.backlog} (gauge): unseen emails in the mailbox folder at the last
 *       poll, those waiting for Salesforce included;</li>
 *   <li>{@code sas.bcc.mailbox.oldest.age} (gauge, seconds): how long the oldest unseen email of the
 *       last poll has been in the mailbox, 0 when the last poll found none.</li>
 * </ul>
 */
@Component
public class BccMetrics {

    private final Clock clock;
    private final Map<BccMailbox.Outcome, Counter> emails = new EnumMap<>(BccMailbox.Outcome.class);
    private volatile long backlog;
    private volatile Instant oldest;

    public BccMetrics(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        for (BccMailbox.Outcome outcome : BccMailbox.Outcome.values()) {
            emails.put(outcome, Counter.builder("sas.bcc.emails")
                    .description("BCC emails marked done in the mailbox, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
        Gauge.builder("sas.bcc.mailbox.backlog", this, metrics -> metrics.backlog)
                .description("Unseen emails in the BCC mailbox at the last poll")
                .register(meters);
        Gauge.builder("sas.bcc.mailbox.oldest.age", this, BccMetrics::oldestAgeSeconds)
                .description("Seconds since the oldest unseen email of the last poll arrived")
                .baseUnit("seconds")
                .register(meters);
    }

    void settled(BccMailbox.Outcome outcome) {
        emails.get(outcome).increment();
    }

    void mailbox(long unseen, Instant oldestArrival) {
        backlog = Math.max(0, unseen);
        oldest = oldestArrival;
    }

    void mailboxEmpty() {
        backlog = 0;
        oldest = null;
    }

    private double oldestAgeSeconds() {
        Instant arrival = oldest;
        return arrival == null ? 0 : Math.max(0, Duration.between(arrival, clock.instant()).toMillis() / 1000.0);
    }
}
