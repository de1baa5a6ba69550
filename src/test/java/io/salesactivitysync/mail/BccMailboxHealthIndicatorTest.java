package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The mailbox check against a real IMAP server (GreenMail), with a clock the test moves. */
@ExtendWith(OutputCaptureExtension.class)
class BccMailboxHealthIndicatorTest {

    @RegisterExtension
    static final GreenMailExtension IMAP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());

    private final MockEnvironment environment = new MockEnvironment();
    private final MovableClock clock = new MovableClock();
    private ConnectionCountingProxy proxy;

    @BeforeEach
    void mailbox() throws IOException {
        IMAP.setUser("bcc@test.example", "bcc@test.example", "right-password");
        proxy = new ConnectionCountingProxy(IMAP.getImap().getPort());
        environment.setProperty("sas.mail.bcc.protocol", "imap");
        environment.setProperty("sas.mail.bcc.host", "127.0.0.1");
        environment.setProperty("sas.mail.bcc.port", String.valueOf(proxy.port()));
        environment.setProperty("sas.mail.bcc.username", "bcc@test.example");
        environment.setProperty("sas.mail.bcc.password", "right-password");
    }

    @AfterEach
    void closeProxy() throws IOException {
        proxy.close();
    }

    @Test
    void upWithTheAccountAndTheInboxCount() {
        Health health = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("server", "imap://127.0.0.1:" + proxy.port())
                .containsEntry("account", "bcc@test.example")
                .containsEntry("folder", "INBOX")
                .containsEntry("messages", 0)
                .containsEntry("unseen", 0)
                .containsEntry("checkedAt", clock.instant().toString())
                .doesNotContainKey("oldestUnseenReceivedAt");
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void readsTheCapturesFolderWithItsBacklogAndWhenTheOldestUnseenEmailArrived() throws Exception {
        GreenMailUser user = IMAP.getUserManager().getUser("bcc@test.example");
        MailFolder sales = IMAP.getManagers().getImapHostManager().createMailbox(user, "Sales");
        Instant oldest = Instant.parse("2026-11-20T08:15:30Z");
        sales.appendMessage(email("seen before"), new Flags(Flags.Flag.SEEN), Date.from(oldest.minusSeconds(3600)));
        sales.appendMessage(email("waiting longest"), new Flags(), Date.from(oldest));
        sales.appendMessage(email("waiting"), new Flags(), Date.from(oldest.plusSeconds(600)));
        // the INBOX is not what the capture reads: its email is no backlog
        IMAP.getManagers().getImapHostManager().getInbox(user).appendMessage(email("elsewhere"), new Flags(), new Date());
        environment.setProperty("sas.mail.bcc.folder", "Sales");

        Health health = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("folder", "Sales")
                .containsEntry("messages", 3)
                .containsEntry("unseen", 2)
                .containsEntry("oldestUnseenReceivedAt", "2026-11-20T08:15:30Z");
    }

    @Test
    void aMissingFolderIsDownNamingIt() {
        environment.setProperty("sas.mail.bcc.folder", "Nowhere");

        Health health = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("folder", "Nowhere");
        assertThat((String) health.getDetails().get("error")).contains("Nowhere");
    }

    private static MimeMessage email(String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("rep@test.example");
        message.setRecipients(Message.RecipientType.TO, "client@test.example");
        message.setSubject(subject);
        message.setText("Hello");
        message.saveChanges();
        return message;
    }

    @Test
    void keepsTheResultForTheCacheTimeThenLogsInAgain() {
        environment.setProperty("sas.mail.bcc.health-cache", "30s");
        BccMailboxHealthIndicator indicator = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock);
        Health first = indicator.health();

        // a changed password shows only once the cached result has expired
        environment.setProperty("sas.mail.bcc.password", "changed");
        clock.advance(Duration.ofSeconds(29));
        for (int i = 0; i < 10; i++) {
            assertThat(indicator.health()).isSameAs(first);
        }
        assertThat(proxy.connections()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    void theCacheTimeIsSixtySecondsByDefault() {
        BccMailboxHealthIndicator indicator = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock);
        indicator.health();
        clock.advance(Duration.ofSeconds(59));
        indicator.health();
        assertThat(proxy.connections()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        indicator.health();
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    void aRefusedLoginIsDownWithTheReasonLoggedOnceInOneLine(CapturedOutput output) {
        environment.setProperty("sas.mail.bcc.password", "wrong-password");
        BccMailboxHealthIndicator indicator = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock);

        Health health = indicator.health();
        for (int i = 0; i < 5; i++) {
            indicator.health();
        }

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("error")).startsWith("login refused by the server");
        assertThat(health.getDetails()).containsEntry("account", "bcc@test.example");
        assertThat(output.getOut().lines().filter(line -> line.contains("BCC mailbox check failed")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("imap://127.0.0.1:" + proxy.port() + " (account bcc@test.example): login refused by the server")
                        .contains("next check in 60s"));
        assertThat(output.getOut()).doesNotContain("wrong-password").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableServerIsDownWithTheConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        environment.setProperty("sas.mail.bcc.port", String.valueOf(closedPort));

        Health health = new BccMailboxHealthIndicator(new BccSettings(environment, clock), clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("error")).contains("Couldn't connect to host").contains("Connection refused");
    }

    @Test
    void theReasonIsOneLineFromTheCauseChain() {
        assertThat(BccMailboxHealthIndicator.reason(new AuthenticationFailedException("[AUTHENTICATIONFAILED] Invalid\r\ncredentials")))
                .isEqualTo("login refused by the server: [AUTHENTICATIONFAILED] Invalid credentials");
        assertThat(BccMailboxHealthIndicator.reason(new MessagingException("Couldn't connect to host, port: h, 993; timeout 5000",
                new ConnectException("Connection refused"))))
                .isEqualTo("Couldn't connect to host, port: h, 993; timeout 5000: ConnectException: Connection refused");
        assertThat(BccMailboxHealthIndicator.reason(new MessagingException("Couldn't connect to host, port: imap.example.com, 993",
                new java.net.UnknownHostException("imap.example.com"))))
                .isEqualTo("Couldn't connect to host, port: imap.example.com, 993: UnknownHostException: imap.example.com");
        assertThat(BccMailboxHealthIndicator.reason(new MessagingException())).isEqualTo("MessagingException");
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
