package io.salesactivitysync.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Values put into SOQL. Every value is a quoted string literal with SOQL's escapes (backslash,
 * quote, line breaks), so that no address or id, however crafted ({@code x' OR Id != null}), can
 * end the literal: it can only fail to match.
 */
public final class Soql {

    private Soql() {
    }

    /** A string literal: {@code 'o\'brien@example.com'}. */
    public static String literal(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '\'' -> literal.append("\\'");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                case '\b' -> literal.append("\\b");
                case '\f' -> literal.append("\\f");
                default -> literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }

    /** The list of an IN condition: {@code ('a', 'b')}; at least one value (SOQL has no empty list). */
    public static String inList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An IN list needs at least one value");
        }
        return values.stream().map(Soql::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * {@code field IN (...)} for each field that has values, joined by OR. A field without values
     * is left out: SOQL has no empty list, and Salesforce refuses a stand-in such as {@code Id IN
     * ('')} ("invalid ID field"). With no values at all the condition is {@code Id = null}, which
     * no record matches.
     */
    public static String anyIn(Map<String, ? extends Collection<String>> valuesByField) {
        String condition = valuesByField.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> entry.getKey() + " IN " + inList(entry.getValue()))
                .collect(Collectors.joining(" OR "));
        return condition.isEmpty() ? "Id = null" : condition;
    }

    /**
     * The statement as the {@code q} parameter of a query URL (composite subrequests take the URL
     * as given): only what a URL cannot carry is encoded, so long IN lists stay short.
     */
    public static String urlParameter(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8)
                .replace("%27", "'")
                .replace("%40", "@")
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%2C", ",");
    }
}
