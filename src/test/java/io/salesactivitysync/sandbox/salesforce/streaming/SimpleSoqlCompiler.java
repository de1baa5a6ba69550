package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.soql.CompiledQuery;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlCompiler;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough SOQL for PushTopic tests: {@code SELECT a, b FROM X [WHERE f = v [AND g != w ...]]}
 * with string, boolean, number and null literals. The emulator's real compiler lives elsewhere.
 */
final class SimpleSoqlCompiler implements SoqlCompiler {

    private static final Pattern QUERY = Pattern.compile(
            "(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.+?))?\\s*");
    private static final Pattern CONDITION = Pattern.compile("(?is)\\s*(\\w+)\\s*(=|!=)\\s*('(?:[^'\\\\]|\\\\.)*'|\\S+)\\s*");

    @Override
    public CompiledQuery compile(String soql) {
        Matcher query = QUERY.matcher(soql);
        if (!query.matches()) {
            throw new SoqlException("MALFORMED_QUERY", "unexpected token in: " + soql);
        }
        List<String> select = new ArrayList<>();
        for (String field : query.group(1).split(",")) {
            select.add(field.trim());
        }
        List<Condition> conditions = new ArrayList<>();
        if (query.group(3) != null) {
            for (String part : query.group(3).split("(?i)\\s+AND\\s+")) {
                Matcher condition = CONDITION.matcher(part);
                if (!condition.matches()) {
                    throw new SoqlException("MALFORMED_QUERY", "unexpected token: " + part);
                }
                conditions.add(new Condition(condition.group(1), "!=".equals(condition.group(2)), literal(condition.group(3))));
            }
        }
        return new Query(query.group(2), List.copyOf(select), conditions);
    }

    private static Object literal(String text) {
        if (text.startsWith("'")) {
            return text.substring(1, text.length() - 1).replace("\\'", "'");
        }
        if ("null".equalsIgnoreCase(text)) {
            return null;
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.valueOf(text);
        }
        return Double.valueOf(text);
    }

    private record Condition(String field, boolean negated, Object value) {

        boolean test(Map<String, Object> record) {
            Object actual = record.get(field);
            boolean equal = actual instanceof Number number && value instanceof Number expected
                    ? number.doubleValue() == expected.doubleValue()
                    : Objects.equals(actual, value);
            return equal != negated;
        }
    }

    private record Query(String entityName, List<String> selectFields, List<Condition> conditions) implements CompiledQuery {

        @Override
        public Set<String> whereFields() {
            Set<String> fields = new LinkedHashSet<>();
            conditions.forEach(condition -> fields.add(condition.field()));
            return fields;
        }

        @Override
        public boolean matches(Map<String, Object> record) {
            return conditions.stream().allMatch(condition -> condition.test(record));
        }

        @Override
        public Map<String, Object> project(Map<String, Object> record) {
            Map<String, Object> projection = new LinkedHashMap<>();
            selectFields.forEach(field -> projection.put(field, record.get(field)));
            return projection;
        }
    }
}
