package io.salesactivitysync.salesforce;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code salesforceApi} in {@code /actuator/health}: the org and the integration user the product is
 * logged in as (once it has logged in), the org's API usage as last seen, and
 * {@code PAUSED} while the product holds back its calls because usage passed the threshold. A
 * pause is not a failure (the product resumes by itself), so PAUSED answers HTTP 200.
 */
@Component("salesforceApi")
public class SalesforceApiHealthIndicator extends AbstractHealthIndicator {

    /** Calls to Salesforce are held back until the org's API usage falls again. */
    public static final Status PAUSED = new Status("PAUSED", "Calls to Salesforce are paused: API usage is past the threshold");

    private final SalesforceProperties properties;
    private final ApiUsageMonitor usage;
    private final IntegrationUser integrationUser;

    public SalesforceApiHealthIndicator(SalesforceProperties properties, ApiUsageMonitor usage,
                                        IntegrationUser integrationUser) {
        super("Salesforce API health check failed");
        this.properties = properties;
        this.usage = usage;
        this.integrationUser = integrationUser;
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
        // read from the current login's session: nothing is called to answer health
        String userId = integrationUser.id();
        if (userId != null) {
            builder.withDetail("orgId", String.valueOf(integrationUser.orgId()))
                    .withDetail("integrationUserId", userId)
                    .withDetail("instanceUrl", String.valueOf(integrationUser.instanceUrl()));
        }
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
