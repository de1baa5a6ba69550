package io.salesactivitysync.sandbox.salesforce.soql;

/**
 * Builds Salesforce's SOQL error messages: the statement's line, a caret under the offending
 * token, {@code ERROR at Row:r:Column:c} and the reason.
 */
final class SoqlErrors {

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
        return "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column + "\n" + reason;
    }
}
