package io.salesactivitysync.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A task as the sync sees it: the product's values, the Salesforce side as last seen or written,
 * and when each product field last changed.
 *
 * @param syncOn         whether the owner's task sync is on now
 * @param product        the product's values by task field: name, status, priority, due_date, details
 * @param salesforce     the Salesforce values by Task field (Subject, Status, Priority,
 *                       ActivityDate, Description) as last seen or written; absent when never seen
 * @param changedAt      when each product field last changed in the product
 * @param sfModifiedAt   Salesforce's LastModifiedDate of the last change applied from Salesforce
 */
public record SyncedTask(
        long id,
        long repId,
        String ownerUserId,
        boolean syncOn,
        boolean synced,
        String salesforceTaskId,
        Map<String, Object> product,
        Map<String, Object> salesforce,
        Map<String, OffsetDateTime> changedAt,
        OffsetDateTime sfModifiedAt) {

    public String name() {
        return (String) product.get("name");
    }

    public String status() {
        return (String) product.get("status");
    }

    public String priority() {
        return (String) product.get("priority");
    }

    public LocalDate dueDate() {
        return (LocalDate) product.get("due_date");
    }

    public String details() {
        return (String) product.get("details");
    }
}
