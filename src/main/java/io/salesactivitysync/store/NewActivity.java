package io.salesactivitysync.store;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An activity as it is taken in, before it is stored.
 *
 * @param activityKey the stable key (see {@link Activity#activityKey()})
 * @param digest      hex SHA-256 of what makes this intake unique: the same digest from the same
 *                    source is the same activity taken in twice
 */
public record NewActivity(
        ActivitySource source,
        ActivityType type,
        String activityKey,
        String digest,
        String messageId,
        String repEmail,
        Activity.PersonRef person,
        String subject,
        String body,
        OffsetDateTime occurredAt,
        Activity.Campaign campaign,
        Activity.Call call,
        Map<String, Object> attributes) {
}
