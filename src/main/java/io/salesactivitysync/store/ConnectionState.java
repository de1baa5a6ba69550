package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a rep can log to Salesforce: mapped to a Salesforce user, not mapped, or broken. */
public enum ConnectionState {
    CONNECTED("connected"),
    NOT_CONNECTED("not_connected"),
    ERROR("error");

    private final String value;

    ConnectionState(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static ConnectionState fromValue(String value) {
        return StoredValues.find(values(), ConnectionState::value, value, "connection state");
    }
}
