package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.And;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.Comparison;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.Condition;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.AggregateItem;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.FieldItem;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.FieldPath;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.InList;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.InSubquery;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.Like;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.Literal;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.LiteralKind;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.Not;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.Or;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.OrderItem;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.RelativeDate;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.SelectItem;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.SubqueryItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the SOQL subset the emulator serves. Like Salesforce, it refuses
 * AND and OR mixed at one level without parentheses.
 */
final class SoqlParser {

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "LIMIT", "OFFSET", "ASC", "DESC", "NULLS", "FIRST", "LAST", "NULL", "TRUE", "FALSE",
            "GROUP", "HAVING", "INCLUDES", "EXCLUDES", "WITH", "FOR", "TYPEOF", "USING");
    private static final Set<String> RELATIVE_DATES = Set.of("TODAY", "YESTERDAY", "TOMORROW", "THIS_WEEK",
            "LAST_WEEK", "NEXT_WEEK", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR",
            "LAST_90_DAYS", "NEXT_90_DAYS");
    private static final Set<String> RELATIVE_DATES_WITH_N = Set.of("LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO",
            "LAST_N_WEEKS", "NEXT_N_WEEKS", "LAST_N_MONTHS", "NEXT_N_MONTHS");
    private static final Set<String> AGGREGATES = Set.of("COUNT", "COUNT_DISTINCT", "MIN", "MAX", "SUM", "AVG");
    private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<", ">", "<=", ">=");

    private final String soql;
    private final List<SoqlToken> tokens;
    private int index;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = SoqlLexer.tokenize(soql);
    }

    static SoqlStatement parse(String soql) {
        if (soql == null || soql.isEmpty()) {
            // Salesforce's words for ?q= (a missing q is "A query string has to be specified")
            throw new SoqlException("MALFORMED_QUERY", "SOQL statements cannot be empty or null");
        }
        SoqlParser parser = new SoqlParser(soql);
        SoqlStatement statement = parser.statement();
        parser.expectEnd();
        return statement;
    }

    private SoqlStatement statement() {
        expectKeyword("SELECT");
        List<SelectItem> select = new ArrayList<>();
        boolean countOnly = false;
        if (peek().isKeyword("COUNT") && peekAt(1).isSymbol("(") && peekAt(2).isSymbol(")")) {
            index += 3;
            countOnly = true;
        } else {
            select.add(selectItem());
            while (peek().isSymbol(",")) {
                index++;
                select.add(selectItem());
            }
        }
        expectKeyword("FROM");
        SoqlToken from = identifier();
        Condition where = null;
        if (peek().isKeyword("WHERE")) {
            index++;
            where = condition();
        }
        if (peek().isKeyword("GROUP") || peek().isKeyword("HAVING") || peek().isKeyword("WITH")) {
            throw SoqlErrors.malformed(soql, peek().offset(), "unexpected token: '" + peek().text()
                    + "' (the emulator does not support " + peek().text().toUpperCase() + ")");
        }
        List<OrderItem> orderBy = new ArrayList<>();
        if (peek().isKeyword("ORDER")) {
            index++;
            expectKeyword("BY");
            orderBy.add(orderItem());
            while (peek().isSymbol(",")) {
                index++;
                orderBy.add(orderItem());
            }
        }
        Integer limit = null;
        int limitOffset = -1;
        if (peek().isKeyword("LIMIT")) {
            limitOffset = next().offset();
            limit = integer();
        }
        Integer offset = null;
        if (peek().isKeyword("OFFSET")) {
            index++;
            offset = integer();
        }
        return new SoqlStatement(select, countOnly, from.text(), from.offset(), where, orderBy, limit, limitOffset,
                offset);
    }

    private SelectItem selectItem() {
        if (peek().isSymbol("(")) {
            index++;
            SoqlStatement subquery = statement();
            expectSymbol(")");
            return new SubqueryItem(subquery);
        }
        if (peek().kind() == SoqlToken.Kind.IDENTIFIER && AGGREGATES.contains(peek().text().toUpperCase())
                && peekAt(1).isSymbol("(")) {
            SoqlToken function = next();
            index++;
            boolean count = function.isKeyword("COUNT");
            FieldPath path = count && peek().isSymbol(")") ? null : fieldPath();
            expectSymbol(")");
            String alias = null;
            if (peek().kind() == SoqlToken.Kind.IDENTIFIER && !isReserved(peek())) {
                alias = next().text();
            }
            return new AggregateItem(function.text().toUpperCase(), path, alias, function.offset());
        }
        if (peek().isKeyword("TYPEOF")) {
            throw SoqlErrors.malformed(soql, peek().offset(), "unexpected token: 'TYPEOF' (the emulator does not support TYPEOF)");
        }
        return new FieldItem(fieldPath());
    }

    private FieldPath fieldPath() {
        SoqlToken first = identifier();
        List<String> parts = new ArrayList<>();
        parts.add(first.text());
        while (peek().isSymbol(".")) {
            index++;
            parts.add(identifier().text());
        }
        return new FieldPath(parts, first.offset());
    }

    private Condition condition() {
        Condition first = unary();
        if (!peek().isKeyword("AND") && !peek().isKeyword("OR")) {
            return first;
        }
        String joiner = peek().text().toUpperCase();
        List<Condition> operands = new ArrayList<>();
        operands.add(first);
        while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
            if (!peek().text().equalsIgnoreCase(joiner)) {
                throw SoqlErrors.unexpected(soql, peek());
            }
            index++;
            operands.add(unary());
        }
        return joiner.equals("AND") ? new And(operands) : new Or(operands);
    }

    private Condition unary() {
        if (peek().isKeyword("NOT")) {
            index++;
            return new Not(unary());
        }
        if (peek().isSymbol("(")) {
            index++;
            Condition inner = condition();
            expectSymbol(")");
            return inner;
        }
        return predicate();
    }

    private Condition predicate() {
        FieldPath field = fieldPath();
        SoqlToken token = peek();
        if (token.kind() == SoqlToken.Kind.SYMBOL && OPERATORS.contains(token.text())) {
            index++;
            String operator = token.text().equals("<>") ? "!=" : token.text();
            return new Comparison(field, operator, literal());
        }
        if (token.isKeyword("LIKE")) {
            index++;
            return new Like(field, literal());
        }
        boolean negated = false;
        if (token.isKeyword("NOT") && peekAt(1).isKeyword("IN")) {
            index++;
            negated = true;
        }
        if (peek().isKeyword("IN")) {
            index++;
            SoqlToken open = expectSymbol("(");
            if (peek().isKeyword("SELECT")) {
                SoqlStatement subquery = statement();
                expectSymbol(")");
                return new InSubquery(field, negated, subquery, open.offset());
            }
            List<Literal> values = new ArrayList<>();
            values.add(literal());
            while (peek().isSymbol(",")) {
                index++;
                values.add(literal());
            }
            expectSymbol(")");
            return new InList(field, negated, values);
        }
        if (token.isKeyword("INCLUDES") || token.isKeyword("EXCLUDES")) {
            throw SoqlErrors.malformed(soql, token.offset(), "unexpected token: '" + token.text()
                    + "' (the emulator has no multi-select picklists)");
        }
        throw SoqlErrors.unexpected(soql, token);
    }

    private Literal literal() {
        SoqlToken token = next();
        switch (token.kind()) {
            case STRING:
                return new Literal(LiteralKind.STRING, token.value(), token.text(), token.offset());
            case NUMBER:
                return new Literal(LiteralKind.NUMBER, token.value(), token.text(), token.offset());
            case DATE:
                return new Literal(LiteralKind.DATE, token.value(), token.text(), token.offset());
            case DATETIME:
                return new Literal(LiteralKind.DATETIME, token.value(), token.text(), token.offset());
            case SYMBOL:
                if ((token.isSymbol("-") || token.isSymbol("+")) && peek().kind() == SoqlToken.Kind.NUMBER) {
                    SoqlToken number = next();
                    BigDecimal value = (BigDecimal) number.value();
                    return new Literal(LiteralKind.NUMBER, token.isSymbol("-") ? value.negate() : value,
                            token.text() + number.text(), token.offset());
                }
                throw SoqlErrors.unexpected(soql, token);
            case IDENTIFIER:
                return keywordLiteral(token);
            default:
                throw SoqlErrors.unexpected(soql, token);
        }
    }

    private Literal keywordLiteral(SoqlToken token) {
        String upper = token.text().toUpperCase();
        switch (upper) {
            case "NULL":
                return new Literal(LiteralKind.NULL, null, token.text(), token.offset());
            case "TRUE":
            case "FALSE":
                return new Literal(LiteralKind.BOOLEAN, upper.equals("TRUE"), token.text(), token.offset());
            default:
                break;
        }
        if (RELATIVE_DATES.contains(upper)) {
            return new Literal(LiteralKind.RELATIVE_DATE, new RelativeDate(upper, 0), token.text(), token.offset());
        }
        if (RELATIVE_DATES_WITH_N.contains(upper)) {
            expectSymbol(":");
            SoqlToken amount = next();
            int n = wholeNumber(amount);
            return new Literal(LiteralKind.RELATIVE_DATE, new RelativeDate(upper, n),
                    token.text() + ":" + amount.text(), token.offset());
        }
        throw SoqlErrors.unexpected(soql, token);
    }

    private OrderItem orderItem() {
        FieldPath path = fieldPath();
        boolean descending = false;
        if (peek().isKeyword("ASC") || peek().isKeyword("DESC")) {
            descending = next().text().equalsIgnoreCase("DESC");
        }
        Boolean nullsFirst = null;
        if (peek().isKeyword("NULLS")) {
            index++;
            SoqlToken which = next();
            if (!which.isKeyword("FIRST") && !which.isKeyword("LAST")) {
                throw SoqlErrors.unexpected(soql, which);
            }
            nullsFirst = which.isKeyword("FIRST");
        }
        return new OrderItem(path, descending, nullsFirst);
    }

    private int integer() {
        return wholeNumber(next());
    }

    /** A whole number that fits an int; anything else (a fraction, 99999999999) is an unexpected token. */
    private int wholeNumber(SoqlToken token) {
        if (token.kind() != SoqlToken.Kind.NUMBER || token.text().contains(".")) {
            throw SoqlErrors.unexpected(soql, token);
        }
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw SoqlErrors.unexpected(soql, token);
        }
    }

    private SoqlToken identifier() {
        SoqlToken token = next();
        if (token.kind() != SoqlToken.Kind.IDENTIFIER || isReserved(token)) {
            throw SoqlErrors.unexpected(soql, token);
        }
        return token;
    }

    private static boolean isReserved(SoqlToken token) {
        return RESERVED.contains(token.text().toUpperCase());
    }

    private void expectKeyword(String keyword) {
        SoqlToken token = next();
        if (!token.isKeyword(keyword)) {
            throw SoqlErrors.unexpected(soql, token);
        }
    }

    private SoqlToken expectSymbol(String symbol) {
        SoqlToken token = next();
        if (!token.isSymbol(symbol)) {
            throw SoqlErrors.unexpected(soql, token);
        }
        return token;
    }

    private void expectEnd() {
        if (peek().kind() != SoqlToken.Kind.END) {
            throw SoqlErrors.unexpected(soql, peek());
        }
    }

    private SoqlToken peek() {
        return tokens.get(index);
    }

    private SoqlToken peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private SoqlToken next() {
        SoqlToken token = tokens.get(index);
        if (token.kind() != SoqlToken.Kind.END) {
            index++;
        }
        return token;
    }
}
