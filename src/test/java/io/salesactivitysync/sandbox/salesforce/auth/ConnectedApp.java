package io.salesactivitysync.sandbox.salesforce.auth;

/**
 * The connected app clients log in through.
 *
 * @param clientCredentialsUser the username the client-credentials flow runs as
 */
public record ConnectedApp(String clientId, String clientSecret, String clientCredentialsUser) {
}
