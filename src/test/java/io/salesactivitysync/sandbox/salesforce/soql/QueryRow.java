package io.salesactivitysync.sandbox.salesforce.soql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of a query result, before JSON rendering. Values are typed scalars, nested
 * {@link QueryRow}s (parent relationships), {@link ChildRows} (child subqueries) or null.
 *
 * @param attributesType the {@code attributes.type}: the sObject, {@code Name} for a polymorphic
 *                       relationship, {@code AggregateResult} for aggregates
 * @param urlType        the sObject in {@code attributes.url}; null when there is no url
 */
public record QueryRow(String attributesType, String urlType, String id, Map<String, Object> values) {

    public QueryRow {
        values = new LinkedHashMap<>(values);
    }

    /** The records of a child relationship subquery. */
    public record ChildRows(List<QueryRow> records) {
    }
}
