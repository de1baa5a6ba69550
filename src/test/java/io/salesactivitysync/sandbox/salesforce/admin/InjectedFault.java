package io.salesactivitysync.sandbox.salesforce.admin;

/** The failures the fault knobs can inject into API calls, each answered as Salesforce answers it. */
public enum InjectedFault {
    /** 503, as during maintenance or overload. */
    SERVER_UNAVAILABLE(503, "SERVER_UNAVAILABLE", "Server Unavailable", false),
    /** 403, the daily API request limit spent. */
    REQUEST_LIMIT_EXCEEDED(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", false),
    /**
     * 400, a record lock held by another transaction; the REST API adds the records the call names
     * ("... or 1 records: 00T...").
     */
    UNABLE_TO_LOCK_ROW(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", true);

    private final int status;
    private final String errorCode;
    private final String message;
    private final boolean recordLevel;

    InjectedFault(int status, String errorCode, String message, boolean recordLevel) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
        this.recordLevel = recordLevel;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }

    /** A DML error, whose error entry carries {@code fields: []}. */
    public boolean recordLevel() {
        return recordLevel;
    }
}
