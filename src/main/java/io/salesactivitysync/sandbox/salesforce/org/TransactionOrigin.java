package io.salesactivitysync.sandbox.salesforce.org;

/**
 * Who writes and through what.
 *
 * @param changeOrigin as a change event reports it, e.g. {@code com/salesforce/api/rest/56.0;client=x};
 *                     empty for changes made as in the Salesforce UI
 * @param userId       the writing user's 18-character id
 */
public record TransactionOrigin(String changeOrigin, String userId) {

    public static TransactionOrigin restApi(String apiVersion, String clientId, String userId) {
        String origin = "com/salesforce/api/rest/" + apiVersion + (clientId == null || clientId.isBlank() ? "" : ";client=" + clientId);
        return new TransactionOrigin(origin, userId);
    }
}
