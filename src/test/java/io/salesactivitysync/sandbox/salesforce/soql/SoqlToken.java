package io.salesactivitysync.sandbox.salesforce.soql;

/**
 * One lexical token of a SOQL statement.
 *
 * @param offset position of its first character in the statement, for error messages
 */
record SoqlToken(Kind kind, String text, Object value, int offset) {

    enum Kind { IDENTIFIER, STRING, NUMBER, DATE, DATETIME, SYMBOL, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** How Salesforce quotes a token in "unexpected token" messages. */
    String shown() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}
