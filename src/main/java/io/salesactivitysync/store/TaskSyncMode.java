package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether reminder tasks are synced with Salesforce Tasks. The default is not to sync. */
public enum TaskSyncMode {
    DO_NOT_SYNC("do_not_sync"),
    SYNC("sync");

    private final String value;

    TaskSyncMode(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static TaskSyncMode fromValue(String value) {
        return StoredValues.find(values(), TaskSyncMode::value, value, "task sync mode");
    }
}
