package io.salesactivitysync.sandbox.salesforce.soql;

import java.util.List;

/**
 * A parsed, not yet schema-checked SOQL statement.
 *
 * @param countOnly   {@code SELECT COUNT() FROM ...}
 * @param fromOffset  where the FROM object name starts, for error messages
 * @param limitOffset where the LIMIT keyword starts (-1 without one), for error messages
 */
record SoqlStatement(
        List<SelectItem> select,
        boolean countOnly,
        String from,
        int fromOffset,
        Condition where,
        List<OrderItem> orderBy,
        Integer limit,
        int limitOffset,
        Integer offset) {

    /** A dotted field name such as {@code Account.Owner.Name}. */
    record FieldPath(List<String> parts, int offset) {
        String text() {
            return String.join(".", parts);
        }
    }

    sealed interface SelectItem permits FieldItem, SubqueryItem, AggregateItem {
    }

    record FieldItem(FieldPath path) implements SelectItem {
    }

    /** A child relationship query: {@code (SELECT Id FROM Contacts)}. */
    record SubqueryItem(SoqlStatement query) implements SelectItem {
    }

    /**
     * An aggregate function without GROUP BY ({@code COUNT(Id)}, {@code MAX(LastModifiedDate) latest}):
     * one AggregateResult row.
     *
     * @param path null for {@code COUNT()} of rows
     */
    record AggregateItem(String function, FieldPath path, String alias, int offset) implements SelectItem {
    }

    sealed interface Condition permits And, Or, Not, Comparison, InList, InSubquery, Like {
    }

    record And(List<Condition> operands) implements Condition {
    }

    record Or(List<Condition> operands) implements Condition {
    }

    record Not(Condition operand) implements Condition {
    }

    /** {@code field op value}, op one of = != &lt; &gt; &lt;= &gt;=. */
    record Comparison(FieldPath field, String operator, Literal value) implements Condition {
    }

    record InList(FieldPath field, boolean negated, List<Literal> values) implements Condition {
    }

    /** A semi-join: {@code Id IN (SELECT WhoId FROM Task)}. */
    record InSubquery(FieldPath field, boolean negated, SoqlStatement query, int offset) implements Condition {
    }

    record Like(FieldPath field, Literal pattern) implements Condition {
    }

    record Literal(LiteralKind kind, Object value, String text, int offset) {
    }

    enum LiteralKind { STRING, NUMBER, BOOLEAN, NULL, DATE, DATETIME, RELATIVE_DATE }

    /** A date literal such as {@code TODAY} or {@code LAST_N_DAYS:7}. */
    record RelativeDate(String name, int amount) {
    }

    /** @param nullsFirst null when the statement does not say */
    record OrderItem(FieldPath path, boolean descending, Boolean nullsFirst) {
    }
}
