package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code /actuator/health} with a BCC mailbox on a real IMAP server (GreenMail, reached through a
 * relay that counts connections): anonymous calls, however many, cost at most one IMAP login per
 * cache period and see the status alone; the token holder sees the mailbox and why it is down.
 */
@ExtendWith(OutputCaptureExtension.class)
class BccMailboxHealthTest {

    private static final String TOKEN = ApiClient.TEST_TOKEN;
    private static final int CALLS = 20;

    @RegisterExtension
    static final GreenMailExtension IMAP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());

    @BeforeEach
    void mailbox() {
        IMAP.setUser("bcc@test.example", "bcc@test.example", "right-password");
    }

    @Test
    void anonymousHealthCallsCostOneLoginAndSeeTheStatusAlone() throws Exception {
        try (ConnectionCountingProxy imap = new ConnectionCountingProxy(IMAP.getImap().getPort());
             ConfigurableApplicationContext app = start(imap.port(), "right-password")) {
            ApiClient client = new ApiClient(port(app), TOKEN);

            for (int i = 0; i < CALLS; i++) {
                Response health = client.send(client.unauthenticated("/actuator/health").GET());
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().get("status").asText()).isEqualTo("UP");
                assertThat(health.json().has("components")).as(health.body()).isFalse();
            }
            assertThat(imap.connections()).isEqualTo(1);

            JsonNode mailbox = client.get("/actuator/health").json().at("/components/bccMailbox");
            assertThat(mailbox.get("status").asText()).isEqualTo("UP");
            assertThat(mailbox.at("/details/server").asText()).isEqualTo("imap://127.0.0.1:" + imap.port());
            assertThat(mailbox.at("/details/account").asText()).isEqualTo("bcc@test.example");
            assertThat(mailbox.at("/details/folder").asText()).isEqualTo("INBOX");
            assertThat(mailbox.at("/details/unseen").asInt()).isZero();
            // the token holder gets the cached result too
            assertThat(imap.connections()).isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordIsDownWithAReasonOnlyTheTokenHolderSees(CapturedOutput output) throws Exception {
        try (ConnectionCountingProxy imap = new ConnectionCountingProxy(IMAP.getImap().getPort());
             ConfigurableApplicationContext app = start(imap.port(), "wrong-password")) {
            ApiClient client = new ApiClient(port(app), TOKEN);

            for (int i = 0; i < CALLS; i++) {
                Response health = client.send(client.unauthenticated("/actuator/health").GET());
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
                assertThat(health.body()).doesNotContain("bcc@test.example", "login", "127.0.0.1");
            }
            Response component = client.send(client.unauthenticated("/actuator/health/bccMailbox").GET());
            assertThat(component.status()).isEqualTo(404);
            assertThat(component.json().get("message").asText()).contains("Authorization: Bearer");

            Response health = client.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            JsonNode mailbox = health.json().at("/components/bccMailbox");
            assertThat(mailbox.get("status").asText()).isEqualTo("DOWN");
            assertThat(mailbox.at("/details/error").asText())
                    .isEqualTo("login refused by the server: LOGIN failed. Invalid login/password for user id bcc@test.example");
            assertThat(client.get("/actuator/health/bccMailbox").json().at("/details/account").asText()).isEqualTo("bcc@test.example");

            assertThat(imap.connections()).isEqualTo(1);
            assertThat(output.getOut().lines().filter(line -> line.contains("BCC mailbox check failed"))).hasSize(1);
            assertThat(output.getOut()).doesNotContain("AuthenticationFailedException", "\tat ", "wrong-password");
        }
    }

    private static ConfigurableApplicationContext start(int imapPort, String password) {
        return new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                .initializers(new TestDatabase())
                .run("--server.port=0",
                        "--sas.api.token=" + TOKEN,
                        "--sas.mail.bcc.protocol=imap",
                        "--sas.mail.bcc.host=127.0.0.1",
                        "--sas.mail.bcc.port=" + imapPort,
                        "--sas.mail.bcc.username=bcc@test.example",
                        "--sas.mail.bcc.password=" + password);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
