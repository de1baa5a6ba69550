package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.AggregateSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.ChildSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.FieldSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the query resource answers to {@code columns=true} instead of rows: the statement's
 * columns, which the Salesforce CLI asks for to lay out {@code sf data query}. A parent field
 * ({@code Who.Name}) is a column of the relationship with the field among its {@code joinColumns};
 * a child subquery is an aggregate column whose {@code joinColumns} are the subquery's.
 */
final class QueryColumns {

    private QueryColumns() {
    }

    static Map<String, Object> of(BoundQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("columnMetadata", columns(query));
        body.put("entityName", query.root().name());
        body.put("groupBy", false);
        body.put("idSelected", query.select().stream().anyMatch(s -> s instanceof FieldSelection field
                && field.access().hops().isEmpty() && field.access().field().name().equals("Id")));
        body.put("keyPrefix", query.root().keyPrefix());
        return body;
    }

    private static List<Map<String, Object>> columns(BoundQuery query) {
        List<Map<String, Object>> columns = new ArrayList<>();
        int expression = 0;
        for (Selection selection : query.select()) {
            if (selection instanceof FieldSelection field) {
                addField(columns, field.access().hops(), field.access().field(), "");
            } else if (selection instanceof ChildSelection child) {
                String name = child.relationship().relationshipName();
                columns.add(column(true, null, name, false, name, null, false, columns(child.query()), null, false));
            } else if (selection instanceof AggregateSelection aggregate) {
                String name = aggregate.alias() != null ? aggregate.alias() : "expr" + expression++;
                String argument = aggregate.access() == null ? "" : aggregate.access().canonicalPath();
                String apexType = aggregate.function().equalsIgnoreCase("COUNT") || aggregate.access() == null
                        ? "Integer" : apexType(aggregate.access().valueType());
                columns.add(column(true, apexType, name, false, aggregate.function().toUpperCase() + "(" + argument + ")",
                        null, false, List.of(), null, false));
            }
        }
        return columns;
    }

    /** Adds the field under the relationship columns of its path, merging fields that share a relationship. */
    @SuppressWarnings("unchecked")
    private static void addField(List<Map<String, Object>> columns, List<FieldDefinition> hops, FieldDefinition field,
            String prefix) {
        if (hops.isEmpty()) {
            columns.add(column(false, apexType(field.type()), field.name(), custom(field), prefix + field.name(), null,
                    field.createable(), List.of(), field.type(), field.updateable()));
            return;
        }
        FieldDefinition reference = hops.get(0);
        String relationship = reference.relationshipName();
        Map<String, Object> parent = columns.stream().filter(c -> relationship.equals(c.get("columnName"))
                && Boolean.FALSE.equals(c.get("aggregate"))).findFirst().orElse(null);
        if (parent == null) {
            parent = column(false, null, relationship, custom(reference), prefix + relationship, reference.name(),
                    reference.createable(), new ArrayList<>(), null, reference.updateable());
            columns.add(parent);
        }
        addField((List<Map<String, Object>>) parent.get("joinColumns"), hops.subList(1, hops.size()), field,
                prefix + relationship + ".");
    }

    private static Map<String, Object> column(boolean aggregate, String apexType, String columnName, boolean custom,
            String displayName, String foreignKeyName, boolean insertable, List<Map<String, Object>> joinColumns,
            FieldType type, boolean updatable) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("aggregate", aggregate);
        column.put("apexType", apexType);
        column.put("booleanType", type == FieldType.BOOLEAN);
        column.put("columnName", columnName);
        column.put("custom", custom);
        column.put("displayName", displayName);
        column.put("foreignKeyName", foreignKeyName);
        column.put("insertable", insertable);
        column.put("joinColumns", joinColumns);
        column.put("numberType", type != null && type.isNumber());
        column.put("textType", type != null && type.isText() && type != FieldType.ID && type != FieldType.REFERENCE);
        column.put("updatable", updatable);
        return column;
    }

    private static boolean custom(FieldDefinition field) {
        return field.name().endsWith("__c");
    }

    /** The Apex type a field's values have. */
    private static String apexType(FieldType type) {
        return switch (type) {
            case ID, REFERENCE -> "Id";
            case BOOLEAN -> "Boolean";
            case DATE -> "Date";
            case DATETIME -> "Datetime";
            case DOUBLE, PERCENT -> "Double";
            case CURRENCY -> "Decimal";
            case INT -> "Integer";
            default -> "String";
        };
    }
}
