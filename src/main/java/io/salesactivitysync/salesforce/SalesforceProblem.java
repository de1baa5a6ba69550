package io.salesactivitysync.salesforce;

import java.util.List;

/**
 * A failure Salesforce reported (or the lack of an answer), classified.
 *
 * @param code       Salesforce's error code ({@code UNABLE_TO_LOCK_ROW}), an OAuth error
 *                   ({@code invalid_client}), or one of ours for no answer ({@code CONNECTION_FAILED},
 *                   {@code TIMEOUT}, {@code HTTP_503})
 * @param message    Salesforce's message, or what happened
 * @param fields     the fields the error names, if any
 * @param errorClass access, auth, intermittent or data
 */
public record SalesforceProblem(String code, String message, List<String> fields, ErrorClass errorClass) {

    public SalesforceProblem {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** One line for a user: what Salesforce said and what it means. */
    public String describe() {
        if (unexpected()) {
            return "The flow failed before Salesforce could answer: " + message + " (see the server log)";
        }
        return "Salesforce answered " + code + ": " + message + " (" + errorClass.advice() + ")";
    }

    /** Not Salesforce's answer: the flow itself failed (the local store, a bug). */
    public boolean unexpected() {
        return SalesforceErrors.UNEXPECTED.equals(code);
    }
}
