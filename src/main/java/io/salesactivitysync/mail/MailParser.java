package io.salesactivitysync.mail;

import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.store.constraint.EmailAddresses;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Reads an email from its raw bytes (RFC 5322 and MIME) with Jakarta Mail: the addresses, the
 * subject, the dates and ids, the text body and the attachments.
 *
 * <p>It reads the bytes itself rather than trusting the IMAP server's idea of the structure, so
 * that every server gives the same answer and the parser can be tried on a file. It is lenient
 * where mail in the wild needs it (see {@link MailText}) and says so in {@link ParsedMail#notes()};
 * it gives up, with {@link MalformedMailException} and a reason a person can act on, only where
 * nothing trustworthy can be read: no sender address, a multipart without its boundaries, a text
 * body whose transfer encoding is broken, or a structure nested or split beyond reason.
 */
@Component
public class MailParser {

    /** MIME nesting deeper than this is refused (real mail stays under ten). */
    static final int MAX_DEPTH = 30;
    /** MIME parts beyond this are refused. */
    static final int MAX_PARTS = 1000;
    /** Salesforce's Task Description holds 32,000 characters: the body is cut there. */
    static final int MAX_BODY_CHARS = 32_000;
    /** Text parts are read up to this many bytes. */
    private static final int MAX_TEXT_BYTES = 4 * 1024 * 1024;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");
    private static final Pattern BASE_TYPE = Pattern.compile("^\\s*([A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+)");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    private final Session session;

    public MailParser() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        this.session = Session.getInstance(properties);
    }

    public ParsedMail parse(byte[] raw) throws MalformedMailException {
        List<String> notes = new ArrayList<>();
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new MalformedMailException("the message headers cannot be read: " + reason(e), e);
        }
        List<String> fromAddresses = addresses(message, "From", notes);
        if (fromAddresses.isEmpty()) {
            String rawFrom = first(message, "From");
            throw new MalformedMailException(rawFrom == null ? "the email has no From header: its sender is unknown"
                    : "the From header holds no readable address: \"" + shorten(MailText.header(rawFrom, notes)) + "\"");
        }
        String from = fromAddresses.get(0);
        List<String> to = addresses(message, "To", notes);
        List<String> cc = addresses(message, "Cc", notes);
        List<String> bcc = addresses(message, "Bcc", notes);
        String subject = MailText.header(first(message, "Subject"), notes);
        subject = subject == null ? "" : subject;
        String messageId = messageId(first(message, "Message-ID"));
        String inReplyTo = messageId(first(message, "In-Reply-To"));
        OffsetDateTime date = date(message, notes);

        Content content = new Content();
        walk(message, 0, content, notes);
        String body = content.plain != null ? content.plain : content.html != null ? htmlToText(content.html) : "";
        body = body.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
        body = body.replaceAll("\n{3,}", "\n\n").strip();
        if (body.length() > MAX_BODY_CHARS) {
            notes.add("body cut to " + MAX_BODY_CHARS + " characters (Salesforce's Task Description limit) from " + body.length());
            body = body.substring(0, MAX_BODY_CHARS);
        }
        String key = ActivityKeys.mailKey(messageId, List.of(from, String.join(",", to), String.join(",", cc),
                String.valueOf(first(message, "Date")), subject, body));
        List<String> authentication = new ArrayList<>();
        String[] results = header(message, "Authentication-Results");
        if (results != null) {
            for (String result : results) {
                authentication.add(MailText.header(result, notes));
            }
        }
        return new ParsedMail(messageId, key, from, to, cc, bcc, subject, date, inReplyTo, body,
                List.copyOf(content.attachments), List.copyOf(authentication), List.copyOf(notes));
    }

    /** What the walk through the MIME tree found. */
    private static final class Content {
        String plain;
        String html;
        int parts;
        final List<ParsedMail.Attachment> attachments = new ArrayList<>();
    }

    private void walk(Part part, int depth, Content content, List<String> notes) throws MalformedMailException {
        if (depth > MAX_DEPTH) {
            throw new MalformedMailException("the MIME structure is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++content.parts > MAX_PARTS) {
            throw new MalformedMailException("the email has more than " + MAX_PARTS + " MIME parts");
        }
        String contentType = contentType(part);
        String type = baseType(contentType);
        try {
            if (type.startsWith("multipart/")) {
                MimeMultipart multipart = new MimeMultipart(new MimePartDataSource((MimePart) part));
                int count = multipart.getCount();
                for (int i = 0; i < count; i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1, content, notes);
                }
                return;
            }
        } catch (MessagingException e) {
            throw new MalformedMailException("the MIME structure is broken (" + type + "): " + reason(e), e);
        }
        String fileName = fileName(part, notes);
        boolean attachment = fileName != null || Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
        if (!attachment && type.equals("text/plain") && content.plain == null) {
            content.plain = text(part, contentType, notes);
        } else if (!attachment && type.equals("text/html") && content.html == null) {
            content.html = text(part, contentType, notes);
        } else {
            String name = fileName != null ? fileName
                    : type.equals("message/rfc822") ? "forwarded email.eml" : "(unnamed " + type + ")";
            content.attachments.add(new ParsedMail.Attachment(name, decodedSize(part, name, notes)));
        }
    }

    private static String text(Part part, String contentType, List<String> notes) throws MalformedMailException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(MAX_TEXT_BYTES);
        } catch (IOException | MessagingException | RuntimeException e) {
            throw new MalformedMailException("the text body cannot be decoded (" + encoding(part) + "): " + reason(e), e);
        }
        return MailText.decode(bytes, charset(contentType), notes);
    }

    private static long decodedSize(Part part, String name, List<String> notes) {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | MessagingException | RuntimeException e) {
            notes.add("attachment \"" + name + "\" cannot be decoded (" + encoding(part) + "): " + reason(e));
            return -1;
        }
    }

    private static String contentType(Part part) {
        try {
            String contentType = part.getContentType();
            return contentType == null ? "text/plain" : contentType;
        } catch (MessagingException e) {
            return "text/plain";
        }
    }

    /** The media type in lower case; an unreadable one is text/plain, as RFC 2045 says. */
    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            Matcher matcher = BASE_TYPE.matcher(contentType);
            return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "text/plain";
        }
    }

    private static String charset(String contentType) {
        try {
            return new ContentType(contentType).getParameter("charset");
        } catch (ParseException e) {
            Matcher matcher = CHARSET.matcher(contentType);
            return matcher.find() ? matcher.group(1) : null;
        }
    }

    private static String fileName(Part part, List<String> notes) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : MailText.header(name, notes);
        } catch (MessagingException | RuntimeException e) {
            notes.add("an attachment's file name cannot be read: " + reason(e));
            return "(unreadable name)";
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String encoding(Part part) {
        try {
            String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
            return encoding == null ? "7bit" : encoding;
        } catch (MessagingException e) {
            return "unknown transfer encoding";
        }
    }

    /** The addresses of a header, as written, each once (case-insensitively); what is not a plain mailbox address is skipped with a note. */
    private static List<String> addresses(MimeMessage message, String name, List<String> notes) {
        String[] values = header(message, name);
        if (values == null) {
            return List.of();
        }
        // by lower case, as written: addresses compare case-insensitively, but a plus address's
        // Salesforce id (bcc+003...@) is case-sensitive
        Map<String, String> found = new LinkedHashMap<>();
        for (String value : values) {
            String unfolded = value.replaceAll("\r?\n", "");
            List<String> candidates = new ArrayList<>();
            try {
                for (InternetAddress address : InternetAddress.parseHeader(unfolded, false)) {
                    if (address.isGroup()) {
                        for (InternetAddress member : address.getGroup(false)) {
                            candidates.add(member.getAddress());
                        }
                    } else {
                        candidates.add(address.getAddress());
                    }
                }
            } catch (AddressException e) {
                Matcher matcher = ADDRESS.matcher(unfolded);
                while (matcher.find()) {
                    candidates.add(matcher.group());
                }
            }
            for (String candidate : candidates) {
                if (candidate == null || candidate.isBlank()) {
                    continue;
                }
                String address = candidate.strip();
                if (EmailAddresses.isValid(address)) {
                    found.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
                } else {
                    notes.add("skipped the " + name + " address \"" + shorten(MailText.header(candidate, notes))
                            + "\": not a plain mailbox address");
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static String messageId(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.replaceAll("[\\s\\p{Cntrl}]+", "");
        // In-Reply-To may hold several ids and comments: the first <...> is the one
        int open = value.indexOf('<');
        int close = open < 0 ? -1 : value.indexOf('>', open);
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        value = ActivityKeys.normalizeMessageId(value);
        if (value == null) {
            return null;
        }
        return value.length() > 990 ? value.substring(0, 990) : value;
    }

    private static OffsetDateTime date(MimeMessage message, List<String> notes) {
        try {
            Date sent = message.getSentDate();
            if (sent == null && first(message, "Date") != null) {
                notes.add("the Date header cannot be read: \"" + shorten(first(message, "Date")) + "\"");
            }
            return sent == null ? null : sent.toInstant().atOffset(ZoneOffset.UTC);
        } catch (MessagingException | RuntimeException e) {
            notes.add("the Date header cannot be read: " + reason(e));
            return null;
        }
    }

    private static String[] header(MimeMessage message, String name) {
        try {
            return message.getHeader(name);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String first(MimeMessage message, String name) {
        String[] values = header(message, name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** HTML as the text a reader sees: block elements and line breaks become new lines, markup and scripts go. */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.outputSettings(new Document.OutputSettings().prettyPrint(false));
        document.select("script, style, head, title").remove();
        document.select("br").after("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, table, hr").before("\\n");
        String text = Jsoup.clean(document.body() == null ? document.html() : document.body().html(), "",
                Safelist.none(), new Document.OutputSettings().prettyPrint(false));
        text = Parser.unescapeEntities(text, false).replace("\\n", "\n").replace('\u00a0', ' ');
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            lines.append(line.replaceAll("[ \t]+", " ").strip()).append('\n');
        }
        return lines.toString();
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
}
