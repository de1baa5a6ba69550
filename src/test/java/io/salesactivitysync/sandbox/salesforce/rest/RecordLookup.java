package io.salesactivitysync.sandbox.salesforce.rest;

import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import java.util.List;

/** Finds the record a URL names, answering Salesforce's errors for bad, missing and deleted ids. */
final class RecordLookup {

    private RecordLookup() {
    }

    static SObjectType type(OrgView org, String name) {
        return org.schema().type(name).orElseThrow(ApiException::notFound);
    }

    /**
     * The live record of the type with this id. A text that is not id-shaped is taken, as Salesforce
     * takes it, for an external id field name.
     */
    static StoredRecord live(OrgView org, SObjectType type, String idText) {
        StoredRecord record = any(org, type, idText);
        if (record.deleted()) {
            throw ApiException.entityIsDeleted();
        }
        return record;
    }

    static StoredRecord any(OrgView org, SObjectType type, String idText) {
        if (!SalesforceId.looksLikeId(idText)) {
            throw new ApiException(404, ApiError.of("NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + idText));
        }
        String id = SalesforceId.normalize(idText)
                .filter(i -> SalesforceId.keyPrefix(i).equals(type.keyPrefix()))
                .orElseThrow(() -> ApiException.onFields("MALFORMED_ID",
                        type.label() + " ID: id value of incorrect type: " + idText, List.of("Id")));
        return org.find(id).orElseThrow(ApiException::notFound);
    }

    /** An external id field of the type ({@code Id} counts), or 404 as Salesforce answers. */
    static FieldDefinition externalIdField(SObjectType type, String name) {
        return type.field(name)
                .filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> new ApiException(404, ApiError.of("NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + name)));
    }

    /** The live records whose external id field holds the value (case-insensitively for text). */
    static List<StoredRecord> byExternalId(OrgView org, SObjectType type, FieldDefinition field, Object value) {
        return org.withFieldValue(type.name(), field.name(), value).stream().filter(r -> !r.deleted()).toList();
    }
}
