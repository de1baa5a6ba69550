package io.salesactivitysync.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text in an email, in whatever charset its sender's program chose: the charset names mailers
 * really write (Microsoft's {@code ks_c_5601-1987}, {@code utf-7}, a misspelt or unknown name),
 * RFC 2047 encoded words in headers (split across words in the middle of a character, as Korean and
 * Japanese mailers do), and raw 8-bit headers. Nothing here throws on bad input: what cannot be read
 * as labelled is read as UTF-8 when it is valid UTF-8, else as Windows-1252, and a note says so.
 */
final class MailText {

    /** A charset label and what it really means (Microsoft's Korean labels mean its code page 949, a superset of EUC-KR). */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("ksc5601", "x-windows-949"),
            Map.entry("ksc_5601", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("euckr", "x-windows-949"),
            Map.entry("cp949", "x-windows-949"),
            Map.entry("ms949", "x-windows-949"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("ansi_x3.4-1968", "US-ASCII"),
            Map.entry("gb2312", "GBK"),
            Map.entry("x-gbk", "GBK"),
            Map.entry("shift-jis", "Shift_JIS"),
            Map.entry("sjis", "Shift_JIS"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"));
    private static final List<String> UTF7 = List.of("utf-7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csunicode11utf7");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

    private MailText() {
    }

    /** Bytes as text in the labelled charset; {@code notes} gets a line when the label could not be used. */
    static String decode(byte[] bytes, String charsetLabel, List<String> notes) {
        String label = charsetLabel == null ? null : charsetLabel.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (label != null && label.contains("*")) {
            label = label.substring(0, label.indexOf('*'));   // RFC 2231 language: utf-8*ko
        }
        if (label == null || label.isEmpty() || label.equals("us-ascii") || label.equals("ascii")) {
            // no label, or ASCII with 8-bit bytes in it: the bytes say what they are
            return guess(bytes);
        }
        if (UTF7.contains(label)) {
            return Utf7.decode(new String(bytes, StandardCharsets.US_ASCII));
        }
        Charset charset = charset(label);
        if (charset == null) {
            notes.add("unknown charset \"" + charsetLabel.strip() + "\": read as " + (validUtf8(bytes) ? "UTF-8" : "Windows-1252"));
            return guess(bytes);
        }
        return lenient(bytes, charset);
    }

    static Charset charset(String label) {
        String name = ALIASES.getOrDefault(label.toLowerCase(Locale.ROOT), label);
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** UTF-8 when the bytes are valid UTF-8 (ASCII is), else Windows-1252 (every byte is a character). */
    static String guess(byte[] bytes) {
        return validUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, Charset.forName("windows-1252"));
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String lenient(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return guess(bytes);
        }
    }

    /**
     * A header value as a person reads it: unfolded, raw 8-bit bytes read as UTF-8 (else
     * Windows-1252), and RFC 2047 encoded words decoded. Adjacent encoded words in one charset are
     * joined before decoding, so a character split between two of them comes out whole.
     */
    static String header(String raw, List<String> notes) {
        if (raw == null) {
            return null;
        }
        String value = raw.replaceAll("\r?\n(?=[ \t])", "");
        if (!value.chars().allMatch(c -> c < 0x80)) {
            // JavaMail reads header bytes as ISO-8859-1: get the bytes back and read them properly
            value = guess(value.getBytes(StandardCharsets.ISO_8859_1));
        }
        StringBuilder text = new StringBuilder();
        Matcher word = ENCODED_WORD.matcher(value);
        int end = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (word.find()) {
            String between = value.substring(end, word.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = word.group(1);
            if (!(adjacent && charset.equalsIgnoreCase(pendingCharset))) {
                flush(text, pending, pendingCharset, notes);
                pendingCharset = null;
                if (!adjacent) {
                    text.append(between);
                }
            }
            byte[] bytes = wordBytes(word.group(2), word.group(3));
            if (bytes == null) {
                flush(text, pending, pendingCharset, notes);
                pendingCharset = null;
                text.append(word.group());
            } else {
                pendingCharset = charset;
                pending.writeBytes(bytes);
            }
            end = word.end();
        }
        flush(text, pending, pendingCharset, notes);
        text.append(value.substring(end));
        return text.toString().replaceAll("[\\p{Cntrl}&&[^\t]]", " ").strip();
    }

    private static void flush(StringBuilder text, ByteArrayOutputStream pending, String charset, List<String> notes) {
        if (charset != null && pending.size() > 0) {
            text.append(decode(pending.toByteArray(), charset, notes));
        }
        pending.reset();
    }

    private static byte[] wordBytes(String encoding, String encoded) {
        try {
            if (encoding.equalsIgnoreCase("B")) {
                String base64 = encoded.replaceAll("[^A-Za-z0-9+/]", "");
                if (base64.length() % 4 == 1) {
                    base64 = base64.substring(0, base64.length() - 1);   // a stray character: not a whole byte
                }
                return Base64.getDecoder().decode(base64 + "=".repeat((4 - base64.length() % 4) % 4));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < encoded.length(); i++) {
                char c = encoded.charAt(i);
                if (c == '_') {
                    bytes.write(' ');
                } else if (c == '=' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                    bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c);
                }
            }
            return bytes.toByteArray();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
