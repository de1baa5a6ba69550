package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import java.time.Instant;
import java.time.LocalDate;

/** Orders two non-null values of one field type as SOQL does: text case-insensitively, ids exactly. */
final class ValueComparison {

    private ValueComparison() {
    }

    static int compare(FieldType type, Object left, Object right) {
        if (type.isIdLike()) {
            return left.toString().compareTo(right.toString());
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareToIgnoreCase(b);
        }
        if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof LocalDate a && right instanceof LocalDate b) {
            return a.compareTo(b);
        }
        if (left instanceof Instant a && right instanceof Instant b) {
            return a.compareTo(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return a.compareTo(b);
        }
        return left.toString().compareTo(right.toString());
    }
}
