package io.salesactivitysync.mail;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.activity.ActivityFlowTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The base of the BCC capture flow tests: emails go in over SMTP to the sandbox's GreenMail, the
 * real bcc-capture route reads them over IMAP and logs them through the real activity-logging
 * route to the Salesforce emulator; the tests look at the org, at {@code /api/activities}, and at
 * the mailbox's folders over IMAP.
 */
public abstract class BccFlowTest extends ActivityFlowTest {

    protected static final String BCC = "bcc@sandbox.example";
    protected static final String BCC_PASSWORD = "sandbox";

    /** A unique Message-ID, so that no test sees another's email. */
    protected static String newMessageId() {
        return "<" + UUID.randomUUID() + "@test.example>";
    }

    /** A plain email from {@code from} to {@code to}, as a mail program writes it. */
    protected static String email(String messageId, String from, String to, String subject, String body) {
        return "Message-ID: " + messageId + "\r\n"
                + "Date: Mon, 23 Nov 2026 10:30:00 +0000\r\n"
                + "From: Sender <" + from + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + body + "\r\n";
    }

    /** Sends the raw email over SMTP with the BCC mailbox as its only envelope recipient (a Bcc). */
    protected void bcc(String raw) {
        bcc(raw.getBytes(StandardCharsets.UTF_8));
    }

    protected void bcc(byte[] raw) {
        try {
            Smtp.send("127.0.0.1", mail.smtpPort(), "sender@test.example", List.of(BCC), raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the raw email straight into the BCC mailbox's INBOX (GreenMail's delivery, no SMTP): for backlogs. */
    protected void deliver(byte[] raw) {
        try {
            jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
                    Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw));
            mail.greenMail().getUserManager().getUserByEmail(BCC).deliver(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many BCC activities are in each state, for these Message-IDs (without angle brackets). */
    protected java.util.Map<String, Long> statesOf(List<String> messageIds) {
        java.util.Map<String, Long> states = new java.util.TreeMap<>();
        for (int from = 0; from < messageIds.size(); from += 500) {
            List<String> chunk = messageIds.subList(from, Math.min(messageIds.size(), from + 500));
            jdbc.sql("SELECT state, COUNT(*) FROM activities WHERE source = 'bcc' AND message_id IN (:ids) GROUP BY state")
                    .param("ids", chunk)
                    .query(rs -> {
                        states.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    });
        }
        return states;
    }

    /** Salesforce API calls the emulator served since its counter was reset, logins left out. */
    protected long apiCalls() {
        return salesforce.admin().calls().snapshot().entrySet().stream()
                .filter(call -> !call.getKey().equals("oauth")).mapToLong(java.util.Map.Entry::getValue).sum();
    }

    /** The BCC activities of the email with this Message-ID, once all have an outcome. */
    protected List<JsonNode> settledActivities(String messageId) {
        String id = messageId.substring(1, messageId.length() - 1);
        return await("BCC activities of " + messageId).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> activitiesOf(id), activities -> !activities.isEmpty()
                        && activities.stream().noneMatch(a -> "pending".equals(a.get("state").asText())));
    }

    protected List<JsonNode> activitiesOf(String messageId) {
        List<Long> ids = jdbc.sql("SELECT id FROM activities WHERE source = 'bcc' AND message_id = :id ORDER BY id")
                .param("id", messageId).query(Long.class).list();
        List<JsonNode> activities = new ArrayList<>();
        for (Long id : ids) {
            activities.add(api.get("/api/activities/" + id).json());
        }
        return activities;
    }

    /** Waits until the email is in the folder, seen. */
    protected void awaitInFolder(String folder, String messageId) {
        await(messageId + " in " + folder).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> seenIn(folder).contains(messageId));
    }

    /** The Message-IDs of the seen emails in the folder of the BCC mailbox. */
    protected List<String> seenIn(String folderName) throws MessagingException {
        return messageIds(folderName, true);
    }

    protected List<String> messageIds(String folderName, boolean seenOnly) throws MessagingException {
        Properties properties = new Properties();
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect("127.0.0.1", mail.imapPort(), BCC, BCC_PASSWORD);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                List<String> ids = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    if (message.isSet(Flags.Flag.DELETED) || (seenOnly && !message.isSet(Flags.Flag.SEEN))) {
                        continue;
                    }
                    String[] values = message.getHeader("Message-ID");
                    if (values != null) {
                        ids.add(values[0].strip());
                    }
                }
                return ids;
            } finally {
                folder.close(false);
            }
        }
    }
}
