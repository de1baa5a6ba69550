package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Logging in to the mailbox: with an OAuth2 access token through IMAP AUTHENTICATE XOAUTH2 (as
 * Gmail and Microsoft 365 want; GreenMail checks the token against the account's password), and a
 * login the server refuses, which /actuator/health shows with the server's reason.
 */
@TestPropertySource(properties = {"sas.mail.bcc.auth=xoauth2", "sas.mail.bcc.health-cache=1s"})
class BccMailboxLoginFlowTest extends BccFlowTest {

    @Test
    void theCaptureLogsInWithAnAccessTokenThroughXoauth2() {
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, ALICE_EMAIL, "Read through XOAUTH2", "Hello."));

        assertState(settledActivities(messageId).get(0), "logged");
    }

    @Test
    void aRefusedLoginIsTheMailboxDownWithTheServersReasonUntilItWorksAgain() {
        GreenMailUser account = mail.greenMail().getUserManager().getUserByEmail(BCC);
        account.setPassword("revoked-token");
        try {
            JsonNode down = await("bccMailbox DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/actuator/health").json().at("/components/bccMailbox"),
                            mailbox -> "DOWN".equals(mailbox.path("status").asText()));
            assertThat(down.at("/details/error").asText()).startsWith("login refused by the server");
            assertThat(down.toString()).doesNotContain("revoked-token");
        } finally {
            account.setPassword(BCC_PASSWORD);
        }
        await("bccMailbox UP again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/actuator/health").json().at("/components/bccMailbox/status").asText(), "UP"::equals);
    }
}
