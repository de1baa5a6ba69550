package io.salesactivitysync.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MailParser} on emails made here, byte for byte: the charsets real mailers use, the MIME
 * shapes of real mail, and broken or hostile input, which must end in {@link MalformedMailException}
 * with a reason a person can read, quickly, and never in anything else.
 */
class MailParserTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private final MailParser parser = new MailParser();

    // ------------------------------------------------------------------ fixtures

    /** An email from text: lines joined with CRLF, written as UTF-8 (raw 8-bit where the text is not ASCII). */
    static byte[] eml(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] latin1(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An RFC 2047 B word of {@code text} in the JVM charset {@code javaCharset}, labelled {@code label}. */
    static String bWord(String label, String javaCharset, String text) {
        return "=?" + label + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(javaCharset))) + "?=";
    }

    /** An RFC 2047 Q word of raw bytes. */
    static String qWord(String label, byte[] bytes) {
        StringBuilder word = new StringBuilder("=?" + label + "?Q?");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == ' ') {
                word.append('_');
            } else if (c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_') {
                word.append((char) c);
            } else {
                word.append(String.format("=%02X", c));
            }
        }
        return word.append("?=").toString();
    }

    static String base64Lines(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    /** A plain email with the given extra headers and body. */
    static byte[] simple(String headers, String body) {
        return eml("From: Alice Sender <alice@sender.example>\n"
                + "To: bob@customer.example\n"
                + "Message-ID: <simple-1@sender.example>\n"
                + "Date: Tue, 14 Jan 2025 09:30:00 +0100\n"
                + headers + (headers.isEmpty() || headers.endsWith("\n") ? "" : "\n")
                + "\n" + body);
    }

    /** What parsing gives, quickly: a ParsedMail or what was thrown. */
    private Object outcome(byte[] raw) {
        return assertTimeoutPreemptively(QUICKLY, () -> {
            try {
                return parser.parse(raw);
            } catch (Throwable e) {
                return e;
            }
        }, "parsing took longer than " + QUICKLY);
    }

    private ParsedMail parse(byte[] raw) {
        Object outcome = outcome(raw);
        if (outcome instanceof ParsedMail mail) {
            return mail;
        }
        throw new AssertionError("expected a ParsedMail, got " + outcome, (Throwable) outcome);
    }

    /** Parsing fails with MalformedMailException, quickly, with a readable reason holding {@code expected}. */
    private String malformed(byte[] raw, String expected) {
        Object outcome = outcome(raw);
        if (!(outcome instanceof MalformedMailException thrown)) {
            throw new AssertionError("expected MalformedMailException, got " + outcome,
                    outcome instanceof Throwable t ? t : null);
        }
        String reason = thrown.getMessage();
        assertReadable(reason);
        assertTrue(reason.contains(expected), () -> "reason \"" + reason + "\" should say \"" + expected + "\"");
        assertFalse(reason.contains("parser fail"), () -> "a known defect should have its own reason: " + reason);
        return reason;
    }

    /**
     * A reason a person reads after "the email cannot be read: ": a sentence of words in lower case
     * first, short, without class names, stack traces, control characters or "null".
     */
    static void assertReadable(String reason) {
        assertNotNull(reason, "a reason");
        assertFalse(reason.isBlank(), "a reason that says something");
        assertTrue(reason.length() <= 400, () -> "a short reason: " + reason.length() + " characters");
        assertTrue(Character.isLowerCase(reason.charAt(0)), () -> "continues a sentence: " + reason);
        assertTrue(reason.split("\\s+").length >= 4, () -> "a sentence, not a word: " + reason);
        assertFalse(reason.matches("(?s).*(Exception|Error\\b|java\\.|jakarta\\.|\\bat [a-z]+\\.|\\bnull\\b).*"),
                () -> "no technical noise: " + reason);
        assertTrue(reason.chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "no control characters: " + reason);
    }

    // ------------------------------------------------------------------ charsets in the subject

    @Nested
    class Subjects {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "ks_c_5601-1987, x-windows-949, 안녕하세요 견적 문의",
                "KS_C_5601-1987, x-windows-949, 회의 일정",
                "euc-kr, EUC-KR, 제안서 검토 요청",
                "iso-2022-jp, ISO-2022-JP, 見積もりのご依頼",
                "ISO-2022-JP, ISO-2022-JP, こんにちは",
                "utf-8, UTF-8, Grüße — €100 ✔ 🎉",
                "shift_jis, Shift_JIS, 会議の件",
                "gb2312, GBK, 会议安排",
                "windows-1251, windows-1251, Привет мир",
                "koi8-r, KOI8-R, Коммерческое предложение",
                "iso-8859-2, ISO-8859-2, Zażółć gęślą jaźń",
                "big5, Big5, 報價單"
        })
        void bEncodedWordsInAnyCharsetTheJvmKnows(String label, String javaCharset, String text) {
            ParsedMail mail = parse(simple("Subject: " + bWord(label, javaCharset, text), "hi"));
            assertEquals(text, mail.subject());
            assertEquals(List.of(), mail.notes());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "ks_c_5601-1987, x-windows-949, 안녕하세요",
                "euc-kr, EUC-KR, 감사합니다",
                "iso-2022-jp, ISO-2022-JP, ありがとう",
                "utf-8, UTF-8, Déjà vu — naïve café"
        })
        void qEncodedWords(String label, String javaCharset, String text) {
            ParsedMail mail = parse(simple("Subject: " + qWord(label, text.getBytes(Charset.forName(javaCharset))), "hi"));
            assertEquals(text, mail.subject());
        }

        @Test
        void koreanFromAKnownMailerByteForByte() {
            // 안녕하세요 in KS C 5601 (EUC-KR bytes BE C8 B3 E7 C7 CF BC BC BF E4), as Outlook writes it
            assertEquals("안녕하세요", parse(simple("Subject: =?ks_c_5601-1987?B?vsiz58fPvLy/5A==?=", "")).subject());
            assertEquals("안녕하세요", parse(simple("Subject: =?euc-kr?Q?=BE=C8=B3=E7=C7=CF=BC=BC=BF=E4?=", "")).subject());
            // こんにちは in ISO-2022-JP (ESC $ B ... ESC ( B)
            assertEquals("こんにちは", parse(simple("Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=", "")).subject());
        }

        @Test
        void aMultibyteCharacterSplitAcrossTwoAdjacentWordsComesOutWhole() {
            byte[] utf8 = "안녕".getBytes(StandardCharsets.UTF_8);   // EC 95 88 EB 85 95: split inside 녕
            String q = qWord("UTF-8", Arrays.copyOf(utf8, 4)) + " " + qWord("UTF-8", Arrays.copyOfRange(utf8, 4, 6));
            assertEquals("안녕", parse(simple("Subject: " + q, "")).subject());

            String b = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(Arrays.copyOf(utf8, 4)) + "?=\n =?UTF-8?B?"
                    + Base64.getEncoder().encodeToString(Arrays.copyOfRange(utf8, 4, 6)) + "?=";
            assertEquals("안녕", parse(simple("Subject: " + b, "")).subject());

            byte[] korean = "견적서".getBytes(Charset.forName("x-windows-949"));   // 6 bytes, split after the 3rd
            String ks = "=?ks_c_5601-1987?B?" + Base64.getEncoder().encodeToString(Arrays.copyOf(korean, 3)) + "?= "
                    + "=?ks_c_5601-1987?B?" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(korean, 3, 6)) + "?=";
            assertEquals("견적서", parse(simple("Subject: " + ks, "")).subject());
        }

        @Test
        void wordsAndPlainTextMixedAndBlanksBetweenWordsDropped() {
            String subject = "Re: " + bWord("UTF-8", "UTF-8", "Angebot") + " " + bWord("UTF-8", "UTF-8", " für Sie") + " (2025)";
            assertEquals("Re: Angebot für Sie (2025)", parse(simple("Subject: " + subject, "")).subject());
        }

        @Test
        void utf7WordsWherePossible() {
            assertEquals("Frühling", parse(simple("Subject: =?utf-7?Q?Fr+APw-hling?=", "")).subject());
            assertEquals("Frühling", parse(simple("Subject: " + "=?UTF-7?B?"
                    + Base64.getEncoder().encodeToString("Fr+APw-hling".getBytes(StandardCharsets.US_ASCII)) + "?=", "")).subject());
            assertEquals("Call +1-555 now", Utf7.decode("Call +1-555 now"), "too short to be UTF-7: kept");
            assertEquals("1 + 1 = 2", Utf7.decode("1 +- 1 = 2"));
        }

        @Test
        void rawUtf8Headers() {
            ParsedMail mail = parse(eml("""
                    From: Jürgen Müller <juergen@sender.example>
                    To: "Zoë Ångström" <zoe@customer.example>
                    Subject: Grüße aus Köln — 見積もり
                    Message-ID: <raw8@sender.example>

                    Hallo"""));
            assertEquals("Grüße aus Köln — 見積もり", mail.subject());
            assertEquals("juergen@sender.example", mail.from());
            assertEquals(List.of("zoe@customer.example"), mail.to());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "koi8-r, KOI8-R, Коммерческое предложение, Текст",
                "euc-kr, EUC-KR, 견적서 송부, 본문입니다",
                "ks_c_5601-1987, x-windows-949, 회의 일정 안내, 확인 부탁드립니다",
                "big5, Big5, 報價單, 內文"
        })
        void rawLegacyBytesInHeadersAreReadInTheBodysCharset(String label, String javaCharset, String subject, String body) {
            Charset charset = Charset.forName(javaCharset);
            byte[] raw = concat(latin1("From: sender@sender.example\nSubject: "), subject.getBytes(charset),
                    latin1("\nContent-Type: text/plain; charset=" + label + "\n\n"), body.getBytes(charset));
            ParsedMail mail = parse(raw);
            assertEquals(subject, mail.subject());
            assertEquals(body, mail.body());
        }

        @Test
        void rawUtf7HeadersOfAUtf7Email() {
            ParsedMail mail = parse(eml("""
                    From: doug@sender.example
                    Subject: Die Hasen und die Fr+APY-sche
                    Content-Type: text/plain; charset=UTF-7

                    Die Hasen klagten einst +APw-ber ihre Lage"""));
            assertEquals("Die Hasen und die Frösche", mail.subject());
            assertEquals("Die Hasen klagten einst über ihre Lage", mail.body());
        }

        @Test
        void unknownCharsetFallsBackWithANote() {
            ParsedMail mail = parse(simple("Subject: =?x-klingon?Q?Qapla=27_=C3=A9?=", ""));
            assertEquals("Qapla' é", mail.subject());
            assertTrue(mail.notes().stream().anyMatch(n -> n.contains("unknown charset \"x-klingon\"")), mail.notes()::toString);
        }

        @Test
        void brokenWordsAreKeptAsWrittenAndNoSubjectIsEmpty() {
            assertEquals("=?utf-8?B?!!!?= ok", parse(simple("Subject: =?utf-8?B?!!!?= ok", "")).subject().replace("  ", " "));
            assertEquals("", parse(simple("", "body")).subject());
        }
    }

    // ------------------------------------------------------------------ charsets and shapes of the body

    @Nested
    class Bodies {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
                "ks_c_5601-1987, x-windows-949, base64, 안녕하세요. 견적서를 보내드립니다.",
                "euc-kr, EUC-KR, quoted-printable, 감사합니다. 회의는 월요일입니다.",
                "iso-2022-jp, ISO-2022-JP, 7bit, お世話になっております。見積書を送付します。",
                "utf-8, UTF-8, 8bit, Grüße aus Köln — €100 ✔",
                "utf-8, UTF-8, base64, Ünïcödé in base64 🎉",
                "windows-1252, windows-1252, quoted-printable, Café crème – “quoted”"
        })
        void textInTheLabelledCharset(String label, String javaCharset, String encoding, String text) {
            byte[] bytes = text.getBytes(Charset.forName(javaCharset));
            byte[] encoded = switch (encoding) {
                case "base64" -> base64Lines(bytes).getBytes(StandardCharsets.US_ASCII);
                case "quoted-printable" -> qp(bytes).getBytes(StandardCharsets.US_ASCII);
                default -> bytes;
            };
            byte[] raw = concat(eml("From: alice@sender.example\nContent-Type: text/plain; charset=\"" + label
                    + "\"\nContent-Transfer-Encoding: " + encoding + "\n\n"), encoded);
            ParsedMail mail = parse(raw);
            assertEquals(text, mail.body());
            assertEquals(List.of(), mail.notes());
        }

        @Test
        void utf7Body() {
            ParsedMail mail = parse(eml("From: a@sender.example\nContent-Type: text/plain; charset=utf-7\n\nHi +AOk-t+AOk-!"));
            assertEquals("Hi été!", mail.body());
        }

        @Test
        void unknownCharsetIsReadAnywayWithANote() {
            ParsedMail mail = parse(eml("From: a@sender.example\nContent-Type: text/plain; charset=x-made-up\n\nPrix: 10 €"));
            assertEquals("Prix: 10 €", mail.body());
            assertEquals(List.of("unknown charset \"x-made-up\": read as UTF-8"), mail.notes());

            byte[] latin = concat(eml("From: a@sender.example\nContent-Type: text/plain; charset=x-made-up\n\n"),
                    "Prix: 10 €".getBytes(Charset.forName("windows-1252")));
            ParsedMail fallback = parse(latin);
            assertEquals("Prix: 10 €", fallback.body());
            assertEquals(List.of("unknown charset \"x-made-up\": read as Windows-1252"), fallback.notes());
        }

        @Test
        void noCharsetLabel8bitIsReadAsUtf8ElseWindows1252() {
            assertEquals("naïve", parse(simple("", "naïve")).body());
            assertEquals("naïve", parse(concat(simple("", ""), "naïve".getBytes(StandardCharsets.ISO_8859_1))).body());
        }

        @Test
        void htmlOnlyBodyBecomesText() {
            ParsedMail mail = parse(simple("Content-Type: text/html; charset=utf-8", """
                    <html><head><title>Newsletter</title><style>p { color: red }</style>
                    <script>alert("x")</script></head>
                    <body><p>Hello &amp; welcome,
                       dear   customer</p><p>Line&nbsp;two<br>Line three<br/>Line four</p>
                    <div>&lt;b&gt; is bold &eacute;t&eacute; &#8364;5 &copy;</div>
                    <ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>
                    <pre>  kept
                      as is</pre></body></html>"""));
            assertEquals("""
                    Hello & welcome, dear customer

                    Line two
                    Line three
                    Line four

                    <b> is bold été €5 ©

                    one
                    two

                    a b

                    kept
                    as is""", mail.body());
            assertFalse(mail.body().contains("alert") || mail.body().contains("color") || mail.body().contains("Newsletter"));
        }

        @Test
        void htmlToTextOnItsOwn() {
            assertEquals("a\nb\n", MailParser.htmlToText("a<br>b"));
            assertEquals("C:\\new folder\n", MailParser.htmlToText("C:\\new folder"), "a backslash-n in the text is no line break");
            assertTrue(MailParser.htmlToText("<p>x</p>".repeat(10_000)).startsWith("x\n\nx\n\nx\n"));
            assertEquals("deep", MailParser.htmlToText("<div>".repeat(5_000) + "deep" + "</div>".repeat(5_000)).strip());
        }

        @Test
        void htmlCharsetFromItsMetaTag() {
            byte[] raw = concat(eml("From: a@sender.example\nContent-Type: text/html\n\n"),
                    "<html><head><meta charset=\"windows-1251\"></head><body>Привет</body></html>".getBytes(Charset.forName("windows-1251")));
            assertEquals("Привет", parse(raw).body());
        }

        @Test
        void multipartAlternativePicksTextPlain() {
            String alternative = """
                    Content-Type: multipart/alternative; boundary="alt"

                    --alt
                    Content-Type: text/html; charset=utf-8

                    <p>The <b>HTML</b> version</p>
                    --alt
                    Content-Type: text/plain; charset=utf-8

                    The plain version
                    --alt--
                    """;
            ParsedMail mail = parse(eml("From: a@sender.example\nMIME-Version: 1.0\n" + alternative));
            assertEquals("The plain version", mail.body());
            assertEquals(List.of(), mail.attachments());
        }

        @Test
        void anEmptyPlainAlternativeGivesWayToTheHtml() {
            ParsedMail mail = parse(eml("""
                    From: a@sender.example
                    Content-Type: multipart/alternative; boundary=b

                    --b
                    Content-Type: text/plain

                    --b
                    Content-Type: text/html

                    <p>Only here</p>
                    --b--
                    """));
            assertEquals("Only here", mail.body());
        }

        @Test
        void nestedMixedRelatedAlternative() {
            ParsedMail mail = parse(eml("""
                    From: a@sender.example
                    Content-Type: multipart/mixed; boundary="mixed"

                    preamble
                    --mixed
                    Content-Type: multipart/related; boundary="rel"

                    --rel
                    Content-Type: multipart/alternative; boundary="alt"

                    --alt
                    Content-Type: text/plain; charset=us-ascii
                    Content-Transfer-Encoding: quoted-printable

                    A long line that was wrapped by quoted-printable soft =
                    line breaks, with an equals sign =3D here.
                    --alt
                    Content-Type: text/html

                    <p>html</p>
                    --alt--
                    --rel
                    Content-Type: image/png
                    Content-ID: <logo@x>
                    Content-Transfer-Encoding: base64

                    iVBORw0KGgo=
                    --rel--
                    --mixed
                    Content-Type: application/pdf; name="offer.pdf"
                    Content-Disposition: attachment; filename="offer.pdf"
                    Content-Transfer-Encoding: base64

                    JVBERi0xLjQK
                    --mixed--
                    epilogue
                    """));
            assertEquals("A long line that was wrapped by quoted-printable soft line breaks, with an equals sign = here.", mail.body());
            assertEquals(List.of(new ParsedMail.Attachment("(unnamed image/png)", 8), new ParsedMail.Attachment("offer.pdf", 9)),
                    mail.attachments());
            assertEquals(List.of(), mail.notes());
        }

        @Test
        void lfOnlyLineEndsWork() {
            byte[] raw = ("From: a@sender.example\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\n"
                    + "line one\nline two\n--x--\n").getBytes(StandardCharsets.US_ASCII);
            assertEquals("line one\nline two", parse(raw).body());
        }

        @Test
        void bodyCutAt32000CharactersWithANote() {
            String text = "0123456789".repeat(4_000);   // 40,000 characters
            ParsedMail mail = parse(simple("", text));
            assertEquals(MailParser.MAX_BODY_CHARS, mail.body().length());
            assertEquals(text.substring(0, 32_000), mail.body());
            assertEquals(List.of("body cut to 32000 characters (Salesforce's Task Description limit) from 40000"), mail.notes());
        }

        @Test
        void theCutDoesNotSplitAnEmoji() {
            String text = "a".repeat(31_999) + "🎉".repeat(10);
            ParsedMail mail = parse(simple("Content-Type: text/plain; charset=utf-8", text));
            assertEquals("a".repeat(31_999), mail.body());
        }

        @Test
        void unknownTransferEncodingIsReadAsItIsWithANote() {
            ParsedMail mail = parse(simple("Content-Transfer-Encoding: 8bits", "Hello"));
            assertEquals("Hello", mail.body());
            assertEquals(List.of("unknown Content-Transfer-Encoding \"8bits\": read as it is"), mail.notes());
            assertEquals("Hello", parse(simple("Content-Transfer-Encoding: quoted printable", "Hel=\nlo")).body());
        }

        @Test
        void aBase64BodyWithoutItsPaddingOrInBlocksIsRead() {
            String blocks = Base64.getEncoder().encodeToString("Hello ".getBytes(StandardCharsets.US_ASCII)) + "\n"
                    + Base64.getEncoder().encodeToString("world!".getBytes(StandardCharsets.US_ASCII));
            assertEquals("Hello world!", parse(simple("Content-Transfer-Encoding: base64", blocks)).body());
            assertEquals("Hi", parse(simple("Content-Transfer-Encoding: base64", "SGk")).body());
        }

        @Test
        void nulBytesInAnOtherwiseGoodEmailAreDropped() {
            byte[] raw = concat(latin1("From: a@sender.example\nSubject: Hel\u0000lo\n\nBody\u0000 text\n"));
            ParsedMail mail = parse(raw);
            assertEquals("Hello", mail.subject());
            assertEquals("Body text", mail.body());
        }

        @Test
        void headersWithoutTheEmptyLineBeforeTheBody() {
            ParsedMail mail = parse(eml("From: a@sender.example\nSubject: no separator\nThis is the body,\nnot a header.\n"));
            assertEquals("no separator", mail.subject());
            assertEquals("This is the body,\nnot a header.", mail.body());
        }

        @Test
        void anMboxFromLineAndAStrayLineAmongTheHeadersAreSkipped() {
            ParsedMail mail = parse(eml("From alice@sender.example Tue Jan 14 09:30:00 2025\nReceived: x\n"
                    + "junk without a colon\nFrom: alice@sender.example\nSubject: ok\n\nbody"));
            assertEquals("alice@sender.example", mail.from());
            assertEquals("ok", mail.subject());
        }
    }

    static String qp(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            String piece = c >= 33 && c <= 126 && c != '=' || c == ' ' ? String.valueOf((char) c) : String.format("=%02X", c);
            if (line + piece.length() > 72) {
                out.append("=\r\n");
                line = 0;
            }
            out.append(piece);
            line += piece.length();
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ attachments

    @Nested
    class Attachments {

        private ParsedMail withPart(String partHeaders, String partBody) {
            return parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=\"MIX\"\n\n--MIX\n"
                    + "Content-Type: text/plain\n\nSee attached.\n--MIX\n" + partHeaders + "\n\n" + partBody + "\n--MIX--\n"));
        }

        @Test
        void base64AttachmentByNameAndDecodedSize() {
            byte[] content = new byte[10_000];
            new Random(7).nextBytes(content);
            ParsedMail mail = withPart("Content-Type: application/octet-stream; name=\"data.bin\"\n"
                    + "Content-Disposition: attachment; filename=\"data.bin\"\nContent-Transfer-Encoding: base64", base64Lines(content));
            assertEquals("See attached.", mail.body());
            assertEquals(List.of(new ParsedMail.Attachment("data.bin", 10_000)), mail.attachments());
        }

        @Test
        void rfc2231FileNames() {
            assertEquals("€ rates 2025.pdf", withPart("Content-Type: application/pdf\n"
                    + "Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20rates%202025.pdf", "x")
                    .attachments().get(0).name());
            // continuations, in Korean (Microsoft's ks_c_5601-1987), with a language
            byte[] korean = "견적서 2025.xlsx".getBytes(Charset.forName("x-windows-949"));
            StringBuilder pct = new StringBuilder();
            for (byte b : korean) {
                pct.append(String.format("%%%02X", b & 0xff));
            }
            String half = pct.substring(0, 12);   // 4 bytes: two Korean characters
            assertEquals("견적서 2025.xlsx", withPart("Content-Type: application/vnd.ms-excel\n"
                    + "Content-Disposition: attachment;\n filename*0*=ks_c_5601-1987'ko'" + half + ";\n filename*1*="
                    + pct.substring(12), "x").attachments().get(0).name());
            // plain and extended segments mixed, and the RFC 2231 name wins over a plain one
            assertEquals("long name of a file.txt", withPart("Content-Type: text/plain; name=\"fallback.txt\"\n"
                    + "Content-Disposition: attachment; filename=\"fallback.txt\"; filename*0=\"long name \"; filename*1*=of%20a%20;"
                    + " filename*2=\"file.txt\"", "x").attachments().get(0).name());
        }

        @Test
        void rfc2047FileNames() {
            String name = bWord("UTF-8", "UTF-8", "Angebot für Kunden.docx");
            assertEquals("Angebot für Kunden.docx", withPart("Content-Type: application/msword; name=\"" + name + "\"\n"
                    + "Content-Disposition: attachment", "x").attachments().get(0).name());
            String korean = bWord("ks_c_5601-1987", "x-windows-949", "제안서.pdf");
            assertEquals("제안서.pdf", withPart("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\""
                    + korean + "\"", "x").attachments().get(0).name());
            // unquoted, as some mailers write it
            assertEquals("This is a test.pdf", withPart("Content-Type: application/pdf\nContent-Disposition: attachment; "
                    + "filename==?utf-8?B?VGhpcyBpcyBhIHRlc3QucGRm?=", "x").attachments().get(0).name());
        }

        @Test
        void looselyWrittenParameters() {
            assertEquals("This is a test.txt", withPart("Content-Type: text/plain\nContent-Disposition: attachment; "
                    + "filename=This is a test.txt", "x").attachments().get(0).name());
            assertEquals("nsmail39.png", withPart("Content-Type: image/png\nContent-Disposition: inline; "
                    + "filename=\"C:\\TEMP\\nsmail39.png\"", "x").attachments().get(0).name(), "the folders go");
            assertEquals("evil.sh", withPart("Content-Type: text/x-sh; name=\"../../etc/evil.sh\"", "x").attachments().get(0).name());
            assertEquals("image001.png", withPart("Content-Type: image/png\nContent-Disposition: ;\n filename=\"image001.png\"", "x")
                    .attachments().get(0).name());
            assertEquals("a.txt", withPart("Content-Type: text/plain charset=us-ascii name=a.txt", "x").attachments().get(0).name(),
                    "the forgotten semicolons");
            assertEquals("(unnamed application/octet-stream)", withPart("Content-Type: application/octet-stream; name=\"\"", "x")
                    .attachments().get(0).name());
        }

        @Test
        void sizesOfEachTransferEncoding() {
            assertEquals(4, withPart("Content-Type: text/csv; name=a.csv\nContent-Transfer-Encoding: quoted-printable", "a=3Db=\n=3D")
                    .attachments().get(0).size());
            assertEquals(11, withPart("Content-Type: text/csv; name=a.csv", "a,b\r\n1,2\r\nx").attachments().get(0).size());
            String uu = "begin 644 a.txt\n#86)C\n`\nend";
            assertEquals(3, withPart("Content-Type: text/plain; name=a.txt\nContent-Transfer-Encoding: x-uuencode", uu)
                    .attachments().get(0).size());
        }

        @Test
        void aDamagedBase64AttachmentIsListedWithANote() {
            ParsedMail mail = withPart("Content-Type: image/gif; name=x.gif\nContent-Transfer-Encoding: base64", "R0lGOD!!lh\nAQ");
            assertEquals("x.gif", mail.attachments().get(0).name());
            assertEquals(7, mail.attachments().get(0).size());
            assertTrue(mail.notes().contains("attachment \"x.gif\": its base64 is damaged; the size is of what could be decoded"),
                    mail.notes()::toString);
        }

        @Test
        void aForwardedEmailIsListed() {
            String forwarded = "From: carol@other.example\r\nSubject: original\r\n\r\nThe original text\r\n";
            ParsedMail mail = parse(eml("From: a@sender.example\nSubject: Fwd: original\nContent-Type: multipart/mixed; boundary=F\n\n"
                    + "--F\nContent-Type: text/plain\n\nSee below.\n--F\nContent-Type: message/rfc822\n\n" + forwarded + "--F--\n"));
            assertEquals("See below.", mail.body());
            assertEquals(List.of(new ParsedMail.Attachment("forwarded email.eml", forwarded.length() - 2)), mail.attachments());

            ParsedMail named = parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=F\n\n--F\n"
                    + "Content-Type: message/rfc822; name=\"Original.eml\"\n\n" + forwarded + "--F--\n"));
            assertEquals("Original.eml", named.attachments().get(0).name());
        }

        @Test
        void aDigestsPartsAreEmails() {
            ParsedMail mail = parse(eml("From: list@sender.example\nContent-Type: multipart/digest; boundary=D\n\n"
                    + "--D\n\nFrom: x@y.example\nSubject: one\n\n1\n--D\n\nFrom: z@y.example\nSubject: two\n\n2\n--D--\n"));
            assertEquals(2, mail.attachments().size());
            assertTrue(mail.attachments().stream().allMatch(a -> a.name().equals("forwarded email.eml")));
        }

        @Test
        void aMissingEndBoundaryIsToleratedWithANote() {
            ParsedMail mail = parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=CUT\n\n"
                    + "--CUT\nContent-Type: text/plain\n\nThe text\n--CUT\nContent-Type: application/pdf; name=a.pdf\n"
                    + "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"));
            assertEquals("The text", mail.body());
            assertEquals(List.of(new ParsedMail.Attachment("a.pdf", 9)), mail.attachments());
            assertEquals(List.of("a multipart/mixed part has no closing boundary line: the email may be cut short"), mail.notes());
        }

        @Test
        void doubledBoundaryLinesAndBoundariesThatStartAlike() {
            ParsedMail mail = parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                    + "--b\n--b\nContent-Type: text/plain\n\nText with a line\n--bb not a boundary\n--b \n"
                    + "Content-Type: image/gif; name=\"a.gif\"\n\nGIF\n--b--"));
            assertEquals("Text with a line\n--bb not a boundary", mail.body());
            assertEquals(List.of(new ParsedMail.Attachment("a.gif", 3)), mail.attachments());
        }

        @Test
        void aFoldedBoundaryAndOneWithEqualsSignsUnquoted() {
            ParsedMail folded = parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=\"simple\n boundary\"\n\n"
                    + "--simple boundary\nContent-Type: text/plain\n\nok\n--simple boundary--\n"));
            assertEquals("ok", folded.body());
            ParsedMail unquoted = parse(eml("From: a@sender.example\nContent-Type: multipart/alternative; "
                    + "boundary=----=_NextPart_000_0023_08_E8CD50F3.4EF2F754\n\n"
                    + "------=_NextPart_000_0023_08_E8CD50F3.4EF2F754\nContent-Type: text/plain\n\nok too\n"
                    + "------=_NextPart_000_0023_08_E8CD50F3.4EF2F754--\n"));
            assertEquals("ok too", unquoted.body());
        }

        @Test
        void theParserDoesNotDependOnJakartaMailSystemProperties() {
            String[][] strict = {{"mail.mime.multipart.ignoremissingendboundary", "false"}, {"mail.mime.parameters.strict", "true"},
                    {"mail.mime.decodeparameters", "false"}, {"mail.mime.base64.ignoreerrors", "false"},
                    {"mail.mime.ignoreunknownencoding", "false"}, {"mail.mime.multipart.allowempty", "false"}};
            String[] before = new String[strict.length];
            try {
                for (int i = 0; i < strict.length; i++) {
                    before[i] = System.setProperty(strict[i][0], strict[i][1]);
                }
                ParsedMail mail = parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=CUT\n\n--CUT\n"
                        + "Content-Type: text/plain\nContent-Transfer-Encoding: 7-bit\n\nThe text\n--CUT\n"
                        + "Content-Disposition: attachment; filename*=utf-8''%C3%A9t%C3%A9.txt; x=a b\n\nabc\n"));
                assertEquals("The text", mail.body());
                assertEquals(List.of(new ParsedMail.Attachment("été.txt", 3)), mail.attachments());
            } finally {
                for (int i = 0; i < strict.length; i++) {
                    if (before[i] == null) {
                        System.clearProperty(strict[i][0]);
                    } else {
                        System.setProperty(strict[i][0], before[i]);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ ids, dates, addresses

    @Nested
    class Headers {

        @Test
        void messageIdNormalised() {
            assertEquals("abc.123@host.example", parse(eml("From: a@sender.example\nMessage-ID:\n <abc.123@host.example>\n\nx")).messageId(),
                    "folded");
            ParsedMail mail = parse(eml("From: a@sender.example\nMessage-ID:   <AbC@Host.Example>  (added by a relay)\n\nx"));
            assertEquals("AbC@Host.Example", mail.messageId(), "the case is kept: ids are case-sensitive");
            assertEquals("mid:AbC@Host.Example", mail.key());
            assertEquals("bare@host.example", parse(eml("From: a@sender.example\nMessage-ID: bare@host.example\n\nx")).messageId());
            assertNull(parse(eml("From: a@sender.example\nMessage-ID: <>\n\nx")).messageId());
            assertEquals("1234@local.machine.example",
                    parse(eml("From: a@sender.example\nMessage-ID: <1234   @   local(blah)  .machine .example>\n\nx")).messageId());
            assertNull(parse(eml("From: a@sender.example\nMessage-ID:\n\nx")).messageId());
        }

        @Test
        void inReplyTo() {
            ParsedMail reply = parse(simple("In-Reply-To: <orig-1@customer.example> (Bob's message of Monday)", ""));
            assertEquals("orig-1@customer.example", reply.inReplyTo());
            assertTrue(reply.reply());
            assertEquals("first@x.example", parse(simple("In-Reply-To: <first@x.example>\n <second@x.example>", "")).inReplyTo());
            assertEquals("bare@x.example", parse(simple("In-Reply-To: bare@x.example", "")).inReplyTo());
            ParsedMail words = parse(simple("In-Reply-To: your message of Monday", ""));
            assertNull(words.inReplyTo());
            assertFalse(words.reply());
            assertNull(parse(simple("In-Reply-To:", "")).inReplyTo());
            assertNull(parse(simple("", "")).inReplyTo());
        }

        @Test
        void missingMessageIdKeyIsADigestStableAcrossDeliveryHeaders() {
            String email = """
                    From: Alice <alice@sender.example>
                    To: bob@customer.example
                    Cc: carol@customer.example
                    Date: Tue, 14 Jan 2025 09:30:00 +0100
                    Subject: Quote
                    Content-Type: text/plain; charset=utf-8

                    Here is the quote.
                    """;
            ParsedMail first = parse(eml("Received: from mx1.example by mx2.example; Tue, 14 Jan 2025 09:30:02 +0100\n"
                    + "Return-Path: <alice@sender.example>\nX-Spam-Score: 1.2\n" + email));
            ParsedMail second = parse(eml("Received: from relay.other.example by mail.example; Tue, 14 Jan 2025 09:31:17 +0100\n"
                    + "Received: from laptop by relay.other.example; Tue, 14 Jan 2025 09:31:10 +0100\n"
                    + "Delivered-To: bcc@log.example\n" + email));
            assertNull(first.messageId());
            assertTrue(first.key().startsWith("sha256:"), first.key());
            assertEquals(first.key(), second.key());
            assertEquals(first.key(), parse(eml("Received: from mx1.example by mx2.example\n" + email)).key(), "again: the same");

            ParsedMail otherBody = parse(eml(email.replace("Here is the quote.", "Here is the revised quote.")));
            assertNotEquals(first.key(), otherBody.key());
            ParsedMail otherSubject = parse(eml(email.replace("Subject: Quote", "Subject: Quote 2")));
            assertNotEquals(first.key(), otherSubject.key());
        }

        @Test
        void addressesGroupsDuplicatesCommasAndEncodedNames() {
            ParsedMail mail = parse(eml("From: \"Doe, John\" <John.Doe@Sender.example>\n"
                    + "To: Team: alice@customer.example, \"Bob, Jr.\" <bob@customer.example>;, "
                    + bWord("UTF-8", "UTF-8", "María José, Ventas") + " <maria@customer.example>\n"
                    + "Cc: ALICE@customer.example, carol@customer.example, undisclosed-recipients:;\n"
                    + "Cc: carol@customer.example, dave@customer.example\n"
                    + "Bcc: secret@customer.example\n\nx"));
            // as written (a plus address's Salesforce id is case-sensitive), each once case-insensitively
            assertEquals("John.Doe@Sender.example", mail.from());
            assertEquals(List.of("alice@customer.example", "bob@customer.example", "maria@customer.example"), mail.to());
            assertEquals(List.of("ALICE@customer.example", "carol@customer.example", "dave@customer.example"), mail.cc());
            assertEquals(List.of("secret@customer.example"), mail.bcc());
            assertEquals(List.of(), mail.notes());
        }

        @Test
        void invalidAddressesAreSkippedWithANote() {
            ParsedMail mail = parse(eml("From: alice@sender.example\n"
                    + "To: not-an-address, bob@customer.example, \"Local\" <root>, x@nodot, "
                    + bWord("UTF-8", "UTF-8", "Jöhn") + " <jöhn@exämple.example>\n\nx"));
            assertEquals(List.of("bob@customer.example"), mail.to());
            assertEquals(List.of(
                    "skipped the To address \"not-an-address\": not a plain mailbox address",
                    "skipped the To address \"root\": not a plain mailbox address",
                    "skipped the To address \"x@nodot\": not a plain mailbox address",
                    "skipped the To address \"jöhn@exämple.example\": not a plain mailbox address"), mail.notes());
        }

        @Test
        void addressesWrittenTheOldOrTheWrongWay() {
            assertEquals("pete@silly.test", parse(eml("From: Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>\n\nx")).from());
            assertEquals("jdoe@machine.example", parse(eml("From: John Doe <jdoe@machine(comment).  example>\n\nx")).from());
            assertEquals("bb@bug.example", parse(eml("From: Big Bug bb@bug.example\n\nx")).from());
            ParsedMail two = parse(eml("From: tim@one.example concierge@one.example\nTo: \"unclosed <bob@customer.example>\n\nx"));
            assertEquals("tim@one.example", two.from());
            assertEquals(List.of("bob@customer.example"), two.to());
        }

        @Test
        void aLongRecipientListIsReadQuicklyAndItsNotesAreCounted() {
            StringBuilder to = new StringBuilder("To: ");
            for (int i = 0; i < 7_000; i++) {
                to.append(i % 2 == 0 ? "person" + i + "@customer.example,\n " : "bad" + i + ",\n ");   // folded, as mailers do
            }
            ParsedMail mail = parse(eml("From: a@sender.example\n" + to + "\n\nx"));
            assertEquals(3_500, mail.to().size());
            assertEquals(31, mail.notes().size());
            assertEquals("and 3470 more notes like these", mail.notes().get(30));
        }

        @Test
        void dates() {
            assertEquals(OffsetDateTime.of(2025, 1, 14, 8, 30, 0, 0, ZoneOffset.UTC), parse(simple("", "")).date());
            ParsedMail missing = parse(eml("From: a@sender.example\n\nx"));
            assertNull(missing.date());
            assertEquals(List.of(), missing.notes());
            ParsedMail unreadable = parse(eml("From: a@sender.example\nDate: next Tuesday, probably\n\nx"));
            assertNull(unreadable.date());
            assertEquals(List.of("the Date header cannot be read: \"next Tuesday, probably\""), unreadable.notes());
            ParsedMail empty = parse(eml("From: a@sender.example\nDate: \n\nx"));
            assertNull(empty.date());
            assertEquals(OffsetDateTime.of(1998, 2, 11, 17, 51, 0, 0, ZoneOffset.UTC),
                    parse(eml("From: a@sender.example\nDate: Wed, 11 Feb 98 11:51 CST\n\nx")).date(), "obsolete forms");
        }

        @Test
        void authenticationResultsTopmostFirst() {
            ParsedMail mail = parse(eml("Authentication-Results: mx.log.example; dkim=pass header.d=sender.example\n"
                    + "Authentication-Results: relay.example;\n spf=pass smtp.mailfrom=sender.example\n"
                    + "From: a@sender.example\n\nx"));
            assertEquals(List.of("mx.log.example; dkim=pass header.d=sender.example", "relay.example; spf=pass smtp.mailfrom=sender.example"),
                    mail.authenticationResults());
        }
    }

    // ------------------------------------------------------------------ malformed and hostile input

    @Nested
    class Malformed {

        @Test
        void noFrom() {
            malformed(eml("To: bob@customer.example\nSubject: who sent this?\n\nx"), "the email has no From header");
            malformed(eml("From:\nTo: bob@customer.example\n\nx"), "the email has no From header");
        }

        @Test
        void fromWithoutAddress() {
            assertEquals("the From header holds no readable address: \"John Doe\"",
                    malformed(eml("From: John Doe\n\nx"), "holds no readable address"));
            malformed(eml("From: " + bWord("UTF-8", "UTF-8", "Jürgen") + " <>\n\nx"), "\"Jürgen <>\"");
            malformed(eml("From: undisclosed-recipients:;\n\nx"), "holds no readable address");
        }

        @Test
        void aHugeFromWithoutAddressIsRefusedQuickly() {
            // an unclosed quote sends the address parser to its fallback, the address pattern, over 90,000 characters
            malformed(eml("From: \"" + "a".repeat(90_000) + "\n\nx"), "holds no readable address");
            malformed(eml("From: " + "a.b-c ".repeat(15_000) + "\n\nx"), "holds no readable address");
        }

        @Test
        void multipartWithoutAnyBoundaryLine() {
            malformed(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=\"abc\"\n\n"
                    + "Text that never uses the boundary.\n--ab\n--abcd\n"), "holds none of its boundary lines (\"--abc\")");
            malformed(eml("From: a@sender.example\nContent-Type: multipart/alternative; boundary=\"abc\"\n\n"),
                    "a multipart/alternative part is empty");
        }

        @Test
        void boundaryParameterMissing() {
            malformed(eml("From: a@sender.example\nContent-Type: multipart/mixed\n\n--abc\nContent-Type: text/plain\n\nx\n--abc--\n"),
                    "has no boundary parameter, so its parts cannot be told apart");
            malformed(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=\"\"\n\n--\n\nx\n"),
                    "has no boundary parameter");
        }

        @Test
        void emptyMultipartWithOnlyItsClosingLineIsAnEmptyEmailNotABrokenOne() {
            ParsedMail mail = parse(eml("From: a@sender.example\nContent-Type: multipart/mixed; boundary=\"e\"\n\n"
                    + "This is a multi-part message with no parts.\n\n--e--\n"));
            assertEquals("", mail.body());
            assertEquals(List.of("a multipart/mixed part holds no parts"), mail.notes());
        }

        @Test
        void base64TextBodyWithGarbage() {
            malformed(simple("Content-Transfer-Encoding: base64", "!!!! %%%% this is *not* base64 ####"),
                    "the text/plain body is marked base64 but is not base64");
            malformed(simple("Content-Transfer-Encoding: base64", "SGVsbG8gd29ybGQ=\nthis line is plain text, not base64"),
                    "characters base64 does not use");
            malformed(simple("Content-Type: text/html\nContent-Transfer-Encoding: base64", "PGgxPkhp PC9oMT4="),
                    "the text/html body is marked base64");
        }

        @Test
        void textBodyThatIsBinary() {
            byte[] random = new byte[2_000];
            new Random(11).nextBytes(random);
            malformed(simple("Content-Transfer-Encoding: base64", base64Lines(random)), "the text/plain body is not text");
            malformed(concat(latin1("From: a@sender.example\nSubject: zeros\n\n"), new byte[1_000]), "is not text");
        }

        @Test
        void nestedTenThousandLevelsDeep() {
            int levels = 10_000;
            StringBuilder email = new StringBuilder("From: a@sender.example\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
            for (int i = 1; i < levels; i++) {
                email.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n");
            }
            email.append("--b").append(levels - 1).append("\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");
            for (int i = levels - 1; i >= 0; i--) {
                email.append("--b").append(i).append("--\r\n");
            }
            malformed(email.toString().getBytes(StandardCharsets.US_ASCII), "nested deeper than 30 levels");

            // the same boundary at every level, and no closing lines
            String same = "From: a@sender.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                    + "--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n".repeat(levels);
            malformed(same.getBytes(StandardCharsets.US_ASCII), "more than 1000 MIME parts");
        }

        @Test
        void forwardedEmailsNestedTenThousandLevelsDeepAreOneAttachment() {
            StringBuilder email = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                email.append("From: a").append(i).append("@sender.example\r\nContent-Type: message/rfc822\r\n\r\n");
            }
            email.append("From: z@sender.example\r\n\r\ninnermost\r\n");
            ParsedMail mail = parse(email.toString().getBytes(StandardCharsets.US_ASCII));
            assertEquals("a0@sender.example", mail.from());
            assertEquals(1, mail.attachments().size());
        }

        @Test
        void fiveThousandParts() {
            StringBuilder email = new StringBuilder("From: a@sender.example\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
            for (int i = 0; i < 5_000; i++) {
                email.append("--p\r\nContent-Type: text/plain; name=\"part").append(i).append(".txt\"\r\n\r\npart ").append(i).append("\r\n");
            }
            email.append("--p--\r\n");
            malformed(email.toString().getBytes(StandardCharsets.US_ASCII), "the email has more than 1000 MIME parts");

            // nested ones count too
            StringBuilder nested = new StringBuilder("From: a@sender.example\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n");
            for (int i = 0; i < 50; i++) {
                nested.append("--o\r\nContent-Type: multipart/mixed; boundary=\"i\"\r\n\r\n")
                        .append("--i\r\nContent-Type: image/gif; name=a.gif\r\n\r\nGIF\r\n".repeat(30)).append("--i--\r\n");
            }
            nested.append("--o--\r\n");
            malformed(nested.toString().getBytes(StandardCharsets.US_ASCII), "more than 1000 MIME parts");
        }

        @Test
        void aTwentyMegabyteSingleLineHeader() {
            int size = 20 * 1024 * 1024;
            for (String name : List.of("X-Junk: ", "Subject: ", "From: ")) {
                byte[] start = latin1("Received: from x\n" + name);
                byte[] raw = new byte[start.length + size + 4];
                System.arraycopy(start, 0, raw, 0, start.length);
                Arrays.fill(raw, start.length, start.length + size, (byte) 'a');
                System.arraycopy(latin1("\n\nx"), 0, raw, start.length + size, 4);
                malformed(raw, "a header line is " + String.format(Locale.ROOT, "%,d", name.length() + size)
                        + " characters long, beyond the 100,000 the parser reads");
            }
            // and in a MIME part
            byte[] start = latin1("From: a@sender.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; x=");
            byte[] raw = new byte[start.length + size];
            System.arraycopy(start, 0, raw, 0, start.length);
            Arrays.fill(raw, start.length, raw.length, (byte) 'y');
            malformed(raw, "characters long");
        }

        @Test
        void aMillionHeaderLines() {
            byte[] raw = eml("From: a@sender.example\n" + "X-A: b\n".repeat(1_000_000) + "\nx");
            malformed(raw, "the email has more than 10,000 header lines");
            malformed(eml("From: a@sender.example\nX-Folded: a\n" + " b\n".repeat(1_000_000) + "\nx"), "a header field is folded over more than");
        }

        @Test
        void nulBytes() {
            byte[] zeros = new byte[4_096];
            malformed(zeros, "the email has no header lines");
            malformed(concat(latin1("From: a@sender.example\n\n"), zeros), "not text");
            malformed(latin1("From: a\u0000b@sender.example\n\nx"), "holds no readable address");
        }

        @Test
        void onlyALineBreak() {
            malformed(latin1("\r\n"), "the email is blank");
            malformed(latin1("\n\n \r\n\t\n"), "the email is blank");
        }

        @Test
        void emptyByteArray() {
            malformed(new byte[0], "the email is empty");
        }

        @Test
        void binaryGarbage() {
            Random random = new Random(20_250_114);
            for (int size : new int[] {1, 100, 65_536, 1_000_000}) {
                byte[] garbage = new byte[size];
                random.nextBytes(garbage);
                malformed(garbage, "the email");
            }
        }

        @Test
        void garbageAfterGoodHeadersNeverThrowsAnythingElse() {
            final String noise = "ab=-?:;\"'\r\n \t<>@%*\\/";
            Random random = new Random(42);
            byte[] head = latin1("From: a@sender.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\n");
            for (int round = 0; round < 200; round++) {
                byte[] tail = new byte[random.nextInt(2_000)];
                random.nextBytes(tail);
                if (round % 2 == 0) {
                    for (int i = 0; i < tail.length; i++) {
                        tail[i] = (byte) noise.charAt((tail[i] & 0xff) % noise.length());
                    }
                }
                byte[] raw = concat(head, tail);
                Object outcome = outcome(raw);
                if (outcome instanceof ParsedMail mail) {
                    assertNotNull(mail.key());
                    assertNotNull(mail.body());
                } else if (outcome instanceof MalformedMailException e) {
                    assertReadable(e.getMessage());
                } else {
                    throw new AssertionError("round " + round + ": " + outcome, (Throwable) outcome);
                }
            }
        }
    }

    @Test
    void reasonIsOneShortLine() {
        assertEquals("IllegalStateException", MailParser.reason(new IllegalStateException()));
        assertEquals("two lines", MailParser.reason(new RuntimeException("two\r\n   lines")));
        assertEquals(200, MailParser.reason(new RuntimeException("x".repeat(1_000))).length());
    }

    @Test
    void theParserHoldsNoStateBetweenEmails() {
        ParsedMail first = parse(simple("Subject: one", "body one"));
        parse(eml("From: a@sender.example\nContent-Type: text/plain; charset=x-made-up\n\nz"));
        assertEquals(first, parse(simple("Subject: one", "body one")));
    }
}
