package io.salesactivitysync.mail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The optional sender authentication check: DKIM or SPF must have passed, as the receiving server
 * wrote it in Authentication-Results (RFC 8601). Anyone can write such a header into the mail they
 * send, so only the ones your own server adds count: those whose authserv-id is one of
 * {@code trusted-authserv-ids}, or, with none configured, the topmost one (the last server's).
 */
final class MailAuthentication {

    private static final Pattern DKIM_PASS = Pattern.compile("(?i)(^|[;\\s])dkim\\s*=\\s*pass\\b");
    private static final Pattern SPF_PASS = Pattern.compile("(?i)(^|[;\\s])spf\\s*=\\s*pass\\b");

    private MailAuthentication() {
    }

    /** Why the email fails the check; null when it passes or none is required. */
    static String problem(List<String> results, String require, List<String> trustedAuthservIds) {
        String mode = require == null ? "none" : require.strip().toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            return null;
        }
        if (!List.of("dkim", "spf", "dkim-or-spf").contains(mode)) {
            return "sas.mail.bcc.require-authentication is \"" + require + "\": it must be none, dkim, spf or dkim-or-spf";
        }
        List<String> trusted = trustedAuthservIds.stream().map(id -> id.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> counted = trusted.isEmpty() ? results.stream().limit(1).toList()
                : results.stream().filter(result -> trusted.contains(authservId(result))).toList();
        String wanted = mode.equals("dkim-or-spf") ? "DKIM or SPF" : mode.toUpperCase(Locale.ROOT);
        if (counted.isEmpty()) {
            return "the email carries no Authentication-Results header" + (trusted.isEmpty() ? "" : " from " + String.join(", ", trusted))
                    + ", and the capture requires " + wanted + " to pass (sas.mail.bcc.require-authentication)";
        }
        boolean dkim = counted.stream().anyMatch(result -> DKIM_PASS.matcher(result).find());
        boolean spf = counted.stream().anyMatch(result -> SPF_PASS.matcher(result).find());
        boolean passed = switch (mode) {
            case "dkim" -> dkim;
            case "spf" -> spf;
            default -> dkim || spf;
        };
        if (passed) {
            return null;
        }
        String shown = counted.get(0).length() > 300 ? counted.get(0).substring(0, 300) + "…" : counted.get(0);
        return "the email did not pass " + wanted + " (Authentication-Results: " + shown
                + "), which sas.mail.bcc.require-authentication requires";
    }

    /** The authserv-id: the first word of the header, before its first ';'. */
    static String authservId(String result) {
        String head = result.contains(";") ? result.substring(0, result.indexOf(';')) : result;
        String[] words = head.strip().split("\\s+");
        return words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
    }
}
