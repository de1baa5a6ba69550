package io.salesactivitysync.sandbox.salesforce.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks a JWT bearer assertion as Salesforce does, answering its errors: RS256 signature by the
 * key of the connected app's certificate ({@code invalid_grant} "invalid assertion"),
 * {@code iss} = client id ({@code invalid_client_id} "client identifier invalid"), {@code aud} =
 * the login URL ("audience is invalid"), {@code exp} in the future ("expired authorization
 * code"); the caller checks {@code sub} is a user ("user hasn't approved this consumer").
 */
public final class JwtBearerVerifier {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey publicKey;
    private final Supplier<List<String>> audiences;
    private final Clock clock;

    /**
     * @param audiences the accepted {@code aud} values (the login URLs), asked on each check since
     *                  the emulator's own URL is known only once it listens
     * @param clock     real time: signers stamp {@code exp} from their own clock, not the emulator's
     */
    public JwtBearerVerifier(PublicKey publicKey, Supplier<List<String>> audiences, Clock clock) {
        this.publicKey = publicKey;
        this.audiences = audiences;
        this.clock = clock;
    }

    /** The public key of a PEM-encoded X.509 certificate. */
    public static PublicKey publicKeyOf(String pemCertificate) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pemCertificate.trim().getBytes(StandardCharsets.US_ASCII)));
            return certificate.getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The JWT certificate is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The claims, once signature, issuer, audience and expiry are checked; the subject is the caller's to check. */
    public JsonNode verify(String assertion, String clientId) {
        if (publicKey == null) {
            throw new OAuthError("invalid_grant", "invalid assertion");
        }
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new OAuthError("invalid_grant", "invalid assertion");
        }
        JsonNode header = decodeJson(parts[0]);
        JsonNode claims = decodeJson(parts[1]);
        if (!"RS256".equals(header.path("alg").asText()) || !signatureValid(parts)) {
            throw new OAuthError("invalid_grant", "invalid assertion");
        }
        if (!clientId.equals(claims.path("iss").asText())) {
            throw new OAuthError("invalid_client_id", "client identifier invalid");
        }
        if (!audiences.get().contains(claims.path("aud").asText())) {
            throw new OAuthError("invalid_grant", "audience is invalid");
        }
        long expiry = claims.path("exp").asLong(0);
        if (expiry == 0) {
            throw new OAuthError("invalid_grant", "invalid assertion");
        }
        if (Instant.ofEpochSecond(expiry).plus(CLOCK_SKEW).isBefore(clock.instant())) {
            // Salesforce's words for an assertion past its exp (it calls the assertion a code)
            throw new OAuthError("invalid_grant", "expired authorization code");
        }
        return claims;
    }

    private boolean signatureValid(String[] parts) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode decodeJson(String part) {
        try {
            return JSON.readTree(decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new OAuthError("invalid_grant", "invalid assertion");
        }
    }

    private static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part.replace('+', '-').replace('/', '_'));
    }
}
