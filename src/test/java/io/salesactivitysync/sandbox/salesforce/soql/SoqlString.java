package io.salesactivitysync.sandbox.salesforce.soql;

/**
 * A SOQL string literal, unescaped.
 *
 * @param value       the text it stands for
 * @param likePattern a regular expression for LIKE: unescaped {@code %} and {@code _} are wildcards,
 *                    escaped ones ({@code \%}, {@code \_}) match themselves
 */
record SoqlString(String value, String likePattern) {
}
