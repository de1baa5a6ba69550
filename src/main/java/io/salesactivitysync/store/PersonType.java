package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** The Salesforce object a person is: activity is logged against a Lead or a Contact. */
public enum PersonType {
    LEAD("lead", "00Q"),
    CONTACT("contact", "003");

    private final String value;
    private final String keyPrefix;

    PersonType(String value, String keyPrefix) {
        this.value = value;
        this.keyPrefix = keyPrefix;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The first three characters of every Salesforce id of this object type. */
    public String keyPrefix() {
        return keyPrefix;
    }

    public static PersonType fromValue(String value) {
        return StoredValues.find(values(), PersonType::value, value, "person type");
    }
}
