package io.salesactivitysync.sandbox.salesforce.org;

/** A rule a record must satisfy before it is written, beyond what its field definitions say. */
@FunctionalInterface
public interface RecordCheck {

    /** Throws {@link ApiException} when the record, as it would be saved, is refused. */
    void check(OrgView org, StoredRecord candidate);
}
