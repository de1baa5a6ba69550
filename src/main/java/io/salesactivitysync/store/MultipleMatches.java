package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What to do when an address matches several Contacts (or, with no Contact, several Leads): log
 * against all of them, the oldest, or the most recently active (the most recently modified).
 */
public enum MultipleMatches {
    ALL("all"),
    OLDEST("oldest"),
    MOST_RECENTLY_ACTIVE("most_recently_active");

    private final String value;

    MultipleMatches(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static MultipleMatches fromValue(String value) {
        return StoredValues.find(values(), MultipleMatches::value, value, "multiple-matches setting");
    }
}
