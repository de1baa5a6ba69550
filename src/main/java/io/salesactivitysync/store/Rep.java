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

    /** @param reason why the rep is not connected, in words a user can act on; null when connected */
    public record Connection(ConnectionState state, String reason) {
    }
}
