package io.salesactivitysync.activity;

import io.salesactivitysync.store.ActivityStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Unresolved activities (no Contact or Lead matched their person) are matched again once per
 * {@code sas.activity.unresolved-retry-interval} for {@code sas.activity.unresolved-retry-for}
 * after their intake: a Contact or Lead with the address may have been added in Salesforce.
 * They go through the ordinary batches, so a thousand of them cost a handful of lookups.
 */
@Component
public class UnresolvedRetries {

    private static final Logger LOG = LoggerFactory.getLogger(UnresolvedRetries.class);
    /** At most this many are made pending per run: the rest wait for the next one. */
    static final int PER_RUN = 1000;

    private final ActivityStore activities;
    private final ActivityLoggingProperties properties;
    private final Clock clock;

    public UnresolvedRetries(ActivityStore activities, ActivityLoggingProperties properties, Clock clock) {
        this.activities = activities;
        this.properties = properties;
        this.clock = clock;
    }

    /** Makes the unresolved activities that are due for another look pending again; answers how many. */
    public int retryDue() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int retried = activities.retryUnresolved(now.minus(properties.unresolvedRetryFor()),
                now.minus(properties.unresolvedRetryInterval()), PER_RUN);
        if (retried > 0) {
            LOG.info("Matching {} unresolved activities again (a Contact or Lead may have been added since)", retried);
        }
        return retried;
    }
}
