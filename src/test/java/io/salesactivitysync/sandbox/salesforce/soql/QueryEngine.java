package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.ChildSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.AggregateSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Evaluation;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.FieldSelection;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Ordering;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Selection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs SOQL against the org: filter, order, offset and limit, then shape each row as Salesforce returns it. */
public final class QueryEngine {

    private final OrgSchema schema;
    private final Clock clock;

    public QueryEngine(OrgSchema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /**
     * @param includeDeleted queryAll: rows in the recycle bin too
     * @throws SoqlException for a statement Salesforce would refuse
     */
    public QueryResult execute(OrgView view, String soql, boolean includeDeleted) {
        BoundQuery query = new QueryBinder(schema, soql).bind(SoqlParser.parse(soql));
        Evaluation evaluation = new Evaluation(view, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        List<StoredRecord> matching = page(query, matchingRecords(view, query, includeDeleted, evaluation).toList());
        if (query.countOnly()) {
            return new QueryResult(List.of(), matching.size());
        }
        if (query.select().stream().anyMatch(s -> s instanceof AggregateSelection)) {
            return new QueryResult(List.of(aggregateRow(query, matching, view)), 1);
        }
        List<QueryRow> rows = new ArrayList<>(matching.size());
        for (StoredRecord record : matching) {
            rows.add(project(record, query, evaluation));
        }
        return new QueryResult(rows, rows.size());
    }

    /**
     * The statement's columns ({@code columns=true}), without running it.
     *
     * @throws SoqlException for a statement Salesforce would refuse
     */
    public Map<String, Object> columns(String soql) {
        return QueryColumns.of(new QueryBinder(schema, soql).bind(SoqlParser.parse(soql)));
    }

    /** The records of the query's object that pass its WHERE, in its ORDER BY (creation order otherwise). */
    static Stream<StoredRecord> matchingRecords(OrgView view, BoundQuery query, boolean includeDeleted,
            Evaluation evaluation) {
        Stream<StoredRecord> records = view.records(query.root().name())
                .filter(r -> includeDeleted || !r.deleted())
                .filter(r -> query.where() == null || query.where().test(r.values(), r.type(), evaluation));
        if (!query.orderBy().isEmpty()) {
            records = records.sorted(comparator(query.orderBy(), view));
        }
        return records;
    }

    private static List<StoredRecord> page(BoundQuery query, List<StoredRecord> records) {
        int from = Math.min(query.offset() == null ? 0 : query.offset(), records.size());
        int to = query.limit() == null ? records.size() : Math.min(records.size(), from + query.limit());
        return records.subList(from, to);
    }

    private static Comparator<StoredRecord> comparator(List<Ordering> orderings, OrgView view) {
        Comparator<StoredRecord> result = null;
        for (Ordering ordering : orderings) {
            Comparator<StoredRecord> next = (a, b) -> {
                Object left = ordering.access().read(a.values(), a.type(), view);
                Object right = ordering.access().read(b.values(), b.type(), view);
                if (left == null || right == null) {
                    if (left == right) {
                        return 0;
                    }
                    return (left == null) == ordering.nullsFirst() ? -1 : 1;
                }
                int compared = ValueComparison.compare(ordering.access().valueType(), left, right);
                return ordering.descending() ? -compared : compared;
            };
            result = result == null ? next : result.thenComparing(next);
        }
        return result;
    }

    private QueryRow aggregateRow(BoundQuery query, List<StoredRecord> matching, OrgView view) {
        Map<String, Object> values = new LinkedHashMap<>();
        int expression = 0;
        for (Selection selection : query.select()) {
            AggregateSelection aggregate = (AggregateSelection) selection;
            String name = aggregate.alias() != null ? aggregate.alias() : "expr" + expression++;
            if (aggregate.access() == null) {
                values.put(name, matching.size());
                continue;
            }
            List<Object> present = matching.stream()
                    .map(r -> aggregate.access().read(r.values(), r.type(), view))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            values.put(name, AggregateFunctions.apply(aggregate.function(), aggregate.access().valueType(), present));
        }
        return new QueryRow("AggregateResult", null, null, values);
    }

    private QueryRow project(StoredRecord record, BoundQuery query, Evaluation evaluation) {
        QueryRow row = new QueryRow(record.type(), record.type(), record.id(), Map.of());
        for (Selection selection : query.select()) {
            if (selection instanceof FieldSelection field) {
                putField(row, record, field.access(), evaluation.view());
            } else if (selection instanceof ChildSelection child) {
                row.values().put(child.relationship().relationshipName(), childRows(record, child, evaluation));
            }
        }
        return row;
    }

    private void putField(QueryRow row, StoredRecord record, FieldAccess access, OrgView view) {
        Map<String, Object> target = row.values();
        StoredRecord current = record;
        for (FieldDefinition hop : access.hops()) {
            String relationship = hop.relationshipName();
            if (target.containsKey(relationship) && target.get(relationship) == null) {
                return;
            }
            StoredRecord parent = FieldAccess.parent(current.values(), hop, view);
            if (parent == null) {
                target.put(relationship, null);
                return;
            }
            QueryRow nested = (QueryRow) target.get(relationship);
            if (nested == null) {
                nested = new QueryRow(hop.polymorphic() ? OrgSchema.NAME_TYPE : parent.type(), parent.type(),
                        parent.id(), Map.of());
                target.put(relationship, nested);
            }
            target = nested.values();
            current = parent;
        }
        target.put(access.field().name(), access.readEnd(current));
    }

    private Object childRows(StoredRecord parent, ChildSelection child, Evaluation evaluation) {
        BoundQuery query = child.query();
        List<StoredRecord> children = page(query, matchingRecords(evaluation.view(), query, false, evaluation)
                .filter(c -> parent.id().equals(c.get(child.relationship().field())))
                .toList());
        if (children.isEmpty()) {
            return null;
        }
        List<QueryRow> rows = new ArrayList<>();
        for (StoredRecord record : children) {
            rows.add(project(record, query, evaluation));
        }
        return new QueryRow.ChildRows(rows);
    }
}
