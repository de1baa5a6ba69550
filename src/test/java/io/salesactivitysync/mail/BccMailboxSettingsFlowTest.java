package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The mailbox settings other than the defaults, in one context: logging in with an OAuth2 access
 * token through IMAP AUTHENTICATE XOAUTH2 (as Gmail and Microsoft 365 want; GreenMail checks the
 * token against the account's password), a login the server refuses (shown by /actuator/health
 * with the server's reason), {@code move-to-folders: false} for servers without folders, and
 * unresolved activities matched again by themselves ({@code unresolved-retry-interval}).
 */
@TestPropertySource(properties = {"sas.mail.bcc.auth=xoauth2", "sas.mail.bcc.health-cache=1s",
        "sas.mail.bcc.move-to-folders=false", "sas.activity.unresolved-retry-interval=1s"})
class BccMailboxSettingsFlowTest extends BccFlowTest {

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

    @Test
    void withoutFoldersAnEmailStaysInTheInboxSeenAndFlaggedUnlessLogged() throws Exception {
        String logged = newMessageId();
        String rejected = newMessageId();
        bcc(email(logged, RILEY, ALICE_EMAIL, "Stays in the inbox", "Hello."));
        bcc(email(rejected, "nobody-" + java.util.UUID.randomUUID() + "@unknown.example", ALICE_EMAIL, "Flagged", "Hello."));

        assertState(settledActivities(logged).get(0), "logged");
        assertState(settledActivities(rejected).get(0), "rejected");
        awaitInFolder("INBOX", logged);
        awaitInFolder("INBOX", rejected);
        assertThat(flagged("INBOX")).contains(rejected).doesNotContain(logged);
        assertThat(messageIds("Logged", false)).doesNotContain(logged);
    }

    @Test
    void anUnresolvedEmailIsLoggedByItselfOnceItsContactIsAddedInSalesforce() {
        String stranger = io.salesactivitysync.ApiClient.uniqueEmail("later");
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, stranger, "Before they were in Salesforce", "Hello."));
        JsonNode unresolved = settledActivities(messageId).get(0);
        assertState(unresolved, "unresolved");

        // added in Salesforce only, not through the product's API
        String contact = newContact(stranger, null);

        JsonNode logged = await("matched again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/activities/" + unresolved.get("id").asLong()).json(),
                        activity -> "logged".equals(activity.get("state").asText()));
        assertThat(tasks(logged).get(0).get("WhoId").asText()).isEqualTo(contact);
    }

    private java.util.List<String> flagged(String folderName) throws jakarta.mail.MessagingException {
        try (jakarta.mail.Store store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mail.imapPort(), BCC, BCC_PASSWORD);
            jakarta.mail.Folder folder = store.getFolder(folderName);
            folder.open(jakarta.mail.Folder.READ_ONLY);
            try {
                java.util.List<String> ids = new java.util.ArrayList<>();
                for (jakarta.mail.Message message : folder.getMessages()) {
                    if (message.isSet(jakarta.mail.Flags.Flag.FLAGGED)) {
                        ids.add(message.getHeader("Message-ID")[0].strip());
                    }
                }
                return ids;
            } finally {
                folder.close(false);
            }
        }
    }
}
