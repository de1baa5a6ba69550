package io.salesactivitysync.mail.dovecot;

import static io.salesactivitysync.mail.dovecot.DovecotServer.INBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Dovecot of src/test/dovecot/start-dovecot.sh works as the other Dovecot tests expect: messages
 * appended over IMAPS come back unseen, with their headers; a message moved to a created folder
 * leaves INBOX; {@link DovecotServer#clear()} leaves an empty INBOX alone; a Camel {@code imaps://}
 * endpoint with {@link DovecotServer#javaMailProperties()} reads it. Skipped without the
 * {@code dovecot} Maven profile.
 */
class DovecotServerTest {

    private DovecotServer dovecot;

    @BeforeEach
    void emptyAccount() throws Exception {
        dovecot = DovecotServer.assumeAvailable();
        dovecot.clear();
    }

    @Test
    void appendedMessagesAreReadBackOverImapsUnseen() throws Exception {
        dovecot.append(mail("<first@sender.test>", "First"));
        dovecot.append(mail("<second@sender.test>", "Second"));

        assertThat(dovecot.folderMessageCount(INBOX)).isEqualTo(2);
        assertThat(dovecot.unseenCount(INBOX)).isEqualTo(2);
        assertThat(dovecot.messageIds(INBOX)).containsExactly("<first@sender.test>", "<second@sender.test>");
        assertThat(dovecot.isSeen(INBOX, "<first@sender.test>")).isFalse();

        try (Store store = dovecot.openStore()) {
            Folder inbox = store.getFolder(INBOX);
            inbox.open(Folder.READ_WRITE);
            Message first = inbox.getMessage(1);
            assertThat(first.getSubject()).isEqualTo("First");
            assertThat(((InternetAddress) first.getFrom()[0]).getAddress()).isEqualTo("rep@sales.test");
            assertThat(first.getContent().toString()).contains("Body of First");
            // reading the body over IMAP (FETCH BODY[]) sets \Seen
            assertThat(first.isSet(Flags.Flag.SEEN)).isTrue();
            inbox.close(false);
        }
        assertThat(dovecot.isSeen(INBOX, "<first@sender.test>")).isTrue();
        assertThat(dovecot.isSeen(INBOX, "<second@sender.test>")).isFalse();
        assertThat(dovecot.unseenCount(INBOX)).isEqualTo(1);
    }

    @Test
    void aMessageMovedToACreatedFolderLeavesInbox() throws Exception {
        dovecot.append(mail("<stays@sender.test>", "Stays"));
        dovecot.append(mail("<moves@sender.test>", "Moves"));
        assertThat(dovecot.folderExists("Logged")).isFalse();
        dovecot.createFolder("Logged");

        try (Store store = dovecot.openStore()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder(INBOX);
            inbox.open(Folder.READ_WRITE);
            Message moves = inbox.getMessage(2);
            assertThat(moves.getHeader("Message-ID")).containsExactly("<moves@sender.test>");
            inbox.moveMessages(new Message[] {moves}, store.getFolder("Logged"));
            inbox.close(false);
        }

        assertThat(dovecot.folderMessageCount(INBOX)).isEqualTo(1);
        assertThat(dovecot.folderMessageCount("Logged")).isEqualTo(1);
        assertThat(dovecot.messageIds(INBOX)).containsExactly("<stays@sender.test>");
        assertThat(dovecot.messageIds("Logged")).containsExactly("<moves@sender.test>");
        assertThat(dovecot.unseenCount("Logged")).isEqualTo(1);
        assertThat(dovecot.isSeen("Logged", "<moves@sender.test>")).isFalse();
    }

    @Test
    void clearEmptiesInboxAndDeletesTheOtherFolders() throws Exception {
        dovecot.append(mail("<a@sender.test>", "A"));
        dovecot.append("Logged", mail("<b@sender.test>", "B"));
        dovecot.append("Archive/2025", mail("<c@sender.test>", "C"));

        dovecot.clear();

        assertThat(dovecot.folderMessageCount(INBOX)).isZero();
        assertThat(dovecot.folderExists("Logged")).isFalse();
        assertThat(dovecot.folderExists("Archive/2025")).isFalse();
        assertThat(dovecot.folderExists("Archive")).isFalse();
        try (Store store = dovecot.openStore()) {
            assertThat(store.getDefaultFolder().list("*")).extracting(Folder::getFullName).containsExactly(INBOX);
        }
    }

    @Test
    void theAccountsAreSeparateAndPasswordsAreChecked() throws Exception {
        DovecotServer other = dovecot.as(DovecotServer.OTHER_USERNAME, DovecotServer.OTHER_PASSWORD);
        other.clear();
        dovecot.append(mail("<mine@sender.test>", "Mine"));

        assertThat(other.folderMessageCount(INBOX)).isZero();
        assertThat(dovecot.folderMessageCount(INBOX)).isEqualTo(1);
        assertThatThrownBy(() -> dovecot.as(dovecot.username(), "wrong-password").openStore())
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aCamelImapsEndpointWithTheJavaMailPropertiesReadsAndMoves() throws Exception {
        dovecot.append(mail("<camel@sender.test>", "Camel"));
        List<String> received = new CopyOnWriteArrayList<>();
        String uri = dovecot.url() + "?username=RAW(" + dovecot.username() + ")&password=RAW(" + dovecot.password()
                + ")&additionalJavaMailProperties=#dovecotMail&moveTo=Logged&initialDelay=0&delay=200";

        // a route, as in the product: the message is moved when its exchange completes, in the same poll
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("dovecotMail", dovecot.javaMailProperties());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).process(exchange -> received.add(exchange.getMessage().getHeader("Message-ID", String.class)
                            + " " + exchange.getMessage().getHeader("Subject", String.class)));
                }
            });
            camel.start();

            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(dovecot.messageIds("Logged")).containsExactly("<camel@sender.test>"));
        }

        assertThat(received).containsExactly("<camel@sender.test> Camel");
        assertThat(dovecot.folderMessageCount(INBOX)).isZero();
    }

    private static byte[] mail(String messageId, String subject) {
        String raw = "From: Rep <rep@sales.test>\r\n"
                + "To: customer@example.test\r\n"
                + "Bcc: " + DovecotServer.DEFAULT_USERNAME + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Wed, 03 Dec 2025 10:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "Body of " + subject + "\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }
}
