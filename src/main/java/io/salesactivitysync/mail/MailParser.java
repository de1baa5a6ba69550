package io.salesactivitysync.mail;

import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.store.constraint.EmailAddresses;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.springframework.stereotype.Component;

/**
 * Reads an email from its raw bytes (RFC 5322 and MIME): the addresses, the subject, the dates and
 * ids, the text body and the attachments.
 *
 * <p>It reads the bytes itself rather than trusting the IMAP server's idea of the structure, so
 * that every server gives the same answer and the parser can be tried on a file. The header
 * section, the MIME tree, the parameters and the transfer encodings are read here (Jakarta Mail
 * only parses addresses and dates), so that nothing depends on the JVM-wide {@code mail.mime.*}
 * system properties Jakarta Mail reads, and so that hostile structure costs time in proportion to
 * its size: parts are found by one pass over the bytes and share the email's byte array.
 *
 * <p>It is lenient where mail in the wild needs it (see {@link MailText}) and says so in
 * {@link ParsedMail#notes()}; it gives up, with {@link MalformedMailException} and a reason a person
 * can act on, only where nothing trustworthy can be read: no header, no sender address, a
 * multipart without its boundaries, a text body whose transfer encoding is broken or that is not
 * text, or a structure nested, split or stretched beyond reason.
 */
@Component
public class MailParser {

    /** MIME nesting deeper than this is refused (real mail stays under ten). */
    static final int MAX_DEPTH = 30;
    /** MIME parts beyond this are refused. */
    static final int MAX_PARTS = 1000;
    /** Salesforce's Task Description holds 32,000 characters: the body is cut there. */
    static final int MAX_BODY_CHARS = 32_000;
    /** A header line longer than this is refused: RFC 5322 allows 998 characters, real mail stays under 10,000. */
    static final int MAX_HEADER_LINE = 100_000;
    /** Notes beyond this many are counted, not listed (a To header of 5,000 bad addresses). */
    private static final int MAX_NOTES = 30;
    /** A header section with more fields than this is refused. */
    static final int MAX_HEADER_FIELDS = 10_000;
    /** Text parts are decoded up to this many bytes. */
    private static final int MAX_TEXT_BYTES = 4 * 1024 * 1024;
    /** Structured header values (Content-Type, dates, ids) are read up to this many characters. */
    private static final int MAX_FIELD_CHARS = 16_384;
    /** An address in free text, found in linear time: it starts where a token starts and holds one {@code @}. */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![^\\s<>,;:\"()\\[\\]])[^\\s<>,;:\"()\\[\\]@]++@[^\\s<>,;:\"()\\[\\]@]++");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+/[a-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern HTML_CHARSET = Pattern.compile("(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([A-Za-z0-9_:.-]+)");
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final Set<String> IDENTITY_ENCODINGS = Set.of("", "7bit", "8bit", "binary");
    /** HTML elements that stand on lines of their own. */
    private static final Set<String> BLOCKS = Set.of("div", "li", "tr", "dt", "dd", "section", "article", "header", "footer",
            "address", "center", "form", "fieldset", "nav", "main", "aside", "figure", "figcaption", "caption", "option");
    /** HTML elements set apart by a blank line. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
            "table", "hr", "ul", "ol", "dl");
    private static final int[] BASE64 = new int[256];

    static {
        Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

    public ParsedMail parse(byte[] raw) throws MalformedMailException {
        try {
            return read(raw);
        } catch (RuntimeException | StackOverflowError e) {
            // a safety net: every input the parser knows to be broken has its own reason above
            throw new MalformedMailException("its structure made the parser fail (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + reason(e)) + ")", e);
        }
    }

    private ParsedMail read(byte[] raw) throws MalformedMailException {
        if (raw == null || raw.length == 0) {
            throw new MalformedMailException("the email is empty: it has no bytes at all");
        }
        List<String> notes = new ArrayList<>();
        Part message = part(raw, 0, raw.length, true);
        if (message.headers.isEmpty()) {
            throw new MalformedMailException(blank(raw, 0, raw.length)
                    ? "the email is blank: it holds nothing but empty lines"
                    : "the email has no header lines (From:, To:, Subject: and so on): it is not an email, or its start is missing");
        }
        List<String> fromAddresses = addresses(message.headers, "From", notes);
        if (fromAddresses.isEmpty()) {
            String rawFrom = message.headers.first("From");
            throw new MalformedMailException(rawFrom == null || rawFrom.isBlank()
                    ? "the email has no From header: its sender is unknown"
                    : "the From header holds no readable address: \"" + shorten(MailText.header(rawFrom, notes)) + "\"");
        }
        String from = fromAddresses.get(0);
        List<String> to = addresses(message.headers, "To", notes);
        List<String> cc = addresses(message.headers, "Cc", notes);
        List<String> bcc = addresses(message.headers, "Bcc", notes);
        String messageId = messageId(message.headers.first("Message-ID"), false);
        String inReplyTo = messageId(message.headers.first("In-Reply-To"), true);
        String rawDate = message.headers.first("Date");
        OffsetDateTime date = date(rawDate, notes);

        Content content = new Content();
        walk(message, 0, "", content, notes);
        String hint = content.charset;
        String subject = MailText.header(message.headers.first("Subject"), notes, hint);
        subject = subject == null ? "" : subject;
        String body = content.plain != null && !content.plain.isBlank() ? content.plain
                : content.html != null ? htmlToText(content.html)
                : content.plain != null ? content.plain : "";
        body = body.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
        body = body.replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
        if (body.length() > MAX_BODY_CHARS) {
            notes.add("body cut to " + MAX_BODY_CHARS + " characters (Salesforce's Task Description limit) from " + body.length());
            int cut = Character.isHighSurrogate(body.charAt(MAX_BODY_CHARS - 1)) ? MAX_BODY_CHARS - 1 : MAX_BODY_CHARS;
            body = body.substring(0, cut);   // not between the two halves of an emoji
        }
        String key = ActivityKeys.mailKey(messageId, List.of(from, String.join(",", to), String.join(",", cc),
                rawDate == null ? "" : rawDate.replaceAll("\\s+", " ").strip(), subject, body));
        List<String> authentication = new ArrayList<>();
        for (String result : message.headers.all("Authentication-Results")) {
            authentication.add(MailText.header(result, notes));
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(notes));
        if (distinct.size() > MAX_NOTES) {
            int more = distinct.size() - MAX_NOTES;
            distinct = new ArrayList<>(distinct.subList(0, MAX_NOTES));
            distinct.add("and " + more + " more notes like these");
        }
        return new ParsedMail(messageId, key, from, to, cc, bcc, subject, date, inReplyTo, body,
                List.copyOf(content.attachments), List.copyOf(authentication), List.copyOf(distinct));
    }

    // ---------------------------------------------------------------- the MIME tree

    /** A header section as written: names and raw values (bytes as ISO-8859-1 characters, folding kept). */
    private static final class Headers {
        private final List<String[]> fields = new ArrayList<>();

        boolean isEmpty() {
            return fields.isEmpty();
        }

        String first(String name) {
            for (String[] field : fields) {
                if (field[0].equalsIgnoreCase(name)) {
                    return field[1];
                }
            }
            return null;
        }

        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (String[] field : fields) {
                if (field[0].equalsIgnoreCase(name)) {
                    values.add(field[1]);
                }
            }
            return values;
        }
    }

    /** An email or a MIME part: its headers and where its body lies in the email's bytes. */
    private record Part(Headers headers, byte[] bytes, int bodyStart, int end) {
    }

    /** What the walk through the MIME tree found. */
    private static final class Content {
        String plain;
        String html;
        /** The charset of the first text part: the likely charset of raw 8-bit headers. */
        String charset;
        int parts;
        final List<ParsedMail.Attachment> attachments = new ArrayList<>();
    }

    /**
     * The header section of {@code bytes[start, end)}: field lines up to the first empty line. A
     * line that is no header field (no name and colon) starts the body, as when a mailer forgot the
     * empty line; a leading mbox {@code From } line is skipped.
     */
    private static Part part(byte[] bytes, int start, int end, boolean top) throws MalformedMailException {
        Headers headers = new Headers();
        int i = start;
        String[] current = null;
        StringBuilder value = null;
        int bodyStart = end;
        boolean first = true;
        while (i < end) {
            int newline = indexOf(bytes, (byte) '\n', i, end);
            int next = newline < 0 ? end : newline + 1;
            int lineEnd = newline < 0 ? end : newline;
            if (lineEnd > i && bytes[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == i) {
                bodyStart = next;   // the empty line that ends the headers
                break;
            }
            boolean continuation = bytes[i] == ' ' || bytes[i] == '\t';
            int colon = continuation ? -1 : indexOf(bytes, (byte) ':', i, lineEnd);
            String name = colon <= i ? null : new String(bytes, i, colon - i, StandardCharsets.ISO_8859_1).stripTrailing();
            boolean field = name != null && FIELD_NAME.matcher(name).matches();
            if (top && first && !field && startsWith(bytes, i, lineEnd, "From ")) {
                first = false;
                i = next;   // the mbox envelope line "From sender date"
                continue;
            }
            first = false;
            if (!continuation && !field) {
                if (!fieldAt(bytes, next, end)) {
                    bodyStart = i;   // not a header line, nor followed by one: the body starts here (the empty line was forgotten)
                    break;
                }
                i = next;   // a stray line among the headers: skipped
                continue;
            }
            if (lineEnd - i > MAX_HEADER_LINE) {
                throw new MalformedMailException("a header line is " + String.format(Locale.ROOT, "%,d", lineEnd - i)
                        + " characters long, beyond the " + String.format(Locale.ROOT, "%,d", MAX_HEADER_LINE)
                        + " the parser reads (the mail standard allows 998)");
            }
            if (continuation) {
                if (value != null) {
                    if (value.length() > MAX_HEADER_LINE * 10) {
                        throw new MalformedMailException("a header field is folded over more than "
                                + String.format(Locale.ROOT, "%,d", MAX_HEADER_LINE * 10) + " characters");
                    }
                    value.append("\r\n").append(new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1));
                }
            } else {
                if (current != null) {
                    current[1] = value.toString();
                }
                current = new String[] {name, null};
                headers.fields.add(current);
                if (headers.fields.size() > MAX_HEADER_FIELDS) {
                    throw new MalformedMailException("the email has more than " + String.format(Locale.ROOT, "%,d", MAX_HEADER_FIELDS)
                            + " header lines in one header section (real mail has a few dozen)");
                }
                value = new StringBuilder(new String(bytes, colon + 1, lineEnd - colon - 1, StandardCharsets.ISO_8859_1).stripLeading());
            }
            i = next;
        }
        if (current != null) {
            current[1] = value.toString();
        }
        return new Part(headers, bytes, bodyStart, end);
    }

    /** Whether the line at {@code start} is a header field line ({@code Name: value}) or a folded continuation. */
    private static boolean fieldAt(byte[] bytes, int start, int end) {
        if (start >= end) {
            return false;
        }
        if (bytes[start] == ' ' || bytes[start] == '\t') {
            return true;
        }
        int newline = indexOf(bytes, (byte) '\n', start, end);
        int colon = indexOf(bytes, (byte) ':', start, newline < 0 ? end : newline);
        return colon > start && FIELD_NAME.matcher(new String(bytes, start, colon - start, StandardCharsets.ISO_8859_1).stripTrailing()).matches();
    }

    private void walk(Part part, int depth, String parentType, Content content, List<String> notes) throws MalformedMailException {
        if (depth > MAX_DEPTH) {
            throw new MalformedMailException("the MIME structure is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++content.parts > MAX_PARTS) {
            throw new MalformedMailException("the email has more than " + MAX_PARTS + " MIME parts");
        }
        String contentType = part.headers.first("Content-Type");
        MailText.Parameters type = MailText.parameters(cap(contentType), notes);
        String mediaType = type.value();
        if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            if (contentType != null && !contentType.isBlank()) {
                notes.add("the Content-Type \"" + shorten(MailText.header(contentType, notes)) + "\" is not a media type: read as text/plain");
            }
            // RFC 2045 and 2046: text/plain, except in a digest, whose parts are emails
            mediaType = contentType == null && parentType.equals("multipart/digest") ? "message/rfc822" : "text/plain";
        }
        if (mediaType.startsWith("multipart/")) {
            String boundary = type.get("boundary");
            if (boundary == null || boundary.isEmpty()) {
                throw new MalformedMailException("a " + mediaType + " part has no boundary parameter, so its parts cannot be told apart");
            }
            for (int[] range : split(part, mediaType, boundary, content, notes)) {
                walk(part(part.bytes, range[0], range[1], false), depth + 1, mediaType, content, notes);
            }
            return;
        }
        MailText.Parameters disposition = MailText.parameters(cap(part.headers.first("Content-Disposition")), notes);
        String fileName = fileName(disposition.text("filename", notes));
        if (fileName == null) {
            fileName = fileName(type.text("name", notes));
        }
        boolean attachment = fileName != null || disposition.value().equals("attachment");
        boolean plain = mediaType.equals("text/plain");
        boolean html = mediaType.equals("text/html");
        if (!attachment && ((plain && blank(content.plain)) || (html && blank(content.html)))) {
            String charset = type.get("charset");
            String text = text(part, mediaType, charset, notes);
            if (content.charset == null && charset != null) {
                content.charset = charset;
            }
            if (plain) {
                content.plain = text;
            } else {
                content.html = text;
            }
            return;   // an empty text part before the real one (some mailers write one) is replaced by it
        }
        if (!attachment && parentType.equals("multipart/alternative")) {
            return;   // another form of the same text (text/enriched, text/watch-html): no attachment
        }
        String name = fileName != null ? fileName
                : mediaType.equals("message/rfc822") ? "forwarded email.eml" : "(unnamed " + mediaType + ")";
        content.attachments.add(new ParsedMail.Attachment(name, decodedSize(part, name, notes)));
    }

    /**
     * The parts of a multipart body, as ranges of the email's bytes: between the lines
     * {@code --boundary}, up to {@code --boundary--}. A missing closing line is tolerated (the
     * email may be cut short: noted); a body without any boundary line cannot be split.
     */
    private static List<int[]> split(Part part, String mediaType, String boundary, Content content, List<String> notes)
            throws MalformedMailException {
        byte[] bytes = part.bytes;
        byte[] dashes = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> ranges = new ArrayList<>();
        int partStart = -1;
        boolean closed = false;
        boolean delimited = false;
        int i = part.bodyStart;
        while (i < part.end) {
            int newline = indexOf(bytes, (byte) '\n', i, part.end);
            int next = newline < 0 ? part.end : newline + 1;
            int lineEnd = newline < 0 ? part.end : newline;
            int kind = delimiter(bytes, i, lineEnd, dashes);
            if (kind != 0) {
                delimited = true;
                int partEnd = Math.max(partStart, lineBreakBefore(bytes, i));
                if (partStart >= 0 && !blank(bytes, partStart, partEnd)) {   // a doubled boundary line makes no part
                    ranges.add(new int[] {partStart, partEnd});
                    if (ranges.size() + content.parts > MAX_PARTS) {
                        throw new MalformedMailException("the email has more than " + MAX_PARTS + " MIME parts");
                    }
                }
                if (kind == 2) {
                    closed = true;
                    break;
                }
                partStart = next;
            }
            i = next;
        }
        if (!closed && partStart >= 0 && !blank(bytes, partStart, part.end)) {
            ranges.add(new int[] {partStart, Math.max(partStart, lineBreakBefore(bytes, part.end))});   // the last line's break is no content
            notes.add("a " + mediaType + " part has no closing boundary line: the email may be cut short");
        }
        if (ranges.isEmpty()) {
            if (delimited) {
                notes.add("a " + mediaType + " part holds no parts");
            } else if (blank(bytes, part.bodyStart, part.end)) {
                throw new MalformedMailException("a " + mediaType + " part is empty: the parts it announces are missing");
            } else {
                throw new MalformedMailException("a " + mediaType + " part holds none of its boundary lines (\"--"
                        + shorten(boundary) + "\"), so its parts cannot be told apart");
            }
        }
        return ranges;
    }

    /** 1 when the line is {@code --boundary}, 2 when it is {@code --boundary--}, trailing blanks allowed; else 0. */
    private static int delimiter(byte[] bytes, int start, int end, byte[] dashes) {
        if (end - start < dashes.length || bytes[start] != '-' || !Arrays.equals(bytes, start, start + dashes.length, dashes, 0, dashes.length)) {
            return 0;
        }
        int i = start + dashes.length;
        int kind = 1;
        if (i + 1 < end && bytes[i] == '-' && bytes[i + 1] == '-') {
            kind = 2;
            i += 2;
        }
        for (; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return 0;
            }
        }
        return kind;
    }

    /** Where the line break before a boundary line starts: it belongs to the boundary, not to the part. */
    private static int lineBreakBefore(byte[] bytes, int lineStart) {
        int end = lineStart;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    // ---------------------------------------------------------------- bodies and attachments

    private enum Encoding { IDENTITY, BASE64, QUOTED_PRINTABLE, UUENCODE }

    private static Encoding encoding(Part part, List<String> notes) {
        String raw = part.headers.first("Content-Transfer-Encoding");
        if (raw == null) {
            return Encoding.IDENTITY;
        }
        String value = cap(raw).replaceAll("[\\s\"';]", "").toLowerCase(Locale.ROOT);
        if (IDENTITY_ENCODINGS.contains(value)) {
            return Encoding.IDENTITY;
        }
        if (value.startsWith("base64") || value.startsWith("base-64")) {
            return Encoding.BASE64;
        }
        if (value.startsWith("quoted") || value.equals("qp")) {
            return Encoding.QUOTED_PRINTABLE;
        }
        if (value.contains("uuencode") || value.equals("x-uue") || value.equals("uue")) {
            return Encoding.UUENCODE;
        }
        notes.add("unknown Content-Transfer-Encoding \"" + shorten(raw.strip()) + "\": read as it is");
        return Encoding.IDENTITY;
    }

    /** The text of a text part: decoded, read in its charset, and checked to be text. */
    private static String text(Part part, String mediaType, String charset, List<String> notes) throws MalformedMailException {
        Encoding encoding = encoding(part, notes);
        int end = (int) Math.min(part.end, part.bodyStart + 2L * MAX_TEXT_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - part.bodyStart, 1 << 16));
        switch (encoding) {
            case IDENTITY -> out.write(part.bytes, part.bodyStart, end - part.bodyStart);
            case QUOTED_PRINTABLE -> quotedPrintable(part.bytes, part.bodyStart, end, out);
            case BASE64 -> {
                Base64Result result = base64(part.bytes, part.bodyStart, end, out);
                if (result.invalid > 0) {
                    throw new MalformedMailException("the " + mediaType + " body is marked base64 but is not base64: it holds "
                            + (result.invalid == 1 ? "a character" : result.invalid + " characters")
                            + " base64 does not use (\"" + result.example + "\")");
                }
            }
            case UUENCODE -> {
                try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(part.bytes, part.bodyStart, end - part.bodyStart), "uuencode")) {
                    in.transferTo(out);
                } catch (IOException | MessagingException | RuntimeException e) {
                    throw new MalformedMailException("the " + mediaType + " body cannot be decoded (uuencode): " + reason(e), e);
                }
            }
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > MAX_TEXT_BYTES) {
            bytes = Arrays.copyOf(bytes, MAX_TEXT_BYTES);
        }
        if (charset == null && mediaType.equals("text/html")) {
            Matcher meta = HTML_CHARSET.matcher(new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1));
            charset = meta.find() ? meta.group(1) : null;
        }
        String text = MailText.decode(bytes, charset, notes);
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0b && c != 0x1b) || c == 0x7f) {
                controls++;
            }
        }
        if (controls >= 3 && controls * 20L > text.length()) {
            throw new MalformedMailException("the " + mediaType + " body is not text: " + controls + " of its " + text.length()
                    + " characters are control characters (binary data, or a wrong charset label)");
        }
        return text;
    }

    /** The size of an attachment once decoded; -1 when it cannot be decoded at all. */
    private static long decodedSize(Part part, String name, List<String> notes) {
        Encoding encoding = encoding(part, notes);
        switch (encoding) {
            case BASE64 -> {
                Base64Result result = base64(part.bytes, part.bodyStart, part.end, null);
                if (result.invalid > 0 || result.ragged) {
                    notes.add("attachment \"" + name + "\": its base64 is damaged; the size is of what could be decoded");
                }
                return result.size;
            }
            case QUOTED_PRINTABLE -> {
                return quotedPrintable(part.bytes, part.bodyStart, part.end, null);
            }
            case UUENCODE -> {
                try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(part.bytes, part.bodyStart, part.end - part.bodyStart), "uuencode")) {
                    return in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException | MessagingException | RuntimeException e) {
                    notes.add("attachment \"" + name + "\" cannot be decoded (uuencode): " + reason(e));
                    return -1;
                }
            }
            default -> {
                return part.end - part.bodyStart;
            }
        }
    }

    private static final class Base64Result {
        long size;
        int invalid;
        boolean ragged;
        String example;
    }

    /**
     * Base64 as mail carries it: line breaks and padding anywhere between quanta (joined blocks),
     * a missing final padding. Counts what is not base64: any other character, and a space inside
     * a line ({@code "not base 64 at all"} is made of base64 letters).
     */
    private static Base64Result base64(byte[] bytes, int start, int end, ByteArrayOutputStream out) {
        Base64Result result = new Base64Result();
        int bits = 0;
        int quantum = 0;
        boolean lineHasData = false;
        boolean spaceInLine = false;
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xff;
            int value = BASE64[b];
            if (value >= 0) {
                if (spaceInLine) {
                    invalid(result, bytes, i - 1);
                    spaceInLine = false;
                }
                lineHasData = true;
                bits = bits << 6 | value;
                if (++quantum == 4) {
                    emit(out, result, bits >> 16, bits >> 8, bits);
                    bits = 0;
                    quantum = 0;
                }
            } else if (b == '=') {
                if (quantum == 2) {
                    emit(out, result, bits >> 4);
                } else if (quantum == 3) {
                    emit(out, result, bits >> 10, bits >> 2);
                } else if (quantum == 1) {
                    result.ragged = true;
                }
                bits = 0;
                quantum = 0;
            } else if (b == '\n' || b == '\r') {
                lineHasData = false;
                spaceInLine = false;
            } else if (b == ' ' || b == '\t') {
                spaceInLine = lineHasData;
            } else {
                invalid(result, bytes, i);
            }
        }
        if (quantum == 2) {
            emit(out, result, bits >> 4);
        } else if (quantum == 3) {
            emit(out, result, bits >> 10, bits >> 2);
        } else if (quantum == 1) {
            result.ragged = true;
        }
        return result;
    }

    private static void invalid(Base64Result result, byte[] bytes, int at) {
        if (result.invalid++ == 0) {
            int from = Math.max(0, at - 10);
            int to = Math.min(bytes.length, at + 10);
            result.example = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)
                    .replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        }
    }

    private static void emit(ByteArrayOutputStream out, Base64Result result, int... values) {
        result.size += values.length;
        if (out != null) {
            for (int value : values) {
                out.write(value & 0xff);
            }
        }
    }

    /** Quoted-printable, leniently: a broken {@code =} sequence is kept as written. Returns the decoded size. */
    private static long quotedPrintable(byte[] bytes, int start, int end, ByteArrayOutputStream out) {
        long size = 0;
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b == '=') {
                if (i + 2 < end && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                    b = hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]);
                    i += 2;
                } else {
                    int j = i + 1;
                    while (j < end && (bytes[j] == ' ' || bytes[j] == '\t')) {
                        j++;
                    }
                    if (j == end || bytes[j] == '\n' || (bytes[j] == '\r' && j + 1 < end && bytes[j + 1] == '\n')) {
                        i = j == end ? j : bytes[j] == '\n' ? j : j + 1;   // a soft line break
                        continue;
                    }
                }
            }
            size++;
            if (out != null) {
                out.write(b);
            }
        }
        return size;
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** A file name without the folders some mailers send along ({@code C:\TEMP\a.png}, {@code /home/x/a.png}). */
    private static String fileName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return shorten(base.isEmpty() ? name.strip() : base);
    }

    // ---------------------------------------------------------------- headers

    /**
     * The addresses of a header as written, each once (compared case-insensitively: a plus
     * address's Salesforce id, bcc+003...@, is case-sensitive); what is not a plain mailbox
     * address is skipped with a note.
     */
    private static List<String> addresses(Headers headers, String name, List<String> notes) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String value : headers.all(name)) {
            String unfolded = value.replaceAll("[\r\n]+", "");
            List<String> candidates = new ArrayList<>();
            try {
                for (InternetAddress address : InternetAddress.parseHeader(unfolded, false)) {
                    InternetAddress[] members = address.isGroup() ? address.getGroup(false) : null;
                    if (members != null) {
                        for (InternetAddress member : members) {
                            candidates.add(member.getAddress());
                        }
                    } else if (!address.isGroup()) {
                        candidates.add(address.getAddress());
                    }
                }
            } catch (AddressException | RuntimeException e) {
                Matcher matcher = ADDRESS.matcher(unfolded);
                while (matcher.find()) {
                    candidates.add(matcher.group());
                }
            }
            for (String candidate : candidates) {
                if (candidate == null || candidate.isBlank()) {
                    continue;
                }
                List<String> usable = usable(candidate);
                if (usable.isEmpty()) {
                    notes.add("skipped the " + name + " address \"" + shorten(MailText.header(candidate, notes))
                            + "\": not a plain mailbox address");
                }
                usable.forEach(address -> found.putIfAbsent(address.toLowerCase(Locale.ROOT), address));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * The plain mailbox addresses in what the address parser gave: itself, else without RFC 5322
     * comments and spaces ({@code pete(his account)@silly.test}), else the addresses written in it
     * ({@code Big Bug bb@bug.com}, two addresses without a comma).
     */
    private static List<String> usable(String candidate) {
        String address = candidate.strip();
        if (EmailAddresses.isValid(address)) {
            return List.of(address);
        }
        String bare = withoutComments(address).replaceAll("\\s*([.@])\\s*", "$1").strip();   // obsolete blanks around . and @
        if (EmailAddresses.isValid(bare)) {
            return List.of(bare);
        }
        List<String> written = new ArrayList<>();
        Matcher matcher = ADDRESS.matcher(bare);
        while (matcher.find()) {
            if (EmailAddresses.isValid(matcher.group())) {
                written.add(matcher.group());
            }
        }
        return written;
    }

    /** Text without RFC 5322 comments: {@code (…)}, nested, with {@code \)} escapes, outside quoted strings. */
    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (depth > 0 || quoted)) {
                if (depth == 0) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A Message-ID or In-Reply-To as an id: the first {@code <…>}, else the value without comments;
     * for In-Reply-To only something that looks like an id ({@code local@domain}), as mailers write
     * words and comments there.
     */
    private static String messageId(String raw, boolean reply) {
        if (raw == null) {
            return null;
        }
        String value = cap(raw).replaceAll("[\\s\\p{Cntrl}]+", " ");
        int open = value.indexOf('<');
        int close = open < 0 ? -1 : value.indexOf('>', open);
        if (open >= 0 && close > open) {
            value = withoutComments(value.substring(open + 1, close)).replace(" ", "");   // obsolete: <1234 @ local(blah) .example>
        } else {
            value = withoutComments(value).strip();
            if (value.contains(" ") || (reply && !ADDRESS.matcher(value).matches())) {
                return null;
            }
        }
        value = ActivityKeys.normalizeMessageId(value);
        if (value == null) {
            return null;
        }
        return value.length() > 990 ? value.substring(0, 990) : value;
    }

    private static OffsetDateTime date(String raw, List<String> notes) {
        if (raw == null) {
            return null;
        }
        String value = cap(raw).replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        try {
            Date sent = value.isEmpty() ? null : new MailDateFormat().parse(value);
            OffsetDateTime date = sent == null ? null : sent.toInstant().atOffset(ZoneOffset.UTC);
            if (date != null && date.getYear() >= 1900 && date.getYear() <= 9999) {
                return date;
            }
        } catch (java.text.ParseException | RuntimeException e) {
            // unreadable: noted below
        }
        notes.add("the Date header cannot be read: \"" + shorten(MailText.header(value, notes)) + "\"");
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /** HTML as the text a reader sees: block elements and line breaks become new lines, markup and scripts go. */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, head, title, template, noscript").remove();
        StringBuilder text = new StringBuilder();
        Element root = document.body() == null ? document : document.body();
        NodeVisitor visitor = new NodeVisitor() {
            private int pre;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    String words = textNode.getWholeText().replace('\u00a0', ' ');
                    text.append(pre > 0 ? words : words.replaceAll("[ \t\r\n\f]+", " "));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("pre")) {
                        pre++;
                    }
                    if (tag.equals("br")) {
                        trimSpaces(text);
                        text.append('\n');
                    } else if (tag.equals("td") || tag.equals("th")) {
                        text.append(' ');
                    } else {
                        lineBreaks(text, PARAGRAPHS.contains(tag) ? 2 : BLOCKS.contains(tag) ? 1 : 0);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("pre")) {
                        pre--;
                    }
                    lineBreaks(text, PARAGRAPHS.contains(tag) ? 2 : BLOCKS.contains(tag) ? 1 : 0);
                }
            }
        };
        visitor.traverse(root);
        StringBuilder lines = new StringBuilder();
        for (String line : text.toString().split("\n", -1)) {
            lines.append(line.replaceAll("[ \t]+", " ").strip()).append('\n');
        }
        return lines.toString();
    }

    /** Ends the text with at least {@code count} line breaks (none at its start): blocks end lines, paragraphs leave a blank one. */
    private static void lineBreaks(StringBuilder text, int count) {
        if (count == 0) {
            return;
        }
        trimSpaces(text);
        int have = 0;
        while (have < text.length() && text.charAt(text.length() - 1 - have) == '\n') {
            have++;
        }
        if (text.length() > 0) {
            text.append("\n".repeat(Math.max(0, count - have)));
        }
    }

    private static void trimSpaces(StringBuilder text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        text.setLength(end);
    }

    static String reason(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        return shorten(text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip());
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }

    /** A structured header value, at most {@link #MAX_FIELD_CHARS} long (what is beyond is no real parameter). */
    private static String cap(String value) {
        return value == null || value.length() <= MAX_FIELD_CHARS ? value : value.substring(0, MAX_FIELD_CHARS);
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static boolean blank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
