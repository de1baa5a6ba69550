package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** How an activity reached the product: the REST API or the BCC mailbox. */
public enum ActivitySource {
    API("api"),
    BCC("bcc");

    private final String value;

    ActivitySource(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static ActivitySource fromValue(String value) {
        return StoredValues.find(values(), ActivitySource::value, value, "API=api,BCC=bcc:activity source");
    }
}
