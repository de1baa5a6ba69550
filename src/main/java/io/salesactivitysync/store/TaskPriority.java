package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a reminder task is. */
public enum TaskPriority {
    NORMAL("normal"),
    HIGH("high");

    private final String value;

    TaskPriority(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static TaskPriority fromValue(String value) {
        return StoredValues.find(values(), TaskPriority::value, value, "task priority");
    }
}
