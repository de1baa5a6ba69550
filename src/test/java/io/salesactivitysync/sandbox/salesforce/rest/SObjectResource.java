package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.OrgTransaction;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sobjects/X} (create), {@code sobjects/X/{id}} (get with {@code ?fields=}, update,
 * delete) and {@code sobjects/X/{externalIdField}/{value}} (get, upsert, delete).
 */
final class SObjectResource {

    private final RecordWriter writer;

    SObjectResource(RecordWriter writer) {
        this.writer = writer;
    }

    RestResponse create(RestRequest request, OrgTransaction tx, SObjectType type) {
        StoredRecord record = writer.create(tx, type,
                RecordInputReader.read(type, request.body(), request.bodyPositions()));
        return RestResponse.created(JsonValues.saveSuccess(record.id()),
                request.versionPath("sobjects/" + type.name() + "/" + record.id()));
    }

    RestResponse get(RestRequest request, OrgTransaction tx, SObjectType type, String idText) {
        StoredRecord record = RecordLookup.live(tx, type, idText);
        return RestResponse.ok(RecordJson.record(request.apiVersion(), record, requestedFields(request, type)));
    }

    RestResponse update(RestRequest request, OrgTransaction tx, SObjectType type, String idText) {
        StoredRecord record = RecordLookup.live(tx, type, idText);
        writer.update(tx, type, record, RecordInputReader.read(type, request.body(), request.bodyPositions()));
        return RestResponse.noContent();
    }

    RestResponse delete(OrgTransaction tx, SObjectType type, String idText) {
        writer.delete(tx, RecordLookup.live(tx, type, idText));
        return RestResponse.noContent();
    }

    RestResponse getByExternalId(RestRequest request, OrgTransaction tx, SObjectType type, String fieldName,
            String value) {
        StoredRecord record = singleMatch(request, tx, type, fieldName, value);
        return RestResponse.ok(RecordJson.record(request.apiVersion(), record, requestedFields(request, type)));
    }

    RestResponse deleteByExternalId(RestRequest request, OrgTransaction tx, SObjectType type, String fieldName,
            String value) {
        writer.delete(tx, singleMatch(request, tx, type, fieldName, value));
        return RestResponse.noContent();
    }

    /** Upsert: 201 with {@code created:true} when new, 200 with {@code created:false} when updated (API 46.0+). */
    RestResponse upsert(RestRequest request, OrgTransaction tx, SObjectType type, String fieldName, String value) {
        FieldDefinition field = RecordLookup.externalIdField(type, fieldName);
        Map<String, Object> input = new LinkedHashMap<>(
                RecordInputReader.read(type, request.body(), request.bodyPositions()));
        if (field.name().equals("Id")) {
            StoredRecord existing = RecordLookup.live(tx, type, value);
            input.remove("Id");
            writer.update(tx, type, existing, input);
            return upsertResult(existing.id(), false, request, type);
        }
        Object key = RecordInputReader.convert(field, JsonNodeFactory.instance.textNode(value), BodyPositions.NONE);
        List<StoredRecord> matches = RecordLookup.byExternalId(tx, type, field, key);
        if (matches.size() > 1) {
            throw multipleChoices(request, type, matches);
        }
        input.remove(field.name());
        if (matches.isEmpty()) {
            if ("true".equalsIgnoreCase(request.parameter("updateOnly"))) {
                throw ApiException.notFound();
            }
            input.put(field.name(), key);
            StoredRecord created = writer.create(tx, type, input);
            return upsertResult(created.id(), true, request, type);
        }
        writer.update(tx, type, matches.get(0), input);
        return upsertResult(matches.get(0).id(), false, request, type);
    }

    private static RestResponse upsertResult(String id, boolean created, RestRequest request, SObjectType type) {
        ObjectNode body = JsonValues.saveSuccess(id);
        body.put("created", created);
        if (created) {
            return RestResponse.created(body, request.versionPath("sobjects/" + type.name() + "/" + id));
        }
        return RestResponse.ok(body);
    }

    private StoredRecord singleMatch(RestRequest request, OrgTransaction tx, SObjectType type, String fieldName,
            String value) {
        FieldDefinition field = RecordLookup.externalIdField(type, fieldName);
        if (field.name().equals("Id")) {
            return RecordLookup.live(tx, type, value);
        }
        Object key = RecordInputReader.convert(field, JsonNodeFactory.instance.textNode(value), BodyPositions.NONE);
        List<StoredRecord> matches = RecordLookup.byExternalId(tx, type, field, key);
        if (matches.isEmpty()) {
            throw ApiException.notFound();
        }
        if (matches.size() > 1) {
            throw multipleChoices(request, type, matches);
        }
        return matches.get(0);
    }

    /** HTTP 300: the URLs of every record the external id matched. */
    private static MultipleChoicesException multipleChoices(RestRequest request, SObjectType type,
            List<StoredRecord> matches) {
        ArrayNode urls = JsonValues.array();
        matches.forEach(r -> urls.add(request.versionPath("sobjects/" + type.name() + "/" + r.id())));
        return new MultipleChoicesException(urls);
    }

    private static List<String> requestedFields(RestRequest request, SObjectType type) {
        String fields = request.parameter("fields");
        List<String> names = new ArrayList<>();
        if (fields == null || fields.isBlank()) {
            type.fields().forEach(f -> names.add(f.name()));
            return names;
        }
        for (String name : fields.split(",")) {
            String trimmed = name.trim();
            FieldDefinition field = type.field(trimmed).orElseThrow(() -> ApiException.badRequest("INVALID_FIELD",
                    "No such column '" + trimmed + "' on entity '" + type.name() + "'. If you are attempting to use a "
                            + "custom field, be sure to append the '__c' after the custom field name. Please reference "
                            + "your WSDL or the describe call for the appropriate names."));
            if (!names.contains(field.name())) {
                names.add(field.name());
            }
        }
        if (!names.contains("Id")) {
            names.add("Id");
        }
        return names;
    }

    /** A 300 answer carried through the transaction as an exception, so nothing commits. */
    static final class MultipleChoicesException extends ApiException {
        private final transient ArrayNode urls;

        MultipleChoicesException(ArrayNode urls) {
            super(300, List.of(ApiError.of("MULTIPLE_CHOICES", "more than one record matches the external id")));
            this.urls = urls;
        }

        ArrayNode urls() {
            return urls;
        }
    }
}
