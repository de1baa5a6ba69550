package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.Evaluation;
import io.salesactivitysync.sandbox.salesforce.soql.BoundQuery.FieldSelection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles SOQL against the org's schema into queries that judge one record at a time (PushTopics). */
public final class SchemaSoqlCompiler implements SoqlCompiler {

    private final OrgSchema schema;
    private final Clock clock;

    public SchemaSoqlCompiler(OrgSchema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    @Override
    public CompiledQuery compile(String soql) {
        SoqlStatement statement = SoqlParser.parse(soql);
        QueryBinder binder = new QueryBinder(schema, soql);
        BoundQuery query = binder.bind(statement);
        List<String> selectFields = query.select().stream()
                .filter(s -> s instanceof FieldSelection)
                .map(s -> ((FieldSelection) s).access().canonicalPath())
                .toList();
        Set<String> whereFields = statement.where() == null ? Set.of()
                : QueryBinder.referencedFields(query.root(), statement.where(), binder);
        return new RecordQuery(query, selectFields, whereFields);
    }

    private final class RecordQuery implements CompiledQuery {
        private final BoundQuery query;
        private final List<String> selectFields;
        private final Set<String> whereFields;

        private RecordQuery(BoundQuery query, List<String> selectFields, Set<String> whereFields) {
            this.query = query;
            this.selectFields = selectFields;
            this.whereFields = whereFields;
        }

        @Override
        public String entityName() {
            return query.root().name();
        }

        @Override
        public List<String> selectFields() {
            return selectFields;
        }

        @Override
        public Set<String> whereFields() {
            return whereFields;
        }

        @Override
        public boolean matches(Map<String, Object> record) {
            if (query.where() == null) {
                return true;
            }
            Evaluation evaluation = new Evaluation(null, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            return query.where().test(record, query.root().name(), evaluation);
        }

        @Override
        public Map<String, Object> project(Map<String, Object> record) {
            Map<String, Object> projected = new LinkedHashMap<>();
            for (String field : selectFields) {
                projected.put(field, record.get(field));
            }
            return projected;
        }
    }
}
