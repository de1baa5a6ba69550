package io.salesactivitysync.sandbox.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.camel.TestKeystore;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth endpoints over plain HTTP: every grant, Salesforce's errors, the signature, revocation. */
class OAuthTokenEndpointTest {

    @TempDir
    static Path keys;

    private static SalesforceEmulator emulator;
    private static PrivateKey signingKey;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        TestKeystore keystore = TestKeystore.generate(keys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.keystore().toFile())) {
            store.load(in, keystore.password().toCharArray());
        }
        signingKey = (PrivateKey) store.getKey("jwt", keystore.password().toCharArray());
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().jwtCertificate(keystore.certificatePem()).build())
                .build().start();
        http = new TestHttp(emulator.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static TestHttp.Response token(String... pairs) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return http.token(form);
    }

    private static void refused(TestHttp.Response response, String error, String description) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.body().get("error").asText()).isEqualTo(error);
        assertThat(response.body().get("error_description").asText()).isEqualTo(description);
    }

    private static String jwt(String iss, String sub, String aud, long exp, PrivateKey key) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud
                + "\",\"exp\":\"" + exp + "\"}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + url.encodeToString(signature.sign());
    }

    @Test
    void passwordGrantAnswersLikeSalesforceWithAVerifiableSignature() throws Exception {
        TestHttp.Response granted = token("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "REP@sandbox.example", "password", "sandbox");

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(granted.body().get("access_token").asText()).startsWith("00D000000000001!");
        assertThat(granted.body().get("issued_at").asText()).matches("\\d{13}");
        assertThat(granted.body().has("refresh_token")).isFalse();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sandbox-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((granted.body().get("id").asText()
                + granted.body().get("issued_at").asText()).getBytes(StandardCharsets.UTF_8)));
        assertThat(granted.body().get("signature").asText()).isEqualTo(expected);
    }

    @Test
    void refusedRequestsAnswerSalesforcesErrors() {
        refused(token("grant_type", "password", "client_id", "sandbox-client", "client_secret", "sandbox-secret",
                "username", "nobody@sandbox.example", "password", "sandbox"), "invalid_grant", "authentication failure");
        refused(token("grant_type", "password", "client_id", "other", "client_secret", "sandbox-secret",
                "username", "rep@sandbox.example", "password", "sandbox"), "invalid_client_id", "client identifier invalid");
        refused(token("grant_type", "password", "client_id", "sandbox-client", "client_secret", "wrong",
                "username", "rep@sandbox.example", "password", "sandbox"), "invalid_client", "invalid client credentials");
        refused(token("grant_type", "authorization_code", "client_id", "sandbox-client", "code", "x"),
                "unsupported_grant_type", "grant type not supported");
        refused(token("client_id", "sandbox-client"), "unsupported_grant_type", "grant type not supported");
        refused(token("grant_type", "client_credentials", "client_id", "sandbox-client", "client_secret", "nope"),
                "invalid_client", "invalid client credentials");
        TestHttp.Response get = http.raw("GET", "/services/oauth2/token?grant_type=password", null);
        refused(get, "invalid_request", "must use HTTP POST");
    }

    @Test
    void clientCredentialsRunAsTheIntegrationUser() {
        TestHttp.Response granted = token("grant_type", "client_credentials", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret");
        assertThat(granted.body().get("id").asText()).endsWith("/" + EmulatorSettings.INTEGRATION_USER_ID);
    }

    @Test
    void jwtBearerChecksSignatureIssuerSubjectAudienceAndExpiry() throws Exception {
        long exp = System.currentTimeMillis() / 1000 + 270;
        String grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
        TestHttp.Response granted = token("grant_type", grant, "assertion",
                jwt("sandbox-client", "sam@sandbox.example", emulator.baseUrl(), exp, signingKey));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        assertThat(granted.body().get("id").asText()).endsWith("/" + EmulatorSettings.SAM_USER_ID);

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        refused(token("grant_type", grant, "assertion", jwt("sandbox-client", "sam@sandbox.example", emulator.baseUrl(),
                exp, stranger)), "invalid_grant", "invalid assertion");
        refused(token("grant_type", grant, "assertion", jwt("other-client", "sam@sandbox.example", emulator.baseUrl(),
                exp, signingKey)), "invalid_client_id", "client identifier invalid");
        refused(token("grant_type", grant, "assertion", jwt("sandbox-client", "nobody@sandbox.example",
                emulator.baseUrl(), exp, signingKey)), "invalid_grant", "user hasn't approved this consumer");
        refused(token("grant_type", grant, "assertion", jwt("sandbox-client", "sam@sandbox.example",
                "https://elsewhere.example", exp, signingKey)), "invalid_grant", "audience is invalid");
        refused(token("grant_type", grant, "assertion", jwt("sandbox-client", "sam@sandbox.example",
                emulator.baseUrl(), exp - 3600, signingKey)), "invalid_grant", "expired authorization code");
        refused(token("grant_type", grant, "assertion", "not.a.jwt"), "invalid_grant", "invalid assertion");
    }

    @Test
    void revokeEndsAccessTokensAndRefreshTokensWithTheirSessions() {
        TestHttp.Response granted = token("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "rep@sandbox.example", "password", "sandbox");
        String accessToken = granted.body().get("access_token").asText();
        assertThat(http.raw("GET", "/services/oauth2/revoke?token=" + accessToken, null).status()).isEqualTo(200);
        assertThat(new TestHttp(emulator.baseUrl(), accessToken).api("GET", "limits/", null).status()).isEqualTo(401);
        refused(http.raw("GET", "/services/oauth2/revoke?token=" + accessToken, null), "invalid_token", "invalid token");

        String refreshToken = emulator.admin().issueRefreshToken("rep@sandbox.example");
        String refreshed = token("grant_type", "refresh_token", "client_id", "sandbox-client", "refresh_token", refreshToken)
                .body().get("access_token").asText();
        assertThat(http.raw("POST", "/services/oauth2/revoke?token=" + refreshToken, null).status()).isEqualTo(200);
        assertThat(new TestHttp(emulator.baseUrl(), refreshed).api("GET", "limits/", null).status()).isEqualTo(401);
        refused(token("grant_type", "refresh_token", "client_id", "sandbox-client", "refresh_token", refreshToken),
                "invalid_grant", "expired access/refresh token");
    }
}
