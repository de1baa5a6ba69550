package io.salesactivitysync.store;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which records an activity is logged against besides the person (the WhatId of its Tasks): none,
 * each open Opportunity on which the Contact has a contact role (one Task each), or the most
 * recently modified of those ("which object to log against").
 */
public enum LogAgainst {
    PERSON_ONLY("person_only"),
    EACH_OPEN_OPPORTUNITY("each_open_opportunity"),
    LATEST_OPEN_OPPORTUNITY("latest_open_opportunity");

    private final String value;

    LogAgainst(String value) {
        this.value = value;
    }

    /** The value stored in the database and shown in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    public static LogAgainst fromValue(String value) {
        return StoredValues.find(values(), LogAgainst::value, value, "log-against setting");
    }
}
