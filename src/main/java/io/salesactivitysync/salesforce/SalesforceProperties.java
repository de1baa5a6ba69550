package io.salesactivitysync.salesforce;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sas.salesforce.*}: see {@code config/application.yml}.
 *
 * @param enabled             run the flows that call Salesforce (the camel.component.salesforce.*
 *                            connection must be set)
 * @param apiVersion          the REST API version the product's own requests use (composite
 *                            subrequest URLs); the same as camel.component.salesforce.api-version
 * @param pauseAtApiUsage     the share of the org's daily API requests at which the product stops
 *                            calling Salesforce until usage falls again
 * @param limitsCheckInterval while paused, how often the org's API usage is read again
 * @param taskExternalIdField the Task custom field (External ID, unique) each logged Task carries
 *                            its key in; upserts go by it, so nothing is logged twice
 */
@Validated
@ConfigurationProperties("sas.salesforce")
public record SalesforceProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("56.0") @NotBlank String apiVersion,
        @DefaultValue("0.9") @DecimalMin("0.01") @DecimalMax("1.0") double pauseAtApiUsage,
        @DefaultValue("5m") Duration limitsCheckInterval,
        @DefaultValue("Sales_Activity_Id__c") @NotBlank String taskExternalIdField) {
}
