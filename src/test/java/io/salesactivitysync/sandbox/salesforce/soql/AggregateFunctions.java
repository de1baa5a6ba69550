package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import java.util.HashSet;
import java.util.List;

/** COUNT, COUNT_DISTINCT, MIN, MAX, SUM and AVG over the non-null values of one field. */
final class AggregateFunctions {

    private AggregateFunctions() {
    }

    static Object apply(String function, FieldType type, List<Object> values) {
        return switch (function) {
            case "COUNT" -> values.size();
            case "COUNT_DISTINCT" -> new HashSet<>(values.stream()
                    .map(v -> v instanceof String text && !type.isIdLike() ? text.toLowerCase() : v).toList()).size();
            case "MIN" -> values.stream().min((a, b) -> ValueComparison.compare(type, a, b)).orElse(null);
            case "MAX" -> values.stream().max((a, b) -> ValueComparison.compare(type, a, b)).orElse(null);
            case "SUM" -> values.isEmpty() ? null : values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
            case "AVG" -> values.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().stream().boxed()
                    .findFirst().orElse(null);
            default -> throw new IllegalArgumentException("Unknown aggregate " + function);
        };
    }
}
