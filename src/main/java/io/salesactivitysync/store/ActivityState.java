package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an activity stands on its way to Salesforce. */
public enum ActivityState {
    PENDING("pending"),
    LOGGED("logged"),
    NOT_LOGGED("not_logged"),
    UNRESOLVED("unresolved"),
    REJECTED("rejected"),
    FAILED("failed");

    private final String value;

    ActivityState(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static ActivityState fromValue(String value) {
        return StoredValues.find(values(), ActivityState::value, value, "activity state");
    }
}
