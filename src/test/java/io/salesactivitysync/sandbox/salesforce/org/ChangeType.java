package io.salesactivitysync.sandbox.salesforce.org;

/** What happened to a record, as Change Data Capture names it (the GAP_* kinds are streaming-only). */
public enum ChangeType {
    CREATE,
    UPDATE,
    DELETE,
    UNDELETE
}
