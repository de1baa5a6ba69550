package io.salesactivitysync.activity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sas.activity.*}: see {@code config/application.yml}.
 *
 * @param batchSize        activities logged together: one lookup call and one Task write (at most
 *                         200, the sObject Collections limit)
 * @param claimLease       how long a batch holds its activities; after a crash they are taken
 *                         again once it has passed
 * @param maxAttempts      tries for an activity that meets only temporary errors before it is
 *                         failed (a retry through the API starts again)
 * @param retryBackoff     the wait after the first temporary failure; it doubles each time
 * @param retryBackoffMax  the longest wait between tries
 * @param repCheckInterval how often a rep's connection is checked against Salesforce again
 * @param preflightInterval how often the preflight reads again what the integration user may write
 * @param unresolvedRetryInterval how often an unresolved activity is matched again (a Contact or
 *                         Lead with its address may have been added in Salesforce)
 * @param unresolvedRetryFor how long after its intake an unresolved activity is still matched again
 * @param attributeFields  activity attribute fields: custom fields on Task, Contact, Lead, Account
 *                         and Opportunity filled from the activity
 * @param callStyle        how the flow calls Salesforce: {@code batched} (the product: one composite
 *                         lookup and Task and field writes 200 a call) or {@code one-per-record}
 *                         (the benchmark's naive baseline, not for production: one call per query,
 *                         per Task and per record update; with batch-size 1 that is one lookup per
 *                         address and one create per Task, as a naive integration logs). See
 *                         {@link OneCallPerRecord}.
 */
@Validated
@ConfigurationProperties("sas.activity")
public record ActivityLoggingProperties(
        @DefaultValue("200") @Min(1) @Max(200) int batchSize,
        @DefaultValue("2m") Duration claimLease,
        @DefaultValue("12") @Min(1) int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("30m") Duration retryBackoffMax,
        @DefaultValue("15m") Duration repCheckInterval,
        @DefaultValue("1h") Duration preflightInterval,
        @DefaultValue("1h") Duration unresolvedRetryInterval,
        @DefaultValue("14d") Duration unresolvedRetryFor,
        @DefaultValue List<@Valid AttributeField> attributeFields,
        @DefaultValue(BATCHED) @Pattern(regexp = BATCHED + "|" + ONE_PER_RECORD,
                message = "must be " + BATCHED + " or " + ONE_PER_RECORD) String callStyle) {

    public static final String BATCHED = "batched";
    public static final String ONE_PER_RECORD = "one-per-record";

    /**
     * @param object Task, Contact, Lead, Account or Opportunity (Contact and Lead: the person the
     *               activity is logged against; Account: the Contact's or the Opportunity's account)
     * @param field  the field's API name, e.g. Last_Sales_Activity__c
     * @param value  what goes in: occurred_at, activity_type, activity_subject,
     *               sales_campaign_name, sales_campaign_day, sales_campaign_step, call_outcome,
     *               call_reason, or attributes.NAME (an attribute sent with the activity)
     */
    public record AttributeField(
            @NotNull @Pattern(regexp = "Task|Contact|Lead|Account|Opportunity",
                    message = "must be Task, Contact, Lead, Account or Opportunity") String object,
            @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*", message = "must be a field API name") String field,
            @NotBlank @Pattern(regexp = "occurred_at|activity_type|activity_subject|sales_campaign_name"
                    + "|sales_campaign_day|sales_campaign_step|call_outcome|call_reason|attributes\\.[A-Za-z0-9_]+",
                    message = "must be occurred_at, activity_type, activity_subject, sales_campaign_name,"
                            + " sales_campaign_day, sales_campaign_step, call_outcome, call_reason or attributes.NAME")
            String value) {

        /** {@code Object.Field}, as activities name the fields left out. */
        public String qualifiedName() {
            return object + "." + field;
        }
    }
}
