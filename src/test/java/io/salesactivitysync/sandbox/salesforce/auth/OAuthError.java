package io.salesactivitysync.sandbox.salesforce.auth;

/** A refused OAuth request: HTTP 400 with {@code {"error","error_description"}}. */
public class OAuthError extends RuntimeException {

    private final String error;
    private final String description;

    public OAuthError(String error, String description) {
        super(error + ": " + description);
        this.error = error;
        this.description = description;
    }

    public static OAuthError authenticationFailure() {
        return new OAuthError("invalid_grant", "authentication failure");
    }

    public String error() {
        return error;
    }

    public String description() {
        return description;
    }
}
