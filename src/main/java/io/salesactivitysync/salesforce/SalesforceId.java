package io.salesactivitysync.salesforce;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive letters and digits, the first three the key prefix of
 * the object type ({@code 005} User, {@code 003} Contact, {@code 00Q} Lead, {@code 001} Account,
 * {@code 00T} Task), or the 18-character form whose last three characters say, per 5-character
 * chunk, which of the 15 are upper case.
 *
 * <p>The suffix exists so that the id survives systems that ignore case, so it is compared without
 * regard to case ({@code 001R0000006hfeZiaq} is {@code 001R0000006hfeZIAQ}) and always given back
 * in upper case. The first 15 characters are not: Salesforce does not use the suffix to restore a
 * lost case, so {@code 001r0000006hfeziaq} is refused.
 */
public final class SalesforceId {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceId() {
    }

    /** Whether the text has the shape of an id (15 or 18 letters and digits); says nothing of the suffix. */
    public static boolean looksLikeId(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The canonical 18-character form of a 15- or 18-character id; empty when the shape or the suffix is wrong. */
    public static Optional<String> normalize(String text) {
        if (!looksLikeId(text)) {
            return Optional.empty();
        }
        String id15 = text.substring(0, 15);
        String id18 = id15 + caseSuffix(id15);
        if (text.length() == 18 && !text.substring(15).equalsIgnoreCase(id18.substring(15))) {
            return Optional.empty();
        }
        return Optional.of(id18);
    }

    /** A well-formed id, with a correct case suffix when it has 18 characters. */
    public static boolean isValid(String id) {
        return normalize(id).isPresent();
    }

    /** A valid id of the object type with the given key prefix (compared with case, as {@code 00t} is not {@code 00T}). */
    public static boolean isValid(String id, String keyPrefix) {
        return isValid(id) && id.startsWith(keyPrefix);
    }

    /**
     * The canonical 18-character form of a valid 15- or 18-character id.
     *
     * @throws IllegalArgumentException when the id is not valid
     */
    public static String toLongForm(String id) {
        return normalize(id).orElseThrow(() -> new IllegalArgumentException("Not a Salesforce id: '" + id + "'"));
    }

    /** The first three characters, which name the object type. */
    public static String keyPrefix(String id) {
        return id.substring(0, 3);
    }

    private static String caseSuffix(String id15) {
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
}
