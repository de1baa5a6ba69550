package io.salesactivitysync.sandbox.salesforce.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import java.nio.file.Path;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camel-salesforce logs in to the emulator with each OAuth grant it supports, and reports refused logins. */
class CamelLoginConformanceTest {

    @TempDir
    static Path keys;

    private static TestKeystore keystore;
    private static SalesforceEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        keystore = TestKeystore.generate(keys);
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder()
                .jwtCertificate(keystore.certificatePem()).build()).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void passwordGrant() throws Exception {
        assertLoggedInAs(CamelSalesforceClient.password("rep@sandbox.example"));
    }

    @Test
    void refreshTokenGrant() throws Exception {
        String refreshToken = emulator.admin().issueRefreshToken("integration@sandbox.example");
        assertLoggedInAs(component -> {
            component.setClientSecret("sandbox-secret");
            component.setRefreshToken(refreshToken);
        });
    }

    @Test
    void clientCredentialsGrant() throws Exception {
        assertLoggedInAs(component -> {
            component.setClientSecret("sandbox-secret");
            component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        });
    }

    @Test
    void jwtBearerGrantSignedWithTheConfiguredCertificate() throws Exception {
        assertLoggedInAs(component -> {
            KeyStoreParameters parameters = new KeyStoreParameters();
            parameters.setResource("file:" + keystore.keystore());
            parameters.setPassword(keystore.password());
            parameters.setType("PKCS12");
            component.setKeystore(parameters);
            component.setUserName("sam@sandbox.example");
        });
    }

    @Test
    void wrongPasswordIsRefusedWithInvalidGrant() {
        assertThatThrownBy(() -> new CamelSalesforceClient(emulator.baseUrl(), component -> {
            component.setClientSecret("sandbox-secret");
            component.setUserName("integration@sandbox.example");
            component.setPassword("not-the-password");
        })).hasStackTraceContaining("invalid_grant").hasStackTraceContaining("authentication failure");
    }

    @Test
    void unknownClientIsRefusedWithInvalidClientId() {
        assertThatThrownBy(() -> new CamelSalesforceClient(emulator.baseUrl(), component -> {
            component.setClientId("someone-else");
            component.setClientSecret("sandbox-secret");
            component.setUserName("integration@sandbox.example");
            component.setPassword("sandbox");
        })).hasRootCauseInstanceOf(SalesforceException.class).hasStackTraceContaining("invalid_client_id");
    }

    private void assertLoggedInAs(java.util.function.Consumer<org.apache.camel.component.salesforce.SalesforceComponent> login)
            throws Exception {
        long loginsBefore = emulator.admin().calls().count("oauth");
        try (CamelSalesforceClient camel = new CamelSalesforceClient(emulator.baseUrl(), login)) {
            Limits limits = camel.call("limits", null, Limits.class);
            assertThat(limits.getDailyApiRequests().getMax()).isEqualTo(15_000);
        }
        assertThat(emulator.admin().calls().count("oauth")).isGreaterThan(loginsBefore);
    }
}
