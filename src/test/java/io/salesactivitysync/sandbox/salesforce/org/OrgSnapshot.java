package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;

/** The whole org at one commit: what the state file keeps. */
public record OrgSnapshot(List<StoredRecord> records, long lastIssuedId, long commitNumber) {

    public static OrgSnapshot empty() {
        return new OrgSnapshot(List.of(), 0, 0);
    }
}
