package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Instant;

/**
 * Where a change came from and which transaction it belongs to: the values of a Change Data
 * Capture {@code ChangeEventHeader} that do not depend on the record.
 *
 * @param changeOrigin   e.g. {@code com/salesforce/api/rest/56.0;client=sales-activity-sync}, the
 *                       client part taken from the writer's {@code Sforce-Call-Options} header;
 *                       without that header {@code com/salesforce/api/rest/56.0}
 * @param transactionKey the same for every change of one request (a composite request is one)
 * @param sequenceNumber 1-based position of this change within the transaction
 * @param commitTimestamp when the transaction committed
 * @param commitUserId   the 18-character id of the user who wrote
 * @param commitNumber   increases with every committed transaction of the org
 */
public record ChangeContext(
        String changeOrigin,
        String transactionKey,
        int sequenceNumber,
        Instant commitTimestamp,
        String commitUserId,
        long commitNumber) {
}
