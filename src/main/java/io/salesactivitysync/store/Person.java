package io.salesactivitysync.store;

import java.time.OffsetDateTime;

/**
 * A prospect: the Lead or Contact in Salesforce that activity is logged against.
 *
 * @param salesforceId the Lead or Contact id; null when the person is not (yet) in Salesforce
 * @param type         lead or contact; null exactly when salesforceId is null
 */
public record Person(
        long id,
        String name,
        String email,
        String salesforceId,
        PersonType type,
        String accountName,
        String accountId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
