package io.salesactivitysync.store;

/** The record cannot be deleted because other records still depend on it. */
public class RecordInUseException extends RuntimeException {

    public RecordInUseException(String message) {
        super(message);
    }
}
