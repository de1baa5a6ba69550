package io.salesactivitysync.task;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sas.tasks.*}: see {@code config/application.yml}.
 *
 * @param clientId          the client id the product's writes carry in Sforce-Call-Options; a
 *                          change event whose changeOrigin names it is the product's own write
 * @param channel           the stream: /data/TaskChangeEvent (Change Data Capture) or /topic/NAME
 *                          (a PushTopic)
 * @param batchSize         outbox entries (tasks) written to Salesforce together, at most 200
 * @param outboxLease       how long a batch being written holds its entries
 * @param maxAttempts       tries of a write that meets only temporary errors before it fails
 * @param retryBackoff      the wait after the first temporary failure; it doubles each time
 * @param retryBackoffMax   the longest wait between tries
 * @param firstSyncWindow   the first sync imports Salesforce Tasks changed within it (24 hours)
 * @param deletedWithin     the sweep deletes product tasks whose Salesforce Task was deleted within it
 * @param reconcileOverlap  how far before its last mark a reconciliation reads again
 * @param subscribeTimeout  a subscription not confirmed within it is restarted by the watchdog
 * @param missedChangeGrace a change older than this that the stream has not delivered by the time the
 *                          reconciliation reads it counts as missed by the stream
 * @param streamMaxResponse the largest answer of Salesforce's streaming endpoint the stream's client
 *                          reads: a /meta/connect answer carries every event waiting, and one
 *                          larger than this fails the connection (CometD's own limit is 1 MB)
 * @param mapping           the field and value mapping
 */
@Validated
@ConfigurationProperties("sas.tasks")
public record TaskSyncProperties(
        @DefaultValue("sales-activity-sync") @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,40}",
                message = "must be 1 to 40 letters, digits, '.', '_' or '-'") String clientId,
        @DefaultValue("/data/TaskChangeEvent") @Pattern(regexp = "/data/TaskChangeEvent|/topic/[A-Za-z0-9_]{1,25}",
                message = "must be /data/TaskChangeEvent or /topic/NAME") String channel,
        @DefaultValue("200") @Min(1) @Max(200) int batchSize,
        @DefaultValue("2m") Duration outboxLease,
        @DefaultValue("12") @Min(1) int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("30m") Duration retryBackoffMax,
        @DefaultValue("24h") Duration firstSyncWindow,
        @DefaultValue("15d") Duration deletedWithin,
        @DefaultValue("5m") Duration reconcileOverlap,
        @DefaultValue("30s") Duration subscribeTimeout,
        @DefaultValue("60s") Duration missedChangeGrace,
        @DefaultValue("32MB") DataSize streamMaxResponse,
        @DefaultValue @Valid Mapping mapping) {

    /**
     * @param fields   product field (name, status, priority, due_date, details) to Salesforce Task field
     * @param status   product status (open, completed) to Salesforce Status; any other Salesforce
     *                 status is not synced
     * @param priority product priority (normal, high) to Salesforce Priority; any other (Low) is not synced
     */
    public record Mapping(
            @NotEmpty Map<String, String> fields,
            @NotEmpty Map<String, String> status,
            @NotEmpty Map<String, String> priority) {
    }
}
