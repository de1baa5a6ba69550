package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;

/**
 * Told of every committed write, one call per transaction, in commit order, after the data is
 * visible to queries. A transaction is one REST call (a composite or collections request is one
 * transaction; with {@code allOrNone=false} only its successful records are in it).
 */
@FunctionalInterface
public interface OrgChangeListener {

    void onCommit(List<RecordChange> transaction);
}
