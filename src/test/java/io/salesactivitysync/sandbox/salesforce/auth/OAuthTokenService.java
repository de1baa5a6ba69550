package io.salesactivitysync.sandbox.salesforce.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth 2.0 token endpoint's logic: the password, refresh-token, client-credentials and JWT
 * bearer grants, answered with Salesforce's response and error shapes.
 */
public final class OAuthTokenService {

    public static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final ConnectedApp app;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final JwtBearerVerifier jwtVerifier;
    private final Supplier<String> baseUrl;
    private final String orgId;
    private final Clock clock;

    public OAuthTokenService(ConnectedApp app, UserDirectory users, SessionRegistry sessions,
            JwtBearerVerifier jwtVerifier, Supplier<String> baseUrl, String orgId, Clock clock) {
        this.app = app;
        this.users = users;
        this.sessions = sessions;
        this.jwtVerifier = jwtVerifier;
        this.baseUrl = baseUrl;
        this.orgId = orgId;
        this.clock = clock;
    }

    /** The token response for the request's parameters, or an {@link OAuthError}. */
    public Map<String, Object> token(Function<String, String> parameters) {
        String grantType = parameters.apply("grant_type");
        if (grantType == null || !(grantType.equals("password") || grantType.equals("refresh_token")
                || grantType.equals("client_credentials") || grantType.equals(JWT_BEARER_GRANT))) {
            throw new OAuthError("unsupported_grant_type", "grant type not supported");
        }
        String clientId = parameters.apply("client_id");
        if (grantType.equals(JWT_BEARER_GRANT)) {
            return jwtBearer(parameters.apply("assertion"));
        }
        if (!app.clientId().equals(clientId)) {
            throw new OAuthError("invalid_client_id", "client identifier invalid");
        }
        String secret = parameters.apply("client_secret");
        return switch (grantType) {
            case "password" -> {
                requireSecret(secret);
                OrgUser user = users.authenticate(parameters.apply("username"), parameters.apply("password"))
                        .orElseThrow(OAuthError::authenticationFailure);
                yield response(sessions.open(user, clientId, null), user);
            }
            case "refresh_token" -> {
                if (secret != null) {
                    requireSecret(secret);
                }
                String refreshToken = parameters.apply("refresh_token");
                SessionRegistry.RefreshGrant grant = sessions.refreshGrant(refreshToken)
                        .orElseThrow(() -> new OAuthError("invalid_grant", "expired access/refresh token"));
                OrgUser user = users.byId(grant.userId())
                        .orElseThrow(() -> new OAuthError("invalid_grant", "expired access/refresh token"));
                yield response(sessions.open(user, clientId, refreshToken), user);
            }
            default -> {
                requireSecret(secret);
                OrgUser user = users.byUsername(app.clientCredentialsUser())
                        .orElseThrow(() -> new OAuthError("invalid_grant", "no client credentials user enabled"));
                yield response(sessions.open(user, clientId, null), user);
            }
        };
    }

    private Map<String, Object> jwtBearer(String assertion) {
        var claims = jwtVerifier.verify(assertion, app.clientId());
        OrgUser user = users.byUsername(claims.path("sub").asText(null))
                .orElseThrow(() -> new OAuthError("invalid_grant", "user hasn't approved this consumer"));
        return response(sessions.open(user, app.clientId(), null), user);
    }

    private void requireSecret(String secret) {
        if (!app.clientSecret().equals(secret)) {
            throw new OAuthError("invalid_client", "invalid client credentials");
        }
    }

    private Map<String, Object> response(AuthenticatedSession session, OrgUser user) {
        String issuedAt = Long.toString(clock.millis());
        String identity = baseUrl.get() + "/id/" + orgId + "/" + user.id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", session.accessToken());
        body.put("instance_url", baseUrl.get());
        body.put("id", identity);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        body.put("signature", signature(identity + issuedAt));
        return body;
    }

    /** Base64 HMAC-SHA256 of id + issued_at keyed with the client secret, as Salesforce signs token responses. */
    String signature(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(app.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
