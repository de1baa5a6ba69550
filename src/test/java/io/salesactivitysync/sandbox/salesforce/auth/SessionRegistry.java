package io.salesactivitysync.sandbox.salesforce.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access and refresh tokens. As in Salesforce, an access token's session times out after the
 * session timeout of inactivity (measured on the emulator's clock): each use of the token over
 * REST or the stream starts the timeout again. Tokens also end when revoked, or all at once
 * ({@link #expireAll()}); revoking a refresh token revokes the sessions made from it.
 */
public final class SessionRegistry implements AccessTokenValidator {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration sessionTimeout;
    private final String orgId;
    private final Map<String, AuthenticatedSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokenOfSession = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();

    /** Who a refresh token was issued to. */
    public record RefreshGrant(String userId, String username, String clientId) {
    }

    public SessionRegistry(Clock clock, Duration sessionTimeout, String orgId) {
        this.clock = clock;
        this.sessionTimeout = sessionTimeout;
        this.orgId = orgId;
    }

    /** A new session; {@code refreshToken} is the token it was made from, or null. */
    public AuthenticatedSession open(OrgUser user, String clientId, String refreshToken) {
        String token = orgId.substring(0, 15) + "!" + randomToken(72);
        AuthenticatedSession session = new AuthenticatedSession(token, user.id(), user.username(), orgId, clientId,
                clock.instant().plus(sessionTimeout));
        sessions.put(token, session);
        if (refreshToken != null) {
            refreshTokenOfSession.put(token, refreshToken);
        }
        return session;
    }

    /** A refresh token, as the web-server or user-agent flow would hand out after the user approves the app. */
    public String issueRefreshToken(OrgUser user, String clientId) {
        String token = "5Aep861" + randomToken(80);
        refreshTokens.put(token, new RefreshGrant(user.id(), user.username(), clientId));
        return token;
    }

    public Optional<RefreshGrant> refreshGrant(String refreshToken) {
        return Optional.ofNullable(refreshToken).map(refreshTokens::get);
    }

    /** The token's live session, whose timeout this use starts again; empty for an unknown, revoked or timed-out token. */
    @Override
    public Optional<AuthenticatedSession> validate(String accessToken) {
        if (accessToken == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        AuthenticatedSession session = sessions.computeIfPresent(accessToken, (token, current) ->
                now.isBefore(current.expiresAt()) ? current.usedAt(now.plus(sessionTimeout)) : current);
        if (session == null || !now.isBefore(session.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Revokes an access token or a refresh token (and its sessions); false when the token is unknown. */
    public boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        if (sessions.remove(token) != null) {
            refreshTokenOfSession.remove(token);
            return true;
        }
        if (refreshTokens.remove(token) != null) {
            refreshTokenOfSession.entrySet().removeIf(e -> {
                if (e.getValue().equals(token)) {
                    sessions.remove(e.getKey());
                    return true;
                }
                return false;
            });
            return true;
        }
        return false;
    }

    /** Every access token stops working at once, as when an admin ends all sessions; refresh tokens stay valid. */
    public void expireAll() {
        sessions.clear();
        refreshTokenOfSession.clear();
    }

    /** How long a session lives without being used. */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public int liveSessions() {
        return (int) sessions.values().stream().filter(s -> clock.instant().isBefore(s.expiresAt())).count();
    }

    private String randomToken(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length)
                .replace('-', '.').replace('_', 'x');
    }
}
