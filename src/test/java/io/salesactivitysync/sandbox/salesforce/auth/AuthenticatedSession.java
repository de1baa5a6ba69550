package io.salesactivitysync.sandbox.salesforce.auth;

import java.time.Instant;

/**
 * A live OAuth session: who an access token belongs to and until when it is valid.
 *
 * @param expiresAt when the session times out unless the token is used again before then
 */
public record AuthenticatedSession(
        String accessToken,
        String userId,
        String username,
        String orgId,
        String clientId,
        Instant expiresAt) {

    /** The session after a use of its token: it now times out at {@code newExpiry}. */
    public AuthenticatedSession usedAt(Instant newExpiry) {
        return new AuthenticatedSession(accessToken, userId, username, orgId, clientId, newExpiry);
    }
}
