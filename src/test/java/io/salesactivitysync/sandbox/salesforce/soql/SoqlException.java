package io.salesactivitysync.sandbox.salesforce.soql;

/** A SOQL statement Salesforce would refuse, with the error code it would answer. */
public class SoqlException extends RuntimeException {

    private final String errorCode;

    public SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** {@code MALFORMED_QUERY}, {@code INVALID_FIELD} or {@code INVALID_TYPE}. */
    public String errorCode() {
        return errorCode;
    }
}
