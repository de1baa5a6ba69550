package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.sandbox.salesforce.admin.ApiCallCounter;
import io.salesactivitysync.sandbox.salesforce.admin.ApiUsage;
import io.salesactivitysync.sandbox.salesforce.admin.FaultInjector;
import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import io.salesactivitysync.sandbox.salesforce.org.FieldLevelSecurity;
import io.salesactivitysync.sandbox.salesforce.org.OrgStore;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.soql.QueryEngine;
import java.time.Clock;

/** Assembles the REST resources over one org. */
public final class RestApi {

    private final RestCallExecutor executor;
    private final ApiUsage usage;

    public RestApi(OrgStore store, RecordWriter writer, FieldLevelSecurity fieldLevelSecurity, Clock clock,
            int queryBatchSize, ApiUsage usage, ApiCallCounter counter) {
        this.usage = usage;
        RestDispatcher dispatcher = new RestDispatcher(store.schema(), writer,
                new DescribeResource(store.schema(), fieldLevelSecurity),
                new QueryResource(new QueryEngine(store.schema(), clock), new QueryCursors(clock), queryBatchSize),
                new LimitsResource(usage));
        this.executor = new RestCallExecutor(store, dispatcher, counter);
    }

    /** Runs calls without HTTP, e.g. the admin API's writes as another user. */
    public RestCallExecutor executor() {
        return executor;
    }

    public RestApiServlet servlet(AccessTokenValidator tokens, FaultInjector faults) {
        return new RestApiServlet(executor, tokens, usage, faults);
    }
}
