package io.salesactivitysync.sandbox.salesforce.soql;

/**
 * Builds Salesforce's SOQL error messages: the statement's line, a caret under the offending
 * token, {@code ERROR at Row:r:Column:c} and the reason. Of a long line Salesforce shows only a
 * window of 42 characters either side of the error, starting at a whole word: for an unknown
 * {@code Account.RecordTypeId} at column 486 the line shown is
 * {@code Account.Phone, Account.Rating, Account.RecordTypeId, Account.ShippingCity}.
 */
final class SoqlErrors {

    private static final int WINDOW = 42;

    private SoqlErrors() {
    }

    static SoqlException malformed(String soql, int offset, String reason) {
        return new SoqlException("MALFORMED_QUERY", locate(soql, offset, reason));
    }

    static SoqlException at(String errorCode, String soql, int offset, String reason) {
        return new SoqlException(errorCode, locate(soql, offset, reason));
    }

    static SoqlException unexpected(String soql, SoqlToken token) {
        return malformed(soql, token.offset(), "unexpected token: " + quote(token));
    }

    private static String quote(SoqlToken token) {
        return "'" + (token.kind() == SoqlToken.Kind.END ? "<EOF>" : token.text()) + "'";
    }

    static String locate(String soql, int offset, String reason) {
        int safeOffset = Math.max(0, Math.min(offset, soql.length()));
        int lineStart = soql.lastIndexOf('\n', safeOffset - 1) + 1;
        int lineEnd = soql.indexOf('\n', safeOffset);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = 1;
        for (int i = 0; i < lineStart; i++) {
            if (soql.charAt(i) == '\n') {
                row++;
            }
        }
        int column = safeOffset - lineStart + 1;
        int caret = column - 1;
        int start = windowStart(line, caret);
        int end = windowEnd(line, caret);
        return "\n" + line.substring(start, end) + "\n" + " ".repeat(caret - start) + "^\nERROR at Row:" + row
                + ":Column:" + column + "\n" + reason;
    }

    /** Up to {@value #WINDOW} characters before the error, from the first whole word among them. */
    private static int windowStart(String line, int caret) {
        int start = Math.max(0, caret - WINDOW);
        if (start == 0) {
            return 0;
        }
        if (!Character.isWhitespace(line.charAt(start - 1))) {
            while (start < caret && !Character.isWhitespace(line.charAt(start))) {
                start++;
            }
        }
        while (start < caret && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Up to {@value #WINDOW} characters from the error on, without a name cut in two. */
    private static int windowEnd(String line, int caret) {
        int end = Math.min(line.length(), caret + WINDOW);
        if (end < line.length() && isNamePart(line.charAt(end)) && isNamePart(line.charAt(end - 1))) {
            while (end > caret + 1 && isNamePart(line.charAt(end - 1))) {
                end--;
            }
            while (end > caret + 1 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
        }
        return end;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
