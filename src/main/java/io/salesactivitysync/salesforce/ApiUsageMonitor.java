package io.salesactivitysync.salesforce;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches the org's daily API usage, as Salesforce reports it on every answer
 * ({@code Sforce-Limit-Info: api-usage=used/max}) and on {@code /limits}. Past
 * {@code sas.salesforce.pause-at-api-usage} of the allowance the product stops calling Salesforce
 * (the flows check {@link #paused()}), and goes on by itself once usage has fallen again (a new
 * day, a raised limit), so that the org's other integrations keep their share.
 */
@Component
public class ApiUsageMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiUsageMonitor.class);
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final double pauseAt;
    private final Duration limitsCheckInterval;
    private final Clock clock;
    private long used = -1;
    private long max = -1;
    private Instant observedAt;
    private boolean paused;

    public ApiUsageMonitor(SalesforceProperties properties, Clock clock, MeterRegistry meters) {
        this.pauseAt = properties.pauseAtApiUsage();
        this.limitsCheckInterval = properties.limitsCheckInterval();
        this.clock = clock;
        Gauge.builder("sas.salesforce.api.usage", this, monitor -> monitor.snapshot().used())
                .description("Salesforce API requests the org used today, as Salesforce last reported it")
                .register(meters);
        Gauge.builder("sas.salesforce.api.limit", this, monitor -> monitor.snapshot().max())
                .description("The org's daily Salesforce API request allowance")
                .register(meters);
        Gauge.builder("sas.salesforce.api.paused", this, monitor -> monitor.paused() ? 1 : 0)
                .description("1 while calls to Salesforce are paused because the API usage passed the threshold")
                .register(meters);
    }

    /** The org's usage as last seen. */
    public record Usage(long used, long max, Instant observedAt, boolean paused, double pauseAt) {
    }

    /** Reads a {@code Sforce-Limit-Info} header value; anything else is ignored. */
    public void observeHeader(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher matcher = API_USAGE.matcher(limitInfo);
        if (matcher.find()) {
            observe(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
    }

    /** Records usage from {@code /limits} (DailyApiRequests: Max and Remaining). */
    public void observeLimits(Limits limits) {
        Limits.Usage daily = limits == null ? null : limits.getDailyApiRequests();
        if (daily != null && daily.getMax() > 0) {
            observe(Math.max(0, daily.getMax() - daily.getRemaining()), daily.getMax());
        }
    }

    /** While paused nothing else reports usage: whether it is time to read {@code /limits} again. */
    public synchronized boolean limitsCheckDue() {
        return paused && (observedAt == null || !observedAt.plus(limitsCheckInterval).isAfter(clock.instant()));
    }

    /** Salesforce refused a call with REQUEST_LIMIT_EXCEEDED: the allowance is spent. */
    public synchronized void limitExceeded() {
        observe(Math.max(max, 1), Math.max(max, 1));
    }

    public synchronized boolean paused() {
        return paused;
    }

    public synchronized Usage snapshot() {
        return new Usage(used, max, observedAt, paused, pauseAt);
    }

    /** Why calls are paused, in a sentence; null when they are not. */
    public synchronized String pauseReason() {
        return paused ? "The org has used " + used + " of its " + max + " daily API requests (pause at "
                + Math.round(pauseAt * 100) + " %): calls to Salesforce resume when usage falls below that" : null;
    }

    private synchronized void observe(long usedNow, long maxNow) {
        if (maxNow <= 0) {
            return;
        }
        used = usedNow;
        max = maxNow;
        observedAt = clock.instant();
        boolean over = usedNow >= Math.ceil(maxNow * pauseAt);
        if (over != paused) {
            paused = over;
            if (over) {
                LOG.warn("Pausing calls to Salesforce: {}", pauseReason());
            } else {
                LOG.info("Resuming calls to Salesforce: the org has used {} of {} daily API requests", usedNow, maxNow);
            }
        }
    }
}
