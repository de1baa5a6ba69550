package io.salesactivitysync.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The API token ({@code sas.api.token}) as a request presents it: {@code Authorization: Bearer <token>}.
 * The comparison takes the same time whatever the presented token, and the token is never part of
 * a message or {@code toString()}.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;

    public BearerToken(String token) {
        this.expectedDigest = sha256(token);
    }

    /** The token of an {@code Authorization} header value, or empty when the header is missing or not a bearer one. */
    public static Optional<String> presentedIn(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(SCHEME.length()).strip());
    }

    /** Compares digests, so neither the content nor the length of the token leaks through timing. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    @Override
    public String toString() {
        return "BearerToken[(hidden)]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
