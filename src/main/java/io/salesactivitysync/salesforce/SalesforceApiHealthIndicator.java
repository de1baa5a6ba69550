package io.salesactivitysync.salesforce;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code salesforceApi} in {@code /actuator/health}: the org's API usage as last seen, and
 * {@code PAUSED} while the product holds back its calls because usage passed the threshold. A
 * pause is not a failure (the product resumes by itself), so PAUSED answers HTTP 200.
 */
@Component("salesforceApi")
public class SalesforceApiHealthIndicator extends AbstractHealthIndicator {

    /** Calls to Salesforce are held back until the org's API usage falls again. */
    public static final Status PAUSED = new Status("PAUSED", "Calls to Salesforce are paused: API usage is past the threshold");

    private final SalesforceProperties properties;
    private final ApiUsageMonitor usage;

    public SalesforceApiHealthIndicator(SalesforceProperties properties, ApiUsageMonitor usage) {
        super("Salesforce API health check failed");
        this.properties = properties;
        this.usage = usage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!properties.enabled()) {
            builder.up().withDetail("enabled", false)
                    .withDetail("reason", "sas.salesforce.enabled is false: nothing is sent to Salesforce");
            return;
        }
        ApiUsageMonitor.Usage snapshot = usage.snapshot();
        builder.status(snapshot.paused() ? PAUSED : Status.UP)
                .withDetail("enabled", true)
                .withDetail("pauseAtApiUsage", snapshot.pauseAt());
        if (snapshot.max() > 0) {
            builder.withDetail("apiRequestsUsed", snapshot.used())
                    .withDetail("apiRequestsAllowed", snapshot.max())
                    .withDetail("observedAt", String.valueOf(snapshot.observedAt()));
        }
        if (snapshot.paused()) {
            builder.withDetail("reason", usage.pauseReason());
        }
    }
}
