package io.salesactivitysync.sandbox.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Salesforce's session timeout counts inactivity ("how many minutes of inactivity elapse before a
 * user's authenticated session times out"): every use of an access token, over REST or the
 * stream, starts the two hours again.
 */
class SessionTimeoutTest {

    private SalesforceEmulator emulator;
    private String token;
    private TestHttp http;

    @BeforeEach
    void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().sessionTimeout(Duration.ofHours(2)).build())
                .build().start();
        token = TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example");
        http = new TestHttp(emulator.baseUrl(), token);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private int limitsStatus() {
        return http.api("GET", "limits/", null).status();
    }

    @Test
    void aSessionInUseOutlivesTheTimeout() {
        emulator.admin().advanceClock(Duration.ofMinutes(90));
        assertThat(limitsStatus()).isEqualTo(200);
        emulator.admin().advanceClock(Duration.ofMinutes(90));
        assertThat(limitsStatus()).as("three hours after login, ninety minutes after its last use").isEqualTo(200);

        emulator.admin().advanceClock(Duration.ofHours(2).plusSeconds(1));
        assertThat(limitsStatus()).as("two idle hours").isEqualTo(401);
    }

    @Test
    void streamingUseKeepsTheSessionAliveToo() {
        emulator.admin().advanceClock(Duration.ofMinutes(90));
        // the Streaming API checks every handshake, connect and subscribe with this validator
        assertThat(emulator.tokenValidator().validate(token)).isPresent();
        emulator.admin().advanceClock(Duration.ofMinutes(90));

        assertThat(limitsStatus()).isEqualTo(200);
    }

    @Test
    void expiringAllSessionsEndsOnesInUse() {
        assertThat(limitsStatus()).isEqualTo(200);
        emulator.admin().expireAllSessions();

        assertThat(limitsStatus()).isEqualTo(401);
    }
}
