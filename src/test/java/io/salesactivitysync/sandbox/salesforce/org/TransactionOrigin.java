package io.salesactivitysync.sandbox.salesforce.org;

/**
 * Who writes and through what.
 *
 * @param changeOrigin as a change event reports it, e.g. {@code com/salesforce/api/rest/56.0;client=x};
 *                     {@code com/salesforce/api/soap/62.0;client=SfdcInternalAPI/} for an edit in
 *                     Lightning Experience; empty for the Classic UI and other internal changes
 * @param userId       the writing user's 18-character id
 */
public record TransactionOrigin(String changeOrigin, String userId) {

    public static TransactionOrigin restApi(String apiVersion, String clientId, String userId) {
        String origin = "com/salesforce/api/rest/" + apiVersion + (clientId == null || clientId.isBlank() ? "" : ";client=" + clientId);
        return new TransactionOrigin(origin, userId);
    }

    /**
     * A user's edit in Lightning Experience, whose pages save records through Salesforce's own
     * SOAP API as the client {@code SfdcInternalAPI/}: Salesforce fills changeOrigin "for changes
     * done by API apps or from Lightning Experience" (ChangeEventHeader Fields), and recorded UI
     * edits carry {@code com/salesforce/api/soap/46.0;client=SfdcInternalAPI/}.
     */
    public static TransactionOrigin lightningExperience(String apiVersion, String userId) {
        return new TransactionOrigin("com/salesforce/api/soap/" + apiVersion + ";client=SfdcInternalAPI/", userId);
    }
}
