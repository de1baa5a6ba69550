package io.salesactivitysync.sandbox.salesforce.streaming;

import java.util.Optional;
import org.cometd.bayeux.server.BayeuxContext;

/**
 * The access token of a Bayeux request: camel-salesforce and EMP Connector send
 * {@code Authorization: OAuth <token>}; {@code Bearer} is accepted as well, as by Salesforce.
 */
final class OAuthAuthorization {

    private OAuthAuthorization() {
    }

    static Optional<String> accessToken(BayeuxContext context) {
        String header = context == null ? null : context.getHeader("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        for (String scheme : new String[] {"OAuth ", "Bearer "}) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                String token = value.substring(scheme.length()).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
