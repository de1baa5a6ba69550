package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.ChildRelationship;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.ChildSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.AggregateSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.FieldSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Ordering;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Selection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Test;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a parsed statement against the schema and turns it into a {@link BoundQuery}. */
final class QueryBinder {

    private static final int MAX_OFFSET = 2000;
    private static final int MAX_FILTERABLE_TEXT = 255;

    private final OrgSchema schema;
    private final String soql;

    QueryBinder(OrgSchema schema, String soql) {
        this.schema = schema;
        this.soql = soql;
    }

    BoundQuery bind(SoqlStatement statement) {
        SObjectType root = schema.type(statement.from()).orElseThrow(() -> SoqlErrors.at("INVALID_TYPE", soql,
                statement.fromOffset(), "sObject type '" + statement.from() + "' is not supported. If you are "
                        + "attempting to use a custom object, be sure to append the '__c' after the entity name. "
                        + "Please reference your WSDL or the describe call for the appropriate names."));
        return bind(statement, root);
    }

    private BoundQuery bind(SoqlStatement statement, SObjectType root) {
        List<Selection> select = new ArrayList<>();
        boolean aggregate = false;
        FieldPath firstPlainField = null;
        for (SelectItem item : statement.select()) {
            if (item instanceof FieldItem field) {
                select.add(new FieldSelection(access(root, field.path())));
                firstPlainField = firstPlainField == null ? field.path() : firstPlainField;
            } else if (item instanceof SubqueryItem subquery) {
                select.add(childSelection(root, subquery.query()));
            } else if (item instanceof AggregateItem function) {
                aggregate = true;
                select.add(aggregate(root, function));
            }
        }
        if (aggregate && firstPlainField != null) {
            throw SoqlErrors.malformed(soql, firstPlainField.offset(),
                    "Field must be grouped or aggregated: " + firstPlainField.text());
        }
        // Salesforce refuses both (SOQL reference, LIMIT and COUNT()): an aggregate without GROUP BY
        // is one row, and COUNT() returns no rows to sort
        if (aggregate && statement.limit() != null) {
            throw SoqlErrors.malformed(soql, statement.limitOffset(),
                    "A query with an aggregate function and no GROUP BY cannot use LIMIT");
        }
        if (statement.countOnly() && !statement.orderBy().isEmpty()) {
            throw new SoqlException("MALFORMED_QUERY", "COUNT() and ORDER BY may not be used together.");
        }
        Test where = statement.where() == null ? null : condition(root, statement.where());
        List<Ordering> orderBy = new ArrayList<>();
        for (OrderItem item : statement.orderBy()) {
            FieldAccess access = access(root, item.path());
            if (isLongText(access.field())) {
                throw SoqlErrors.at("INVALID_FIELD", soql, item.path().offset(),
                        "field '" + access.field().name() + "' can not be sorted in a query call");
            }
            // "By default, null values are sorted first" (SOQL reference, ORDER BY), whatever the direction
            boolean nullsFirst = item.nullsFirst() == null || item.nullsFirst();
            orderBy.add(new Ordering(access, item.descending(), nullsFirst));
        }
        if (statement.offset() != null && statement.offset() > MAX_OFFSET) {
            throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
        }
        return new BoundQuery(root, select, statement.countOnly(), where, orderBy, statement.limit(), statement.offset());
    }

    private AggregateSelection aggregate(SObjectType root, AggregateItem item) {
        FieldAccess access = item.path() == null ? null : access(root, item.path());
        if (access != null) {
            FieldType type = access.valueType();
            boolean allowed = switch (item.function()) {
                case "SUM", "AVG" -> type.isNumber();
                case "MIN", "MAX" -> type != FieldType.BOOLEAN && !isLongText(access.field());
                default -> !isLongText(access.field());
            };
            if (!allowed) {
                throw SoqlErrors.malformed(soql, item.offset(), "field " + access.field().name()
                        + " does not support aggregate operator " + item.function());
            }
        }
        return new AggregateSelection(item.function(), access, item.alias());
    }

    private ChildSelection childSelection(SObjectType parent, SoqlStatement subquery) {
        ChildRelationship relationship = parent.childRelationship(subquery.from()).orElseThrow(() ->
                SoqlErrors.at("INVALID_TYPE", soql, subquery.fromOffset(), "Didn't understand relationship '"
                        + subquery.from() + "' in FROM part of query call. If you are attempting to use a custom "
                        + "relationship, be sure to append the '__r' after the custom relationship name. Please "
                        + "reference your WSDL or the describe call for the appropriate names."));
        return new ChildSelection(relationship, bind(subquery, schema.require(relationship.childSObject())));
    }

    FieldAccess access(SObjectType root, FieldPath path) {
        List<FieldDefinition> hops = new ArrayList<>();
        SObjectType current = root;
        boolean onNameType = false;
        List<String> parts = path.parts();
        for (int i = 0; i < parts.size() - 1; i++) {
            String relationshipName = parts.get(i);
            SObjectType owner = current;
            FieldDefinition hop = owner.relationship(relationshipName).orElseThrow(() -> SoqlErrors.at(
                    "INVALID_FIELD", soql, path.offset(), "Didn't understand relationship '" + relationshipName
                            + "' in field path. If you are attempting to use a custom relationship, be sure to append "
                            + "the '__r' after the custom relationship name. Please reference your WSDL or the "
                            + "describe call for the appropriate names."));
            hops.add(hop);
            current = schema.relationshipTarget(hop);
            onNameType = hop.polymorphic();
        }
        String fieldName = parts.get(parts.size() - 1);
        SObjectType owner = current;
        FieldDefinition field = owner.field(fieldName).orElseThrow(() -> SoqlErrors.at("INVALID_FIELD", soql,
                path.offset(), "No such column '" + fieldName + "' on entity '" + owner.name() + "'. If you are "
                        + "attempting to use a custom field, be sure to append the '__c' after the custom field name. "
                        + "Please reference your WSDL or the describe call for the appropriate names."));
        return new FieldAccess(hops, field, onNameType);
    }

    private Test condition(SObjectType root, Condition condition) {
        if (condition instanceof And and) {
            List<Test> tests = and.operands().stream().map(c -> condition(root, c)).toList();
            return (values, type, evaluation) -> tests.stream().allMatch(t -> t.test(values, type, evaluation));
        }
        if (condition instanceof Or or) {
            List<Test> tests = or.operands().stream().map(c -> condition(root, c)).toList();
            return (values, type, evaluation) -> tests.stream().anyMatch(t -> t.test(values, type, evaluation));
        }
        if (condition instanceof Not not) {
            Test inner = condition(root, not.operand());
            return (values, type, evaluation) -> !inner.test(values, type, evaluation);
        }
        if (condition instanceof Comparison comparison) {
            return comparison(root, comparison);
        }
        if (condition instanceof InList in) {
            return inList(root, in);
        }
        if (condition instanceof Like like) {
            return like(root, like);
        }
        return semiJoin(root, (InSubquery) condition);
    }

    private FieldAccess filterable(SObjectType root, FieldPath path) {
        FieldAccess access = access(root, path);
        if (isLongText(access.field())) {
            throw SoqlErrors.at("INVALID_FIELD", soql, path.offset(),
                    "field '" + access.field().name() + "' can not be filtered in a query call");
        }
        return access;
    }

    private static boolean isLongText(FieldDefinition field) {
        return field.type() == FieldType.TEXTAREA && field.length() > MAX_FILTERABLE_TEXT;
    }

    private Test comparison(SObjectType root, Comparison comparison) {
        FieldAccess access = filterable(root, comparison.field());
        FieldType type = access.valueType();
        String operator = comparison.operator();
        Literal literal = comparison.value();
        if (literal.kind() == LiteralKind.NULL) {
            if (!operator.equals("=") && !operator.equals("!=")) {
                throw SoqlErrors.at("INVALID_FIELD", soql, literal.offset(),
                        "invalid operator on null value: " + operator);
            }
            boolean wantNull = operator.equals("=");
            return (values, t, evaluation) -> (access.read(values, t, evaluation.view()) == null) == wantNull;
        }
        if (literal.kind() == LiteralKind.RELATIVE_DATE) {
            requireDateField(access, literal);
            RelativeDate relative = (RelativeDate) literal.value();
            return (values, t, evaluation) -> inRelativeRange(access.read(values, t, evaluation.view()), operator,
                    RelativeDateRange.of(relative, evaluation.today()));
        }
        Object expected = typed(access, literal);
        IntPredicate accepts = switch (operator) {
            case "=" -> c -> c == 0;
            case "!=" -> c -> c != 0;
            case "<" -> c -> c < 0;
            case ">" -> c -> c > 0;
            case "<=" -> c -> c <= 0;
            default -> c -> c >= 0;
        };
        return (values, t, evaluation) -> {
            Object actual = access.read(values, t, evaluation.view());
            if (actual == null) {
                return operator.equals("!=");
            }
            return accepts.test(ValueComparison.compare(type, actual, expected));
        };
    }

    private Test inList(SObjectType root, InList in) {
        FieldAccess access = filterable(root, in.field());
        FieldType type = access.valueType();
        List<Object> expected = new ArrayList<>();
        for (Literal literal : in.values()) {
            expected.add(literal.kind() == LiteralKind.NULL ? null : typed(access, literal));
        }
        return (values, t, evaluation) -> {
            Object actual = access.read(values, t, evaluation.view());
            boolean found = expected.stream().anyMatch(e -> e == null ? actual == null
                    : actual != null && ValueComparison.compare(type, actual, e) == 0);
            return found != in.negated();
        };
    }

    private Test like(SObjectType root, Like like) {
        FieldAccess access = filterable(root, like.field());
        if (like.pattern().kind() != LiteralKind.STRING || !access.valueType().isText()) {
            throw mismatch(access, like.pattern());
        }
        Pattern pattern = Pattern.compile(((SoqlString) like.pattern().value()).likePattern(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        return (values, t, evaluation) -> {
            Object actual = access.read(values, t, evaluation.view());
            return actual != null && pattern.matcher(actual.toString()).matches();
        };
    }

    private Test semiJoin(SObjectType root, InSubquery in) {
        FieldAccess access = filterable(root, in.field());
        BoundQuery subquery = bind(in.query());
        boolean selectsOneId = subquery.select().size() == 1 && subquery.select().get(0) instanceof FieldSelection f
                && f.access().valueType().isIdLike();
        if (!access.valueType().isIdLike() || !selectsOneId) {
            throw SoqlErrors.malformed(soql, in.offset(),
                    "The inner and outer selects should have the same type: a single Id or reference field");
        }
        FieldAccess innerAccess = ((FieldSelection) subquery.select().get(0)).access();
        return (values, t, evaluation) -> {
            if (evaluation.view() == null) {
                return in.negated();
            }
            Set<String> ids = evaluation.semiJoins().computeIfAbsent(in, key -> {
                Set<String> found = new HashSet<>();
                QueryEngine.matchingRecords(evaluation.view(), subquery, false, evaluation)
                        .forEach(r -> found.add((String) innerAccess.read(r.values(), r.type(), evaluation.view())));
                found.remove(null);
                return found;
            });
            Object actual = access.read(values, t, evaluation.view());
            return (actual != null && ids.contains(actual)) != in.negated();
        };
    }

    private void requireDateField(FieldAccess access, Literal literal) {
        FieldType type = access.valueType();
        if (type != FieldType.DATE && type != FieldType.DATETIME) {
            throw mismatch(access, literal);
        }
    }

    private static boolean inRelativeRange(Object actual, String operator, RelativeDateRange range) {
        if (actual == null) {
            return operator.equals("!=");
        }
        LocalDate day = actual instanceof Instant instant ? instant.atZone(ZoneOffset.UTC).toLocalDate() : (LocalDate) actual;
        boolean before = day.isBefore(range.start());
        boolean after = !day.isBefore(range.end());
        return switch (operator) {
            case "=" -> !before && !after;
            case "!=" -> before || after;
            case "<" -> before;
            case "<=" -> !after;
            case ">" -> after;
            default -> !before;
        };
    }

    /** The literal as a value of the field's type, or Salesforce's complaint about the mismatch. */
    private Object typed(FieldAccess access, Literal literal) {
        FieldType type = access.valueType();
        switch (literal.kind()) {
            case STRING -> {
                String text = ((SoqlString) literal.value()).value();
                if (type.isIdLike()) {
                    return SalesforceId.normalize(text).orElseThrow(() -> SoqlErrors.at(
                            "INVALID_QUERY_FILTER_OPERATOR", soql, literal.offset(), "invalid ID field: " + text));
                }
                if (type.isText()) {
                    return text;
                }
            }
            case NUMBER -> {
                if (type.isNumber()) {
                    return ((BigDecimal) literal.value()).doubleValue();
                }
            }
            case BOOLEAN -> {
                if (type == FieldType.BOOLEAN) {
                    return literal.value();
                }
            }
            case DATE -> {
                if (type == FieldType.DATE) {
                    return literal.value();
                }
            }
            case DATETIME -> {
                if (type == FieldType.DATETIME) {
                    return literal.value();
                }
            }
            default -> {
                // a mismatch, reported below
            }
        }
        throw mismatch(access, literal);
    }

    private SoqlException mismatch(FieldAccess access, Literal literal) {
        FieldType type = access.valueType();
        String typeName = type == FieldType.DATETIME ? "dateTime" : type.describeName();
        String quoting = type.isText() || type.isIdLike() ? "should be enclosed in quotes" : "should not be enclosed in quotes";
        return SoqlErrors.at("INVALID_FIELD", soql, literal.offset(), "value of filter criterion for field '"
                + access.field().name() + "' must be of type " + typeName + " and " + quoting);
    }

    /** Canonical names of the plain fields a condition refers to, for PushTopic notifications. */
    static Set<String> referencedFields(SObjectType root, Condition condition, QueryBinder binder) {
        List<FieldPath> paths = new ArrayList<>();
        collectPaths(condition, paths);
        return paths.stream().map(p -> binder.access(root, p)).filter(a -> a.hops().isEmpty())
                .map(a -> a.field().name()).filter(Objects::nonNull).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static void collectPaths(Condition condition, List<FieldPath> paths) {
        if (condition instanceof And and) {
            and.operands().forEach(c -> collectPaths(c, paths));
        } else if (condition instanceof Or or) {
            or.operands().forEach(c -> collectPaths(c, paths));
        } else if (condition instanceof Not not) {
            collectPaths(not.operand(), paths);
        } else if (condition instanceof Comparison comparison) {
            paths.add(comparison.field());
        } else if (condition instanceof InList in) {
            paths.add(in.field());
        } else if (condition instanceof Like like) {
            paths.add(like.field());
        } else if (condition instanceof InSubquery in) {
            paths.add(in.field());
        }
    }
}
