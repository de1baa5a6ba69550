package io.salesactivitysync.sandbox.salesforce.camel;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** Query results of Tasks. */
public class QueryRecordsTask extends AbstractQueryRecordsBase<Task> {
}
