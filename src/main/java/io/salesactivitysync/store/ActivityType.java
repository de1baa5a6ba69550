package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an activity is an email, a call, or a reply to an email. */
public enum ActivityType {
    EMAIL("email"),
    CALL("call"),
    REPLY("reply");

    private final String value;

    ActivityType(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static ActivityType fromValue(String value) {
        return StoredValues.find(values(), ActivityType::value, value, "activity type");
    }
}
