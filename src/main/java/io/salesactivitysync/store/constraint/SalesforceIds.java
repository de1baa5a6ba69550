package io.salesactivitysync.store.constraint;

import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with a three-character suffix that
 * encodes the case of the first 15 (so the id survives case-insensitive systems). The first three
 * characters are the key prefix of the object type: {@code 005} User, {@code 003} Contact,
 * {@code 00Q} Lead, {@code 001} Account, {@code 00T} Task.
 */
public final class SalesforceIds {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{15}(?:[A-Z0-5]{3})?");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    /** A well-formed id, with a correct case suffix when it has 18 characters. */
    public static boolean isValid(String id) {
        if (id == null || !SHAPE.matcher(id).matches()) {
            return false;
        }
        return id.length() == 15 || id.substring(15).equals(caseSuffix(id.substring(0, 15)));
    }

    /** A valid id of the object type with the given key prefix. */
    public static boolean isValid(String id, String keyPrefix) {
        return isValid(id) && id.startsWith(keyPrefix);
    }

    /** The 18-character form of a valid 15- or 18-character id. */
    public static String toLongForm(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("Not a Salesforce id: '" + id + "'");
        }
        return id.length() == 18 ? id : id + caseSuffix(id);
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
