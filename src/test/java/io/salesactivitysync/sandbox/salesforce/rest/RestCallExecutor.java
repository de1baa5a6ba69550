package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.sandbox.salesforce.admin.ApiCallCounter;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.OrgStore;
import io.salesactivitysync.sandbox.salesforce.org.TransactionOrigin;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one REST call as one transaction and turns every outcome into a Salesforce answer: the
 * resource's response, an error array, a 300 list of URLs, or (for a bug) 500
 * {@code UNKNOWN_EXCEPTION} with an error id, never a stack trace.
 */
public final class RestCallExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RestCallExecutor.class);

    private final OrgStore store;
    private final RestDispatcher dispatcher;
    private final ApiCallCounter counter;

    public RestCallExecutor(OrgStore store, RestDispatcher dispatcher, ApiCallCounter counter) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.counter = counter;
    }

    public RestResponse execute(RestRequest request, TransactionOrigin origin) {
        try {
            RestDispatcher.Route route = dispatcher.route(request);
            counter.record(route.kind());
            return store.inTransaction(origin, tx -> route.handler().apply(request, tx));
        } catch (SObjectResource.MultipleChoicesException e) {
            return new RestResponse(300, e.urls(), Map.of());
        } catch (ApiException e) {
            return new RestResponse(e.status(), JsonValues.errors(e.errors()), Map.of());
        } catch (RuntimeException e) {
            String errorId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + "-"
                    + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000L);
            LOG.error("Emulator bug answering {} {} (ErrorId {})", request.method(), request.path(), errorId, e);
            return new RestResponse(500, JsonValues.errors(List.of(ApiError.of("UNKNOWN_EXCEPTION",
                    "An unexpected error occurred. Please include this ErrorId if you contact support: " + errorId))),
                    Map.of());
        }
    }
}
