package io.salesactivitysync.mail.dovecot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.mail.BccFlowTest;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product's real bcc-capture route against a real Dovecot over IMAPS, an IMAP server that is not
 * the sandbox's GreenMail: emails are APPENDed raw into Dovecot's INBOX, the route reads them over
 * IMAPS (self-signed certificate, trusted through {@code sas.mail.bcc.ssl-trust}), logs them to the
 * sandbox's Salesforce emulator and moves each to the folder of its outcome on Dovecot.
 *
 * <p>Runs with the Maven profile {@code dovecot} after {@code src/test/dovecot/start-dovecot.sh}
 * (see {@link DovecotServer}); without it the class is skipped before its Spring context starts
 * (reported as skipped by the condition below; {@link DovecotServer#assumeAvailable()} then checks
 * the server can be logged in to, and fails the class when it cannot). Its context is its own (the
 * mailbox settings differ from the other flow tests').
 */
@EnabledIfSystemProperty(named = DovecotServer.HOST_PROPERTY, matches = ".*\\S.*",
        disabledReason = DovecotServer.HOST_PROPERTY + " is not set: no Dovecot server (mvn -Pdovecot after src/test/dovecot/start-dovecot.sh)")
class BccCaptureDovecotTest extends BccFlowTest {

    private static final String LOGGED = "Logged";
    private static final String UNRESOLVED = "Unresolved";
    private static final String REJECTED = "Rejected";

    private static DovecotServer dovecot;

    /**
     * Points the capture at Dovecot. Read from the system properties with DovecotServer's defaults,
     * so that the context would load even without them; without the host the class is skipped before
     * the context is ever asked for.
     */
    @DynamicPropertySource
    static void dovecotMailbox(DynamicPropertyRegistry registry) {
        registry.add("sas.mail.bcc.protocol", () -> "imaps");
        registry.add("sas.mail.bcc.host", () -> property(DovecotServer.HOST_PROPERTY, "127.0.0.1"));
        registry.add("sas.mail.bcc.port", () -> property(DovecotServer.PORT_PROPERTY, String.valueOf(DovecotServer.DEFAULT_PORT)));
        registry.add("sas.mail.bcc.username", () -> property(DovecotServer.USERNAME_PROPERTY, DovecotServer.DEFAULT_USERNAME));
        registry.add("sas.mail.bcc.password", () -> property(DovecotServer.PASSWORD_PROPERTY, DovecotServer.DEFAULT_PASSWORD));
        // the test server's certificate is self-signed
        registry.add("sas.mail.bcc.ssl-trust", () -> "*");
    }

    /** The system property, or the default when it is not set or blank (as DovecotServer reads them). */
    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name, "").trim();
        return value.isEmpty() ? defaultValue : value;
    }

    @BeforeAll
    static void dovecotAvailable() {
        dovecot = DovecotServer.assumeAvailable();
    }

    @BeforeEach
    void emptyMailbox() throws MessagingException {
        dovecot.clear();
    }

    @Test
    void anEmailARepBccsIsLoggedOnAliceAndMovedToLoggedSeen() throws Exception {
        String messageId = newMessageId();
        dovecot.append(bytes(email(messageId, RILEY, "Alice Buyer <" + ALICE_EMAIL + ">", "Quote over IMAPS",
                "Hello Alice, here is the quote.")));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(1);
        JsonNode activity = activities.get(0);
        assertState(activity, "logged");
        assertThat(activity.get("source").asText()).isEqualTo("bcc");
        List<JsonNode> tasks = tasks(activity);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("WhoId").asText()).isEqualTo(ALICE_CONTACT);
        assertThat(tasks.get(0).get("OwnerId").asText()).isEqualTo(RILEY_USER);
        assertThat(tasks.get(0).get("Subject").asText()).isEqualTo("Quote over IMAPS");
        assertThat(tasksWithKeyOf(activity)).hasSize(1);
        awaitSettledIn(LOGGED, messageId);
        assertThat(dovecot.isSeen(LOGGED, messageId)).isTrue();
        assertThat(dovecot.messageIds(DovecotServer.INBOX)).doesNotContain(messageId);
    }

    @Test
    void theSameEmailAppendedTwiceMakesOneTaskAndBothCopiesEndInLogged() throws Exception {
        String messageId = newMessageId();
        byte[] raw = bytes(email(messageId, RILEY, ALICE_EMAIL, "Twice", "Sent twice."));
        dovecot.append(raw);
        dovecot.append(raw);

        await(messageId + " twice in " + LOGGED).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> folder(LOGGED).stream().filter(m -> m.messageId().equals(messageId)).count() == 2);

        List<JsonNode> activities = settledActivities(messageId);
        assertThat(activities).hasSize(1);
        assertState(activities.get(0), "logged");
        assertThat(tasksWithKeyOf(activities.get(0))).singleElement()
                .satisfies(task -> assertThat(task.get("WhoId").asText()).isEqualTo(ALICE_CONTACT));
        assertThat(folder(LOGGED)).filteredOn(m -> m.messageId().equals(messageId)).hasSize(2).allMatch(Mail::seen);
        assertThat(dovecot.messageIds(DovecotServer.INBOX)).doesNotContain(messageId);
    }

    @Test
    void anEmailFromAnUnknownSenderIsRejectedAndMovedToRejected() throws Exception {
        String messageId = newMessageId();
        String stranger = "stranger-" + UUID.randomUUID() + "@unknown.example";
        dovecot.append(bytes(email(messageId, stranger, ALICE_EMAIL, "Not a rep", "Who am I?")));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(1);
        assertState(activities.get(0), "rejected");
        assertThat(activities.get(0).toString()).contains("is not a known rep");
        assertThat(tasksWithKeyOf(activities.get(0))).isEmpty();
        awaitSettledIn(REJECTED, messageId);
        assertThat(dovecot.messageIds(DovecotServer.INBOX)).doesNotContain(messageId);
    }

    @Test
    void anEmailToAStrangerIsUnresolvedAndMovedToUnresolved() throws Exception {
        String messageId = newMessageId();
        String nobody = "nobody-" + UUID.randomUUID() + "@nowhere.example";
        dovecot.append(bytes(email(messageId, RILEY, nobody, "To nobody", "Anyone there?")));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(1);
        assertState(activities.get(0), "unresolved");
        assertThat(tasksWithKeyOf(activities.get(0))).isEmpty();
        awaitSettledIn(UNRESOLVED, messageId);
        assertThat(dovecot.messageIds(DovecotServer.INBOX)).doesNotContain(messageId);
    }

    @Test
    void aMalformedEmailIsRejectedWithAReasonAndTheNextEmailIsStillLogged() throws Exception {
        String broken = newMessageId();
        String raw = "Message-ID: " + broken + "\r\n"
                + "Date: Mon, 23 Nov 2026 10:30:00 +0000\r\n"
                + "From: Riley <" + RILEY + ">\r\n"
                + "To: " + ALICE_EMAIL + "\r\n"
                + "Subject: Broken MIME\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"never-there-" + UUID.randomUUID() + "\"\r\n"
                + "\r\n"
                + "This multipart email has no part: its boundary never appears.\r\n"
                + "--some-other-boundary\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "Lost text.\r\n";
        dovecot.append(bytes(raw));
        String good = newMessageId();
        dovecot.append(bytes(email(good, RILEY, ALICE_EMAIL, "After the broken one", "Still here.")));

        List<JsonNode> rejected = settledActivities(broken);
        assertThat(rejected).hasSize(1);
        assertState(rejected.get(0), "rejected");
        assertThat(rejected.get(0).toString()).contains("cannot be read");
        awaitSettledIn(REJECTED, broken);

        List<JsonNode> logged = settledActivities(good);
        assertThat(logged).hasSize(1);
        assertState(logged.get(0), "logged");
        assertThat(tasks(logged.get(0))).singleElement()
                .satisfies(task -> assertThat(task.get("WhoId").asText()).isEqualTo(ALICE_CONTACT));
        awaitSettledIn(LOGGED, good);
        assertThat(dovecot.messageIds(DovecotServer.INBOX)).doesNotContain(broken, good);
    }

    @Test
    void aBacklogOf1000EmailsDrainsWithAtMost30ApiCalls() throws Exception {
        int count = 1000;
        List<String> ids = new ArrayList<>();
        List<byte[]> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String messageId = newMessageId();
            ids.add(messageId);
            emails.add(bytes(email(messageId, RILEY, ALICE_EMAIL, "Backlog " + i, "Email " + i + " of the backlog.")));
        }
        Map<String, Long> before = salesforce.admin().calls().snapshot();
        long started = System.nanoTime();

        appendAll(emails);

        Set<String> expected = Set.copyOf(ids);
        await(count + " emails in " + LOGGED).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> folder(LOGGED).stream().filter(Mail::seen).map(Mail::messageId)
                        .filter(expected::contains).distinct().count() == count);
        long millis = (System.nanoTime() - started) / 1_000_000;

        List<String> bare = ids.stream().map(id -> id.substring(1, id.length() - 1)).toList();
        List<String> states = jdbc.sql("SELECT state, COUNT(*) FROM activities WHERE source = 'bcc' AND message_id IN (:ids)"
                        + " GROUP BY state")
                .param("ids", bare).query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list();
        assertThat(states).containsExactly("logged=" + count);
        assertThat(folder(LOGGED)).filteredOn(m -> expected.contains(m.messageId())).hasSize(count).allMatch(Mail::seen);
        assertThat(dovecot.folderMessageCount(DovecotServer.INBOX)).isZero();

        Map<String, Long> after = salesforce.admin().calls().snapshot();
        Map<String, Long> calls = new LinkedHashMap<>();
        after.forEach((kind, n) -> {
            long delta = n - before.getOrDefault(kind, 0L);
            if (delta > 0 && !kind.equals("oauth")) {
                calls.put(kind, delta);
            }
        });
        long apiCalls = calls.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("Dovecot backlog: " + count + " emails logged and moved in " + millis + " ms with "
                + apiCalls + " API calls " + calls);
        assertThat(apiCalls).as(calls.toString()).isLessThanOrEqualTo(30);
    }

    /**
     * Every message of the shared corpus (several hundred real-world emails, clean and broken),
     * sent by senders the product knows (each From address an alias of one rep): each ends logged,
     * unresolved or rejected with a reason, leaves the INBOX, and the route keeps running.
     */
    @Test
    void everyCorpusMessageEndsInAKnownStateAndTheRouteKeepsRunning() throws Exception {
        java.nio.file.Path eml = io.salesactivitysync.SharedCorpus.require("eml");
        List<byte[]> emails = new ArrayList<>();
        Set<String> senders = new java.util.TreeSet<>();
        io.salesactivitysync.mail.MailParser parser = new io.salesactivitysync.mail.MailParser();
        for (String line : java.nio.file.Files.readAllLines(eml.resolve("MANIFEST.tsv")).stream().skip(1).toList()) {
            byte[] raw = java.nio.file.Files.readAllBytes(eml.resolve(line.split("\t")[0]));
            emails.add(raw);
            try {
                String from = parser.parse(raw).from().toLowerCase(java.util.Locale.ROOT);
                if (io.salesactivitysync.store.constraint.EmailAddresses.isValid(from) && !from.endsWith("@sandbox.example")) {
                    senders.add(from);
                }
            } catch (io.salesactivitysync.mail.MalformedMailException e) {
                // rejected by the capture too, with this reason
            }
        }
        // a rep takes at most 50 aliases: as many reps as the senders need
        List<String> all = List.copyOf(senders);
        for (int from = 0; from < all.size(); from += 50) {
            TestRep rep = newRep("Corpus" + from, "UTC");
            io.salesactivitysync.ApiClient.Response aliases = api.put("/api/reps/" + rep.id(), io.salesactivitysync.ApiClient.object(
                    "email", rep.email(), "name", "Corpus", "timeZone", "UTC", "salesforceUserId", rep.userId(),
                    "aliases", all.subList(from, Math.min(all.size(), from + 50))));
            assertThat(aliases.status()).as(aliases.body()).isEqualTo(200);
        }
        long startedAt = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM activities").query(Long.class).single();
        int before = dovecot.folderMessageCount(LOGGED) + dovecot.folderMessageCount(UNRESOLVED)
                + dovecot.folderMessageCount(REJECTED);

        appendAll(emails);

        await("the corpus out of the INBOX").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> dovecot.folderMessageCount(DovecotServer.INBOX) == 0);
        int after = dovecot.folderMessageCount(LOGGED) + dovecot.folderMessageCount(UNRESOLVED)
                + dovecot.folderMessageCount(REJECTED);
        assertThat(after - before).isEqualTo(emails.size());
        List<String> states = jdbc.sql("SELECT state || ' ' || COUNT(*) FROM activities WHERE source = 'bcc' AND id > :id"
                        + " GROUP BY state ORDER BY state").param("id", startedAt).query(String.class).list();
        System.out.println("Corpus through Dovecot: " + emails.size() + " emails, " + senders.size()
                + " senders made aliases; activities by state: " + states);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM activities WHERE source = 'bcc' AND id > :id"
                        + " AND (state NOT IN ('logged', 'unresolved', 'rejected') OR (state <> 'logged' AND reason IS NULL))")
                .param("id", startedAt).query(Long.class).single()).isZero();

        String after1 = newMessageId();
        dovecot.append(bytes(email(after1, RILEY, ALICE_EMAIL, "After the corpus", "Still running.")));
        assertState(settledActivities(after1).get(0), "logged");
    }

    // --- Dovecot helpers -------------------------------------------------------------------------------

    /** One message of a folder: its Message-ID and whether it is seen. */
    private record Mail(String messageId, boolean seen) {
    }

    private static byte[] bytes(String raw) {
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends the emails to a folder of their own in one session, then moves them all into INBOX with
     * one IMAP MOVE, so that the capture finds the whole backlog at once rather than a poll's share
     * of an append still under way.
     */
    private static void appendAll(List<byte[]> emails) throws MessagingException {
        try (Store store = dovecot.openStore()) {
            IMAPFolder staging = (IMAPFolder) store.getFolder("Staging");
            if (!staging.exists()) {
                staging.create(Folder.HOLDS_MESSAGES);
            }
            List<Message> messages = new ArrayList<>();
            for (byte[] raw : emails) {
                messages.add(new MimeMessage((Session) null, new ByteArrayInputStream(raw)));
            }
            staging.appendMessages(messages.toArray(Message[]::new));
            staging.open(Folder.READ_WRITE);
            try {
                staging.moveMessages(staging.getMessages(), store.getFolder(DovecotServer.INBOX));
            } finally {
                staging.close(true);
            }
        }
    }

    /** The messages of the folder (not those flagged deleted), read in one session; empty when it does not exist. */
    private static List<Mail> folder(String folderName) throws MessagingException {
        try (Store store = dovecot.openStore()) {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                Message[] messages = folder.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.FLAGS);
                profile.add("Message-ID");
                folder.fetch(messages, profile);
                List<Mail> mails = new ArrayList<>();
                for (Message message : messages) {
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    String[] header = message.getHeader("Message-ID");
                    mails.add(new Mail(header == null || header.length == 0 ? "" : header[0].strip(),
                            message.isSet(Flags.Flag.SEEN)));
                }
                return mails;
            } finally {
                folder.close(false);
            }
        }
    }

    /** Waits until the email is in the folder, seen. */
    private static void awaitSettledIn(String folderName, String messageId) {
        await(messageId + " seen in " + folderName).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> folder(folderName).stream().anyMatch(m -> m.seen() && m.messageId().equals(messageId)));
    }
}
