package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.soql.QueryEngine;
import io.salesactivitysync.sandbox.salesforce.soql.QueryResult;
import io.salesactivitysync.sandbox.salesforce.soql.QueryRow;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code query/?q=}, {@code queryAll/?q=} and {@code query/<locator>-<offset>} (queryMore), in
 * batches of the configured size (2,000 by default, like Salesforce); with {@code columns=true} the
 * statement's columns instead of its rows.
 */
final class QueryResource {

    private static final Pattern LOCATOR = Pattern.compile("(01g[a-zA-Z0-9]{15})-(\\d{1,9})");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)");

    private final QueryEngine engine;
    private final QueryCursors cursors;
    private final int batchSize;

    QueryResource(QueryEngine engine, QueryCursors cursors, int batchSize) {
        this.engine = engine;
        this.cursors = cursors;
        this.batchSize = batchSize;
    }

    RestResponse query(RestRequest request, OrgView org, boolean includeDeleted) {
        String soql = request.parameter("q");
        if (soql == null) {
            throw ApiException.badRequest("MALFORMED_QUERY", "A query string has to be specified");
        }
        QueryResult result;
        try {
            if ("true".equalsIgnoreCase(request.parameter("columns"))) {
                // the columns the statement selects, not its rows (the Salesforce CLI lays its tables out with them)
                return RestResponse.ok(JsonValues.MAPPER.valueToTree(engine.columns(soql)));
            }
            result = engine.execute(org, soql, includeDeleted);
        } catch (SoqlException e) {
            throw new ApiException(400, ApiError.of(e.errorCode(), e.getMessage()));
        }
        int size = batchSize(request.queryOptions());
        List<QueryRow> rows = result.rows();
        if (rows.size() <= size) {
            return RestResponse.ok(RecordJson.queryResult(request.apiVersion(), rows, result.totalSize(), true, null));
        }
        String locator = cursors.open(rows, result.totalSize());
        return RestResponse.ok(RecordJson.queryResult(request.apiVersion(), rows.subList(0, size), result.totalSize(),
                false, request.versionPath("query/" + locator + "-" + size)));
    }

    RestResponse queryMore(RestRequest request, String locatorSegment) {
        Matcher matcher = LOCATOR.matcher(locatorSegment);
        QueryCursors.Cursor cursor = matcher.matches() ? cursors.find(matcher.group(1)).orElse(null) : null;
        if (cursor == null) {
            throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        int from = Math.min(Integer.parseInt(matcher.group(2)), cursor.rows().size());
        int to = Math.min(cursor.rows().size(), from + batchSize(request.queryOptions()));
        boolean done = to >= cursor.rows().size();
        String next = done ? null : request.versionPath("query/" + matcher.group(1) + "-" + to);
        return RestResponse.ok(RecordJson.queryResult(request.apiVersion(), cursor.rows().subList(from, to),
                cursor.totalSize(), done, next));
    }

    /** The batch size: the {@code Sforce-Query-Options: batchSize=n} hint (200..2000), else the configured one. */
    private int batchSize(String queryOptions) {
        if (queryOptions != null) {
            Matcher matcher = BATCH_SIZE.matcher(queryOptions);
            if (matcher.find()) {
                String digits = matcher.group(1).replaceFirst("^0+(?=\\d)", "");
                // anything past 2,000 is 2,000, however many digits it has
                return digits.length() > 4 ? 2000 : Math.max(200, Math.min(2000, Integer.parseInt(digits)));
            }
        }
        return batchSize;
    }
}
