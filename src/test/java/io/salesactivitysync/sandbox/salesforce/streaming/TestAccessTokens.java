package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import io.salesactivitysync.sandbox.salesforce.auth.AuthenticatedSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Access tokens as the emulator's OAuth side would hand them out, for tests of the stream alone. */
final class TestAccessTokens implements AccessTokenValidator {

    static final String ORG_ID = "00D000000000001EAA";
    static final String USER_ID = "005000000000001AAA";

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, AuthenticatedSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    TestAccessTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String issue() {
        String token = ORG_ID + "!token-" + issued.incrementAndGet();
        sessions.put(token, new AuthenticatedSession(token, USER_ID, "integration@sandbox.example", ORG_ID,
                "sandbox-client", clock.instant().plus(lifetime)));
        return token;
    }

    int issuedCount() {
        return issued.get();
    }

    /** Every token handed out so far stops working, as with the emulator's "expire all tokens" knob. */
    void expireAll() {
        sessions.clear();
    }

    void revoke(String token) {
        sessions.remove(token);
    }

    @Override
    public Optional<AuthenticatedSession> validate(String accessToken) {
        AuthenticatedSession session = sessions.get(accessToken);
        if (session == null || !session.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }
}
