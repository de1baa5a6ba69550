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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text in an email, in whatever charset its sender's program chose: the charset names mailers
 * really write (Microsoft's {@code ks_c_5601-1987}, {@code utf-7}, a misspelt or unknown name),
 * RFC 2047 encoded words in headers (split across words in the middle of a character, as Korean and
 * Japanese mailers do), raw 8-bit headers (in the body's charset when they are not UTF-8), and the
 * parameters of MIME headers as mailers really write them (RFC 2231 file names in any charset,
 * missing semicolons, unquoted values). Nothing here throws on bad input: what cannot be read
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
        String label = charsetLabel == null ? null : label(charsetLabel);
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

    /** A charset label as written, cleaned: lower case, no quotes, no RFC 2231 language ({@code utf-8*ko}). */
    private static String label(String charsetLabel) {
        String label = charsetLabel.strip().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        return label.contains("*") ? label.substring(0, label.indexOf('*')) : label;
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
        return header(raw, notes, null);
    }

    /**
     * {@link #header(String, List)}, with the charset the email's text is labelled with as a hint:
     * raw 8-bit bytes that are not UTF-8 are read in it (old mailers wrote headers in the body's
     * charset, Big5 or KOI8-R say, without encoding them), and a UTF-7 email's plain header text is
     * read as UTF-7 (as Netscape wrote it).
     */
    static String header(String raw, List<String> notes, String hintCharset) {
        if (raw == null) {
            return null;
        }
        String value = raw.replaceAll("\r?\n(?=[ \t])", "").replace("\r", "").replace("\n", "");
        String hint = hintCharset == null ? null : label(hintCharset);
        if (!value.chars().allMatch(c -> c < 0x80)) {
            // the header's bytes came as ISO-8859-1 characters: get the bytes back and read them properly
            byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
            Charset hinted = hint == null || UTF7.contains(hint) || hint.equals("us-ascii") ? null : charset(hint);
            value = validUtf8(bytes) || hinted == null ? guess(bytes) : lenient(bytes, hinted);
        }
        boolean utf7 = hint != null && UTF7.contains(hint);
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
                    text.append(utf7 ? Utf7.decode(between) : between);
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
        String tail = value.substring(end);
        text.append(utf7 ? Utf7.decode(tail) : tail);
        return text.toString().replace("\u0000", "").replaceAll("[\\p{Cntrl}&&[^\t]]", " ").strip();
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
                if (!encoded.matches("[A-Za-z0-9+/]*=*")) {
                    return null;   // not base64: the word is kept as written
                }
                String base64 = encoded.replace("=", "");
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

    /**
     * A structured MIME header ({@code Content-Type}, {@code Content-Disposition}): its value in
     * lower case and its parameters, read leniently as mail in the wild writes them: a missing
     * {@code ;}, unquoted values with spaces or {@code =} in them, raw 8-bit bytes, backslashes of
     * Windows paths in quoted strings, and RFC 2231 values ({@code name*=charset'lang'%XX}, in
     * numbered segments, in any charset {@link #decode} knows).
     *
     * @param value      the value before the parameters, lower case; empty when there is none
     * @param parameters the parameters by lower-case name, RFC 2231 segments joined and decoded
     * @param rfc2231    the names of the parameters that came in RFC 2231 form (already decoded to text)
     */
    record Parameters(String value, Map<String, String> parameters, Set<String> rfc2231) {

        /** A parameter as written (after RFC 2231 decoding): for boundaries and charsets. */
        String get(String name) {
            return parameters.get(name);
        }

        /** A parameter as a person reads it (RFC 2047 words and raw 8-bit bytes decoded): for file names. */
        String text(String name, List<String> notes) {
            String value = parameters.get(name);
            if (value == null) {
                return null;
            }
            return rfc2231.contains(name) ? value : header(value, notes);
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("(.+?)\\*(?:(\\d{1,3})\\*?|)$");
    private static final Pattern NEXT_PARAMETER = Pattern.compile("\\s+[A-Za-z0-9!#$%&'+.^_`{|}~*-]+\\s*=");

    /** Parses a structured header; null gives an empty value and no parameters. */
    static Parameters parameters(String header, List<String> notes) {
        if (header == null) {
            return new Parameters("", Map.of(), Set.of());
        }
        String s = header.replaceAll("\\r?\\n", "").replace('\r', ' ');   // unfolded: the line break goes, the blank stays
        int n = s.length();
        int i = skipSpace(s, 0);
        int start = i;
        while (i < n && s.charAt(i) != ';' && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '(') {
            i++;
        }
        String value = s.substring(start, i).replace("\"", "").toLowerCase(Locale.ROOT);
        Map<String, String> simple = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> segments = new LinkedHashMap<>();
        Map<String, Boolean> extended = new LinkedHashMap<>();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ';' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '(') {
                int close = s.indexOf(')', i);
                i = close < 0 ? n : close + 1;
                continue;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i = skipSpace(s, i);
            if (i >= n || s.charAt(i) != '=') {
                continue;   // a word without a value: nothing to keep
            }
            i = skipSpace(s, i + 1);
            String parameter;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char q = s.charAt(i);
                    // a backslash quotes only what needs it: C:\TEMP\x.png as Windows mailers wrote it stays whole
                    if (q == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        q = s.charAt(++i);
                    }
                    quoted.append(q);
                    i++;
                }
                i = Math.min(n, i + 1);
                parameter = quoted.toString();
            } else {
                int valueStart = i;
                int semicolon = s.indexOf(';', i);
                int valueEnd = semicolon < 0 ? n : semicolon;
                Matcher next = NEXT_PARAMETER.matcher(s).region(valueStart, valueEnd);
                if (next.find()) {
                    valueEnd = next.start();   // "text/plain charset=us-ascii name=a.txt": the ";" was forgotten
                }
                parameter = s.substring(valueStart, valueEnd).strip();
                i = valueEnd;
            }
            Matcher segment = SEGMENT.matcher(name);
            if (name.indexOf('*') > 0 && segment.matches()) {
                String base = segment.group(1);
                int index = segment.group(2) == null ? 0 : Integer.parseInt(segment.group(2));
                segments.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(index, parameter);
                if (name.endsWith("*")) {
                    extended.putIfAbsent(base + "#" + index, Boolean.TRUE);
                }
            } else if (!name.isEmpty()) {
                simple.putIfAbsent(name, parameter);
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>(simple);
        Set<String> decoded = new HashSet<>();
        for (Map.Entry<String, TreeMap<Integer, String>> entry : segments.entrySet()) {
            String joined = rfc2231(entry.getKey(), entry.getValue(), extended, notes);
            if (joined != null) {
                parameters.put(entry.getKey(), joined);   // the RFC 2231 form wins over a plain one beside it
                decoded.add(entry.getKey());
            }
        }
        return new Parameters(value, Map.copyOf(parameters), Set.copyOf(decoded));
    }

    /** RFC 2231: numbered segments joined, the {@code *} ones percent-decoded, all read in the first one's charset. */
    private static String rfc2231(String base, TreeMap<Integer, String> parts, Map<String, Boolean> extended,
                                  List<String> notes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String charset = null;
        int expected = 0;
        for (Map.Entry<Integer, String> part : parts.entrySet()) {
            if (part.getKey() != expected) {
                break;   // a missing segment: what follows it cannot be placed
            }
            String value = part.getValue();
            boolean percent = extended.containsKey(base + "#" + part.getKey());
            if (percent && expected == 0) {
                int first = value.indexOf('\'');
                int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
                if (second > 0) {
                    charset = value.substring(0, first);
                    value = value.substring(second + 1);
                }
            }
            if (percent) {
                percentDecode(value, bytes);
            } else {
                bytes.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
            }
            expected++;
        }
        return expected == 0 ? null : decode(bytes.toByteArray(), charset == null || charset.isBlank() ? null : charset, notes);
    }

    private static void percentDecode(String value, ByteArrayOutputStream bytes) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c < 0x100 ? c : '?');
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
