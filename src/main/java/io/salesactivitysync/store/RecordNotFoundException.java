package io.salesactivitysync.store;

/** The record asked for does not exist. */
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String kind, Object id) {
        super("No " + kind + " with id " + id);
    }
}
