package io.salesactivitysync.sandbox.salesforce.auth;

import java.time.Instant;

/** A live OAuth session: who an access token belongs to and until when it is valid. */
public record AuthenticatedSession(
        String accessToken,
        String userId,
        String username,
        String orgId,
        String clientId,
        Instant expiresAt) {
}
