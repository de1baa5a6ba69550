package io.salesactivitysync.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A sales user whose email and call activity is logged to Salesforce.
 *
 * @param aliases          other addresses the rep sends from, accepted as BCC senders
 * @param salesforceUserId the Salesforce user the rep's activity is logged as (the Task owner)
 * @param connection       whether the rep can log to Salesforce, and why not
 */
public record Rep(
        long id,
        String email,
        String name,
        String timeZone,
        List<String> aliases,
        String salesforceUserId,
        Connection connection,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /**
     * The rep's connection as Salesforce last answered it: connected when an active User was found
     * (by the rep's salesforceUserId, else by the rep's address).
     *
     * @param reason    why the rep is not connected, in words a user can act on; null when connected
     * @param userId    the User the rep's activity is logged as (the Task owner), when connected
     * @param matchedBy how that User was found: {@code user_id} or {@code email}
     * @param checkedAt when Salesforce last answered the check; null before the first check
     */
    public record Connection(ConnectionState state, String reason, String userId, String matchedBy,
                             OffsetDateTime checkedAt) {
    }
}
