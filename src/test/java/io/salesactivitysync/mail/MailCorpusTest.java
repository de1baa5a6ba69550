package io.salesactivitysync.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.salesactivitysync.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link MailParser} on every message of the shared corpus ({@code eml/MANIFEST.tsv}: real-world
 * and test mail from five mail libraries, read where it lies, never copied here): each gives a
 * {@link ParsedMail} or a {@link MalformedMailException} with a reason, nothing else, within a few
 * seconds; and messages with known quirks give what reading them by hand gives. Skipped where the
 * corpus is absent.
 */
class MailCorpusTest {

    private static final Duration PER_MESSAGE = Duration.ofSeconds(5);
    private final MailParser parser = new MailParser();

    /** A MANIFEST row: the file (relative to eml/) and its features ({@code no-Message-ID;charsets:...}). */
    record Message(String path, String features) {
    }

    static Path corpus() {
        return SharedCorpus.require("eml");
    }

    static List<Message> manifest() throws IOException {
        List<String> lines = Files.readAllLines(corpus().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("path\t"), "MANIFEST.tsv starts with its header row");
        List<Message> messages = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length > 1 && columns[1].equals("message")) {
                messages.add(new Message(columns[0], columns.length > 4 ? columns[4] : ""));
            }
        }
        return messages;
    }

    private Object outcome(byte[] raw) {
        return assertTimeoutPreemptively(PER_MESSAGE, () -> {
            try {
                return parser.parse(raw);
            } catch (Throwable e) {
                return e;
            }
        });
    }

    private ParsedMail parse(String path) throws IOException {
        Object outcome = outcome(Files.readAllBytes(corpus().resolve(path)));
        if (outcome instanceof ParsedMail mail) {
            return mail;
        }
        throw new AssertionError(path + ": expected a ParsedMail, got " + outcome, (Throwable) outcome);
    }

    private String malformed(String path) throws IOException {
        Object outcome = outcome(Files.readAllBytes(corpus().resolve(path)));
        if (outcome instanceof MalformedMailException e) {
            MailParserTest.assertReadable(e.getMessage());
            return e.getMessage();
        }
        throw new AssertionError(path + ": expected MalformedMailException, got " + outcome,
                outcome instanceof Throwable t ? t : null);
    }

    @Test
    void everyMessageParsesOrIsRejectedWithAReason() throws IOException {
        List<Message> messages = manifest();
        assertFalse(messages.isEmpty(), "the MANIFEST lists messages");
        int parsed = 0;
        Map<String, List<String>> reasons = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (Message message : messages) {
            byte[] raw = Files.readAllBytes(corpus().resolve(message.path()));
            Object outcome;
            try {
                outcome = outcome(raw);
            } catch (Throwable timeout) {
                failures.add(message.path() + ": " + timeout.getMessage());
                continue;
            }
            if (outcome instanceof ParsedMail mail) {
                parsed++;
                if (mail.key() == null || mail.from() == null || mail.body() == null) {
                    failures.add(message.path() + ": a ParsedMail without key, from or body: " + mail);
                }
            } else if (outcome instanceof MalformedMailException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    failures.add(message.path() + ": MalformedMailException without a reason");
                } else {
                    reasons.computeIfAbsent(e.getMessage().replaceAll("\".*\"", "\"…\""), k -> new ArrayList<>())
                            .add(message.path());
                }
            } else {
                failures.add(message.path() + ": threw " + outcome);
            }
        }
        int malformed = reasons.values().stream().mapToInt(List::size).sum();
        StringBuilder summary = new StringBuilder(String.format("%nMail corpus: %d messages in %d ms: %d parsed, %d malformed%n",
                messages.size(), (System.nanoTime() - started) / 1_000_000, parsed, malformed));
        reasons.forEach((reason, paths) -> summary.append(String.format("  %4d  %s%n", paths.size(), reason)));
        System.out.print(summary);
        assertTrue(failures.isEmpty(), () -> failures.size() + " messages failed:\n" + String.join("\n", failures));
        assertEquals(messages.size(), parsed + malformed);
        assertTrue(parsed > malformed, "most of the corpus is readable mail");
    }

    // ---------------------------------------------------------------- messages with known quirks

    @Test
    void koreanBodyInKsC5601() throws IOException {
        // charsets:ks_c_5601-1987; the body is the bytes BD BA C6 BC C7 D8, 8bit
        ParsedMail mail = parse("mikel__mail/spec/fixtures/emails/multi_charset/ks_c_5601-1987.eml");
        assertEquals("스티해", mail.body());
        assertEquals("test", mail.subject());
        assertEquals("from@example.com", mail.messageId());
        assertEquals("mid:from@example.com", mail.key());
    }

    @Test
    void koreanSubjectInEucKr() throws IOException {
        // encoded-words:euc-kr, behind an mbox "From " line
        ParsedMail mail = parse("mikel__mail/spec/fixtures/emails/plain_emails/raw_email.eml");
        assertEquals("NOTE: 한국말로 하는 것", mail.subject());
        assertEquals("jamis@37signals.com", mail.from());
        assertEquals(List.of("willard15georgina@jamis.backpackit.com"), mail.to());
    }

    @Test
    void japaneseIso2022JpBodyWithoutMessageId() throws IOException {
        String path = "mikel__mail/spec/fixtures/emails/multi_charset/japanese_iso_2022.eml";
        ParsedMail mail = parse(path);
        assertEquals("まみむめも", mail.subject());
        assertEquals("すみません。", mail.body());
        assertNull(mail.messageId());
        assertTrue(mail.key().startsWith("sha256:"));
        assertEquals(mail.key(), parse(path).key());
    }

    @Test
    void encodedWordsInThreeCharsetsAndABcc() throws IOException {
        ParsedMail mail = parse("apache__james-mime4j/core/src/test/resources/mimetools-testmsgs/intl.msg");
        assertEquals("If you can read this you understand the example... so, cool!", mail.subject());
        assertEquals("moore@cs.utk.edu", mail.from());
        assertEquals(List.of("keld@dkuug.dk"), mail.to());
        assertEquals(List.of("PIRARD@vm1.ulg.ac.be"), mail.cc(), "as written: addresses compare case-insensitively");
        assertEquals(List.of("paf@nada.kth.se"), mail.bcc());
    }

    @Test
    void utf7EmailWithRawUtf7Headers() throws IOException {
        // charsets:utf-7: Netscape wrote the Subject and the To name in UTF-7 without encoded words
        ParsedMail mail = parse("stalwartlabs__mail-parser/resources/eml/legacy/034.eml");
        assertEquals("Die Hasen und die Frösche", mail.subject());
        assertEquals(List.of("mueller@example.com"), mail.to());
        assertTrue(mail.body().startsWith("Die Hasen und die Fr"), mail.body());
    }

    @Test
    void embeddedRfc822WithoutMessageIdAndStableKey() throws IOException {
        String path = "apache__james-mime4j/core/src/test/resources/mimetools-testmsgs/ak-0696.msg";
        ParsedMail mail = parse(path);
        assertEquals("[Fwd: Re: 34Mbit/s Netz]", mail.subject());
        assertEquals(List.of("forwarded email.eml"), mail.attachments().stream().map(ParsedMail.Attachment::name).toList());
        assertTrue(mail.attachments().get(0).size() > 1_000);
        assertEquals("--\nJuergen Specht - KULTURBOX", mail.body(), "the signature dash line without its trailing blank");
        assertNull(mail.messageId(), "the forwarded email's Message-Id is not the email's");
        byte[] again = Files.readAllBytes(corpus().resolve(path));
        byte[] relayed = MailParserTest.concat(
                "Received: from relay.example by mx.example; Thu, 20 Jun 1996 08:36:00 +0200\r\n".getBytes(StandardCharsets.US_ASCII), again);
        assertEquals(mail.key(), ((ParsedMail) outcome(relayed)).key(), "one more Received header: the same key");
    }

    @Test
    void attachmentsWithRfc2231NamesAndAnAlternative() throws IOException {
        // attachments=3: an inline image, a GIF whose name is RFC 2231 UTF-8, a text file; text/watch-html is an alternative
        ParsedMail mail = parse("nodemailer__mailparser/test/fixtures/nodemailer.eml");
        assertEquals("Nodemailer is unicode friendly ✔ (1476358788189)", mail.subject());
        assertEquals(List.of("image.png", "nyan cat ✔.gif", "notes.txt"),
                mail.attachments().stream().map(ParsedMail.Attachment::name).toList());
        assertEquals(List.of(126L, 29_361L, 28L), mail.attachments().stream().map(ParsedMail.Attachment::size).toList());
    }

    @Test
    void rfc2231NameInTwoSegments() throws IOException {
        ParsedMail mail = parse("mikel__mail/spec/fixtures/emails/multi_charset/japanese_attachment_long_name.eml");
        assertEquals(List.of("かきくけこかきくけこかきくけこかきくけこかきくけこ.txt"),
                mail.attachments().stream().map(ParsedMail.Attachment::name).toList());
    }

    @Test
    void deeplyNestedForwardsAreOneAttachment() throws IOException {
        // deep-nesting;embedded-rfc822;attachments=1;defect:CloseBoundaryNotFoundDefect
        ParsedMail mail = parse("apache__james-mime4j/core/src/test/resources/mimetools-testmsgs/frag.msg");
        assertEquals(1, mail.attachments().size());
        assertEquals("forwarded email.eml", mail.attachments().get(0).name());
    }

    @Test
    void emptyMultipartIsReadNotRejected() throws IOException {
        // defect:StartBoundaryNotFoundDefect: only the closing boundary line, no part
        ParsedMail mail = parse("apache__james-mime4j/core/src/test/resources/testmsgs/multipartnopart.msg");
        assertEquals("me@example.com", mail.from());
        assertEquals("", mail.body());
        assertEquals(List.of("a multipart/mixed part holds no parts"), mail.notes());
    }

    @Test
    void knownUnreadableMessages() throws IOException {
        // 8bit-in-headers: the sender's address itself is not ASCII, which the product does not take
        assertTrue(malformed("mikel__mail/spec/fixtures/emails/rfc6532/utf8_headers.eml")
                .startsWith("the From header holds no readable address"));
        // no-From
        assertEquals("the email has no From header: its sender is unknown",
                malformed("apache__james-mime4j/core/src/test/resources/mimetools-testmsgs/bluedot-simple.msg"));
        // a multipart whose body was cut away
        assertTrue(malformed("mikel__mail/spec/fixtures/emails/error_emails/missing_body.eml")
                .startsWith("a multipart/mixed part is empty"));
    }

    @Test
    void messagesMarkedNoMessageIdHaveDigestKeys() throws IOException {
        // where the MANIFEST's reader found no headers (an mbox "From " line first), or ended them at a stray line
        // ("quite Delivered-To: ..."), this parser reads on and finds the Message-ID (and From, Subject)
        List<String> strayLineBeforeMessageId = List.of("mikel__mail/spec/fixtures/emails/plain_emails/raw_email_incorrect_header.eml");
        int checked = 0;
        for (Message message : manifest()) {
            if (!message.features().contains("no-Message-ID") || message.features().contains("no-headers")
                    || strayLineBeforeMessageId.contains(message.path())) {
                continue;
            }
            Object outcome = outcome(Files.readAllBytes(corpus().resolve(message.path())));
            if (outcome instanceof ParsedMail mail) {
                assertNull(mail.messageId(), message.path());
                assertTrue(mail.key().startsWith("sha256:"), message.path());
                checked++;
            } else if (!(outcome instanceof MalformedMailException)) {
                fail(message.path() + ": " + outcome);
            }
        }
        assertTrue(checked > 10, "messages without Message-ID were read: " + checked);
        assertNotNull(parser);
    }
}
