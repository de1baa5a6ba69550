package io.salesactivitysync.sandbox.salesforce.auth;

import java.util.Optional;

/** Answers whether an access token is live (issued, not revoked, not expired) and whose it is. */
@FunctionalInterface
public interface AccessTokenValidator {

    Optional<AuthenticatedSession> validate(String accessToken);
}
