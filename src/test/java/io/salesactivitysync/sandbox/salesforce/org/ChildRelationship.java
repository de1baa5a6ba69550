package io.salesactivitysync.sandbox.salesforce.org;

/** A child relationship as describe lists it, e.g. Account's {@code Contacts} through {@code Contact.AccountId}. */
public record ChildRelationship(String childSObject, String field, String relationshipName, boolean cascadeDelete) {
}
