package io.salesactivitysync.sandbox.salesforce.soql;

import java.util.List;

/** All rows of a query (paging is the REST layer's job) and the total it reports. */
public record QueryResult(List<QueryRow> rows, int totalSize) {
}
