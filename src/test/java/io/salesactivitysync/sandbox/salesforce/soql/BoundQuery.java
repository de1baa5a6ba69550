package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.ChildRelationship;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A statement checked against the schema: every field resolved, every literal typed. */
record BoundQuery(
        SObjectType root,
        List<Selection> select,
        boolean countOnly,
        Test where,
        List<Ordering> orderBy,
        Integer limit,
        Integer offset) {

    sealed interface Selection permits FieldSelection, ChildSelection, AggregateSelection {
    }

    record FieldSelection(FieldAccess access) implements Selection {
    }

    record ChildSelection(ChildRelationship relationship, BoundQuery query) implements Selection {
    }

    /** @param access null for {@code COUNT()} of rows */
    record AggregateSelection(String function, FieldAccess access, String alias) implements Selection {
    }

    record Ordering(FieldAccess access, boolean descending, boolean nullsFirst) {
    }

    /** A WHERE condition, evaluated on one record. */
    @FunctionalInterface
    interface Test {
        boolean test(Map<String, Object> values, String type, Evaluation evaluation);
    }

    /**
     * What evaluating a condition may need besides the record: the org (for parent fields and
     * semi-joins; null when matching a lone record), today's date, and semi-join results.
     */
    static final class Evaluation {
        private final OrgView view;
        private final LocalDate today;
        private final Map<Object, Set<String>> semiJoins = new IdentityHashMap<>();

        Evaluation(OrgView view, LocalDate today) {
            this.view = view;
            this.today = today;
        }

        OrgView view() {
            return view;
        }

        LocalDate today() {
            return today;
        }

        Map<Object, Set<String>> semiJoins() {
            return semiJoins;
        }
    }
}
