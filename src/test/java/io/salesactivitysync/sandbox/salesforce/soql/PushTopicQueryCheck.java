package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.org.RecordCheck;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import java.util.List;

/** A PushTopic's Query must be SOQL the org understands, and must select Id, before the topic is saved. */
public final class PushTopicQueryCheck implements RecordCheck {

    private final SoqlCompiler compiler;

    public PushTopicQueryCheck(SoqlCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public void check(OrgView org, StoredRecord candidate) {
        if (!candidate.type().equals("PushTopic") || candidate.get("Query") == null) {
            return;
        }
        CompiledQuery query;
        try {
            query = compiler.compile((String) candidate.get("Query"));
        } catch (SoqlException e) {
            throw ApiException.onFields(e.errorCode(), e.getMessage(), List.of("Query"));
        }
        if (!query.selectFields().contains("Id")) {
            throw ApiException.onFields("INVALID_FIELD", "The SELECT statement's field list must include Id.",
                    List.of("Query"));
        }
    }
}
