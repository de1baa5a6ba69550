package io.salesactivitysync.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one attempt to log an activity came to.
 *
 * @param state         logged, not_logged, unresolved, rejected or failed; pending to try again
 * @param reason        plain words for anything but logged
 * @param errorCode     the Salesforce error code behind a failure
 * @param errorClass    access, auth, intermittent or data
 * @param matching      the matching decision (kept as it was when null)
 * @param tasks         the Tasks with their Salesforce ids (kept as they were when null)
 * @param fieldsLeftOut mapped fields that were not written
 * @param retryAfterMillis for pending: how long to wait before the next attempt
 */
public record ActivityOutcome(
        ActivityState state,
        String reason,
        String errorCode,
        String errorClass,
        Long repId,
        Long personId,
        JsonNode matching,
        List<ActivityTask> tasks,
        List<String> fieldsLeftOut,
        long retryAfterMillis) {
}
