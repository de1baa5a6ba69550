package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An email, call or reply on its way to Salesforce, and what became of it.
 *
 * @param activityKey    the stable key: the Message-ID, else a digest of rep, person, type, time and
 *                       subject; the same whichever way the activity arrived
 * @param reason         why it is not logged, unresolved, rejected or failed, in plain words
 * @param error          the Salesforce error behind a failure, null otherwise
 * @param person         the person as the activity named them
 * @param personId       the local person it resolved to, when there is one
 * @param matching       the matching decision: which records, found how, or why none
 * @param salesforceTaskIds the Tasks it is logged as, one per record it is logged against
 * @param fieldsLeftOut  mapped activity fields that were not written (field-level security, missing
 *                       fields), as {@code Object.Field}
 * @param nextAttemptAt  when a pending activity is tried (again)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Activity(
        long id,
        ActivitySource source,
        ActivityType type,
        ActivityState state,
        String reason,
        Error error,
        String repEmail,
        Long repId,
        PersonRef person,
        Long personId,
        String subject,
        String body,
        OffsetDateTime occurredAt,
        String messageId,
        String activityKey,
        Campaign campaign,
        Call call,
        Map<String, Object> attributes,
        JsonNode matching,
        List<String> salesforceTaskIds,
        List<String> fieldsLeftOut,
        int attempts,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime loggedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** How the activity names its person: one of a local person id, a Salesforce id, an address. */
    public record PersonRef(Long id, String salesforceId, String email) {
    }

    /** The sales campaign (sequence) the activity belongs to, if any. */
    public record Campaign(String name, Integer day, Integer step) {
    }

    /** What a call came to. */
    public record Call(String outcome, String reason) {
    }

    /**
     * @param code    Salesforce's error code (e.g. {@code UNABLE_TO_LOCK_ROW}), or the exception's kind
     * @param errorClass access, auth, intermittent or data
     */
    public record Error(String code, String errorClass) {
    }
}
