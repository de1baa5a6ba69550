package io.salesactivitysync.sandbox.salesforce.org;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix first), or the
 * 18-character form whose last 3 characters encode, per 5-character chunk, which characters are
 * upper case so that the id survives case-insensitive systems.
 */
public final class SalesforceId {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");

    private SalesforceId() {
    }

    /** Whether the text has the shape of an id (15 or 18 letters and digits); says nothing of the checksum. */
    public static boolean looksLikeId(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The 18-character id for a 15- or 18-character one; empty when the shape or the checksum is wrong. */
    public static Optional<String> normalize(String text) {
        if (!looksLikeId(text)) {
            return Optional.empty();
        }
        String id15 = text.substring(0, 15);
        String id18 = id15 + checksum(id15);
        if (text.length() == 18 && !text.equalsIgnoreCase(id18)) {
            return Optional.empty();
        }
        return Optional.of(id18);
    }

    /** The 18-character form of a 15-character id. */
    public static String to18(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("not a 15-character id: " + id15);
        }
        return id15 + checksum(id15);
    }

    static String checksum(String id15) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return suffix.toString();
    }

    public static String keyPrefix(String id) {
        return id.substring(0, 3);
    }
}
