package io.salesactivitysync.salesforce;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of Salesforce failure users sort errors into (the peers' "error cheat sheet"): each
 * says who can fix it and whether waiting helps.
 */
public enum ErrorClass {
    /** The integration user may not do it: permissions, field-level security, API access. An admin fixes it. */
    ACCESS("access", "a permission problem: a Salesforce admin must grant the integration user access"),
    /** Logging in failed or the session is refused: credentials, connected app, user or org state. */
    AUTH("auth", "an authentication problem: check the Salesforce connection settings"),
    /** Salesforce is busy, down, locked or over its limits: it goes away by itself. */
    INTERMITTENT("intermittent", "a temporary problem: it is retried with backoff"),
    /** Salesforce refused the record itself: a validation rule, a missing or wrong value. */
    DATA("data", "a data problem: fix the record or the field mapping, then retry");

    private final String value;
    private final String advice;

    ErrorClass(String value, String advice) {
        this.value = value;
        this.advice = advice;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** What the class means for the user, in a phrase. */
    public String advice() {
        return advice;
    }
}
