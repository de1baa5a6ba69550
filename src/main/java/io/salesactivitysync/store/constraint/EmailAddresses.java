package io.salesactivitysync.store.constraint;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses the product accepts for reps, aliases and people: an RFC 5322 {@code dot-atom}
 * local part, {@code @}, and a DNS host name with at least two labels.
 *
 * <p>Deliberately stricter than RFC 5322: no quoted local parts ({@code "a b"@x}), no comments,
 * no IP literals, no whitespace, no control characters (CR/LF header injection), no non-ASCII
 * characters. These are the forms used to smuggle extra headers or recipients through an address;
 * real mailboxes do not need them. An apostrophe is valid in the local part ({@code o'brien@...})
 * and accepted: every value reaches SQL and SOQL as a bound or escaped parameter.
 */
public final class EmailAddresses {

    /** RFC 5321: a path is at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final int MAX_DOMAIN_LENGTH = 253;

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL_PART = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL_LABEL = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return false;
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@')) {
            return false;
        }
        String localPart = address.substring(0, at);
        String domain = address.substring(at + 1);
        return localPart.length() <= MAX_LOCAL_PART_LENGTH
                && LOCAL_PART.matcher(localPart).matches()
                && isValidDomain(domain);
    }

    private static boolean isValidDomain(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN_LENGTH) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LEVEL_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    /**
     * The stored form: lower case. Mail systems treat addresses case-insensitively in practice, so
     * {@code Alice@Acme.example} and {@code alice@acme.example} are the same person.
     */
    public static String normalize(String address) {
        return address == null ? null : address.toLowerCase(Locale.ROOT);
    }
}
