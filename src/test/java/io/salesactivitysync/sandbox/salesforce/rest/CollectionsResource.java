package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.OrgTransaction;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sObject Collections ({@code composite/sobjects}): create, update, upsert and delete up to 200
 * records, each with its own save result; with {@code allOrNone=true} one failure rolls back all
 * and the others report {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}. Also retrieve by ids.
 */
final class CollectionsResource {

    private static final int MAX_RECORDS = 200;
    private static final ApiError ROLLED_BACK = ApiError.onFields("ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "Record rolled back because not all records were valid and the request was using AllOrNone header", List.of());

    private final RecordWriter writer;

    CollectionsResource(RecordWriter writer) {
        this.writer = writer;
    }

    /** One record's outcome: its id (when known), whether it was created, or its errors. */
    private record Outcome(String id, Boolean created, List<ApiError> errors) {
        boolean failed() {
            return errors != null;
        }
    }

    @FunctionalInterface
    private interface RecordOperation {
        Outcome apply(JsonNode record);
    }

    RestResponse create(RestRequest request, OrgTransaction tx) {
        return run(request.body(), tx, false, record -> {
            SObjectType type = typeOf(tx, record, null);
            StoredRecord created = writer.create(tx, type,
                    RecordInputReader.read(type, record, request.bodyPositions()));
            return new Outcome(created.id(), null, null);
        });
    }

    RestResponse update(RestRequest request, OrgTransaction tx) {
        return run(request.body(), tx, true, record -> {
            String idText = idOf(record);
            if (idText == null) {
                throw ApiException.onFields("MISSING_ARGUMENT", "Id not specified in an update call", List.of());
            }
            SObjectType type = typeOf(tx, record, idText);
            StoredRecord existing = recordToUpdate(tx, type, idText);
            Map<String, Object> input = RecordInputReader.read(type, withoutId(record), request.bodyPositions());
            writer.update(tx, type, existing, input);
            return new Outcome(existing.id(), null, null);
        });
    }

    /**
     * The live record an update names, failing as Salesforce's DML does: an id of another type
     * (or no id at all) is MALFORMED_ID on {@code Id}, an id of no record INVALID_CROSS_REFERENCE_KEY,
     * a deleted record ENTITY_IS_DELETED.
     */
    private static StoredRecord recordToUpdate(OrgTransaction tx, SObjectType type, String idText) {
        String id = SalesforceId.normalize(idText).filter(i -> SalesforceId.keyPrefix(i).equals(type.keyPrefix()))
                .orElseThrow(() -> ApiException.onFields("MALFORMED_ID",
                        type.label() + " ID: id value of incorrect type: " + idText, List.of("Id")));
        StoredRecord existing = tx.find(id).orElseThrow(() -> ApiException.onFields("INVALID_CROSS_REFERENCE_KEY",
                "invalid cross reference id", List.of()));
        if (existing.deleted()) {
            throw ApiException.onFields("ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        return existing;
    }

    RestResponse upsert(RestRequest request, OrgTransaction tx, SObjectType type, String fieldName) {
        FieldDefinition field = RecordLookup.externalIdField(type, fieldName);
        return run(request.body(), tx, true, record -> {
            Map<String, Object> input = new LinkedHashMap<>(
                    RecordInputReader.read(type, record, request.bodyPositions()));
            Object key = input.get(field.name());
            if (key == null) {
                throw ApiException.onFields("MISSING_ARGUMENT", field.name() + " not specified", List.of());
            }
            List<StoredRecord> matches = field.name().equals("Id")
                    ? tx.find((String) key).filter(r -> !r.deleted()).map(List::of).orElse(List.of())
                    : RecordLookup.byExternalId(tx, type, field, key);
            if (matches.size() > 1) {
                throw ApiException.onFields("DUPLICATE_EXTERNAL_ID", field.name()
                        + ": more than one record found for external id field: "
                        + matches.stream().map(StoredRecord::id).toList(), List.of());
            }
            if (matches.isEmpty()) {
                if (field.name().equals("Id")) {
                    throw ApiException.onFields("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
                }
                return new Outcome(writer.create(tx, type, input).id(), true, null);
            }
            input.remove(field.name());
            writer.update(tx, type, matches.get(0), input);
            return new Outcome(matches.get(0).id(), false, null);
        });
    }

    RestResponse delete(RestRequest request, OrgTransaction tx) {
        String ids = request.parameter("ids");
        if (ids == null || ids.isBlank()) {
            throw ApiException.badRequest("REQUIRED_FIELD_MISSING", "At least 1 Id is required.");
        }
        ArrayNode records = JsonValues.array();
        for (String id : ids.split(",")) {
            records.add(JsonNodeFactory.instance.textNode(id.trim()));
        }
        ObjectNode body = JsonValues.object();
        body.put("allOrNone", "true".equalsIgnoreCase(request.parameter("allOrNone")));
        body.set("records", records);
        return run(body, tx, true, node -> {
            String idText = node.asText();
            String id = SalesforceId.normalize(idText).orElseThrow(() -> ApiException.onFields("MALFORMED_ID",
                    "malformed id " + idText, List.of()));
            StoredRecord existing = tx.find(id).orElseThrow(() -> ApiException.onFields(
                    "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of()));
            if (existing.deleted()) {
                throw ApiException.onFields("ENTITY_IS_DELETED", "entity is deleted", List.of());
            }
            if (!tx.schema().require(existing.type()).deletable()) {
                throw ApiException.onFields("INVALID_TYPE_FOR_OPERATION", "entity type cannot be deleted", List.of());
            }
            writer.delete(tx, existing);
            return new Outcome(existing.id(), null, null);
        });
    }

    RestResponse retrieve(RestRequest request, OrgTransaction tx, SObjectType type) {
        List<String> ids = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        JsonNode body = request.body();
        if (request.method().equals("POST") && body != null) {
            body.path("ids").forEach(n -> ids.add(n.asText()));
            body.path("fields").forEach(n -> fields.add(n.asText()));
        } else {
            splitInto(request.parameter("ids"), ids);
            splitInto(request.parameter("fields"), fields);
        }
        if (ids.isEmpty()) {
            throw ApiException.badRequest("REQUIRED_FIELD_MISSING", "At least 1 Id is required.");
        }
        List<String> canonical = new ArrayList<>();
        for (String name : fields) {
            canonical.add(type.field(name).orElseThrow(() -> ApiException.badRequest("INVALID_FIELD",
                    "No such column '" + name + "' on entity '" + type.name() + "'")).name());
        }
        if (canonical.isEmpty()) {
            type.fields().forEach(f -> canonical.add(f.name()));
        }
        if (!canonical.contains("Id")) {
            canonical.add("Id");
        }
        ArrayNode result = JsonValues.array();
        for (String idText : ids) {
            Optional<StoredRecord> record = SalesforceId.normalize(idText).flatMap(tx::find)
                    .filter(r -> !r.deleted() && r.type().equals(type.name()));
            result.add(record.<JsonNode>map(r -> RecordJson.record(request.apiVersion(), r, canonical))
                    .orElse(JsonNodeFactory.instance.nullNode()));
        }
        return RestResponse.ok(result);
    }

    /**
     * Applies the operation to each record. A record that fails has no {@code id} in its result
     * (as in the reference's "Some Items Failed" examples); with allOrNone, records that had
     * succeeded are rolled back and, for updates, upserts and deletes, keep their id.
     */
    private RestResponse run(JsonNode body, OrgTransaction tx, boolean idOnRollback, RecordOperation operation) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR",
                    "The HTTP entity body is required, but this request has no entity body.");
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        JsonNode records = body.path("records");
        if (records.size() > MAX_RECORDS) {
            throw ApiException.badRequest("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        OrgTransaction.Savepoint start = tx.savepoint();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> attemptedIds = new ArrayList<>();
        for (JsonNode record : records) {
            OrgTransaction.Savepoint savepoint = tx.savepoint();
            try {
                Outcome outcome = operation.apply(record);
                outcomes.add(outcome);
                attemptedIds.add(outcome.id());
            } catch (ApiException e) {
                tx.rollbackTo(savepoint);
                outcomes.add(new Outcome(null, null, e.errors()));
                attemptedIds.add(null);
            }
        }
        boolean anyFailed = outcomes.stream().anyMatch(Outcome::failed);
        if (allOrNone && anyFailed) {
            tx.rollbackTo(start);
        }
        ArrayNode results = JsonValues.array();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (allOrNone && anyFailed && !outcome.failed()) {
                outcome = new Outcome(idOnRollback ? attemptedIds.get(i) : null, null, List.of(ROLLED_BACK));
            }
            results.add(result(outcome));
        }
        return RestResponse.ok(results);
    }

    private static ObjectNode result(Outcome outcome) {
        ObjectNode node = JsonValues.object();
        if (!outcome.failed()) {
            node.put("id", outcome.id());
            node.put("success", true);
            node.putArray("errors");
        } else {
            if (outcome.id() != null) {
                node.put("id", outcome.id());
            }
            node.put("success", false);
            node.set("errors", JsonValues.saveErrors(outcome.errors()));
        }
        if (outcome.created() != null) {
            node.put("created", outcome.created());
        }
        return node;
    }

    private static SObjectType typeOf(OrgTransaction tx, JsonNode record, String idText) {
        String typeName = record.path("attributes").path("type").asText(null);
        if (typeName == null && idText != null) {
            typeName = SalesforceId.normalize(idText).flatMap(tx.schema()::typeOfId).map(SObjectType::name).orElse(null);
        }
        if (typeName == null) {
            throw ApiException.onFields("INVALID_TYPE", "Must send a concrete entity type.", List.of());
        }
        String name = typeName;
        return tx.schema().type(name).orElseThrow(() -> ApiException.onFields("INVALID_TYPE",
                "sObject type '" + name + "' is not supported.", List.of()));
    }

    private static String idOf(JsonNode record) {
        JsonNode id = record.has("id") ? record.get("id") : record.get("Id");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** A shallow copy: its values stay the body's own nodes, so keep their places (BodyPositions). */
    private static JsonNode withoutId(JsonNode record) {
        ObjectNode copy = JsonValues.object().setAll((ObjectNode) record);
        copy.remove("id");
        copy.remove("Id");
        return copy;
    }

    private static void splitInto(String commaSeparated, List<String> target) {
        if (commaSeparated != null) {
            for (String part : commaSeparated.split(",")) {
                if (!part.isBlank()) {
                    target.add(part.trim());
                }
            }
        }
    }
}
