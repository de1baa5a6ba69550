package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a reminder task is still to do. */
public enum TaskStatus {
    OPEN("open"),
    COMPLETED("completed");

    private final String value;

    TaskStatus(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static TaskStatus fromValue(String value) {
        return StoredValues.find(values(), TaskStatus::value, value, "task status");
    }
}
