package io.salesactivitysync.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * UTF-7 (RFC 2152), which the JDK does not carry and some old mailers still label mail with:
 * ASCII as itself, other characters as modified base64 of UTF-16 between {@code +} and {@code -}.
 * Only decoding is needed; a broken shifted sequence is kept as it was written.
 */
final class Utf7 {

    private Utf7() {
    }

    static String decode(String encoded) {
        StringBuilder text = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c != '+') {
                text.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < encoded.length() && isBase64(encoded.charAt(end))) {
                end++;
            }
            if (end == i + 1) {
                // "+-" is a plus sign; a lone "+" is kept
                text.append('+');
                i = end < encoded.length() && encoded.charAt(end) == '-' ? end + 1 : end;
                continue;
            }
            String base64 = encoded.substring(i + 1, end);
            byte[] utf16 = unbase64(base64);
            if (utf16 == null || utf16.length < 2) {
                // too short to hold a character ("+1-555"): not UTF-7, kept as written with its "-"
                text.append(encoded, i, end);
                i = end;
                continue;
            }
            text.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16, 0, utf16.length & ~1)));
            i = end < encoded.length() && encoded.charAt(end) == '-' ? end + 1 : end;
        }
        return text.toString();
    }

    private static byte[] unbase64(String base64) {
        String whole = base64.length() % 4 == 1 ? base64.substring(0, base64.length() - 1) : base64;
        try {
            return Base64.getDecoder().decode(whole + "=".repeat((4 - whole.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
