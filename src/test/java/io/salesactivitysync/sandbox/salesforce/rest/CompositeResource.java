package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.ChildRelationship;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.OrgTransaction;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code composite} (dependent subrequests with references, allOrNone), {@code composite/batch}
 * (independent subrequests, haltOnError) and {@code composite/tree/X} (record trees, all or none).
 */
final class CompositeResource {

    private static final Pattern SUBREQUEST_URL = Pattern.compile("^(?:/services/data/)?v(\\d+\\.\\d)/([^?]*)(?:\\?(.*))?$");
    private static final ApiError ROLLED_BACK = ApiError.of("PROCESSING_HALTED",
            "The transaction was rolled back since another operation in the same transaction failed.");
    private static final int MAX_SUBREQUESTS = 25;
    private static final int MAX_TREE_RECORDS = 200;

    private final RestDispatcher dispatcher;
    private final OrgSchema schema;
    private final RecordWriter writer;

    CompositeResource(RestDispatcher dispatcher, OrgSchema schema, RecordWriter writer) {
        this.dispatcher = dispatcher;
        this.schema = schema;
        this.writer = writer;
    }

    RestResponse list(RestRequest request) {
        ObjectNode body = JsonValues.object();
        body.put("tree", request.versionPath("composite/tree"));
        body.put("batch", request.versionPath("composite/batch"));
        body.put("sobjects", request.versionPath("composite/sobjects"));
        return RestResponse.ok(body);
    }

    RestResponse composite(RestRequest request, OrgTransaction tx) {
        JsonNode subrequests = requireArray(request.body(), "compositeRequest");
        boolean allOrNone = request.body().path("allOrNone").asBoolean(false);
        OrgTransaction.Savepoint start = tx.savepoint();
        CompositeReferences references = new CompositeReferences();
        List<ObjectNode> results = new ArrayList<>();
        int failedAt = -1;
        for (JsonNode subrequest : subrequests) {
            String referenceId = subrequest.path("referenceId").asText(null);
            RestResponse response = executeSubrequest(request, tx, subrequest, references);
            results.add(compositeResult(response, referenceId));
            if (response.status() >= 400 || response.status() == 300) {
                if (allOrNone) {
                    failedAt = results.size() - 1;
                    break;
                }
            } else if (referenceId != null && response.body() != null) {
                references.remember(referenceId, response.body());
            }
        }
        if (failedAt >= 0) {
            tx.rollbackTo(start);
            List<ObjectNode> rolledBack = new ArrayList<>();
            int index = 0;
            for (JsonNode subrequest : subrequests) {
                String referenceId = subrequest.path("referenceId").asText(null);
                rolledBack.add(index == failedAt ? results.get(index) : compositeResult(
                        new RestResponse(400, JsonValues.errors(List.of(ROLLED_BACK)), Map.of()), referenceId));
                index++;
            }
            results = rolledBack;
        }
        ObjectNode body = JsonValues.object();
        ArrayNode array = body.putArray("compositeResponse");
        results.forEach(array::add);
        return RestResponse.ok(body);
    }

    RestResponse batch(RestRequest request, OrgTransaction tx) {
        JsonNode subrequests = requireArray(request.body(), "batchRequests");
        boolean haltOnError = request.body().path("haltOnError").asBoolean(false);
        ArrayNode results = JsonValues.array();
        boolean hasErrors = false;
        boolean halted = false;
        for (JsonNode subrequest : subrequests) {
            ObjectNode result = results.addObject();
            if (halted) {
                result.put("statusCode", 412);
                result.set("result", JsonValues.errors(List.of(ApiError.of("BATCH_PROCESSING_HALTED",
                        "Batch processing halted per request"))));
                continue;
            }
            ObjectNode normalized = subrequest.isObject() ? subrequest.deepCopy() : JsonValues.object();
            if (subrequest.has("richInput")) {
                normalized.set("body", subrequest.get("richInput"));
            }
            RestResponse response = executeSubrequest(request, tx, normalized, new CompositeReferences());
            // "When a subrequest executes successfully, it commits its data" (Composite Batch).
            tx.commitPoint();
            result.put("statusCode", response.status());
            result.set("result", response.body());
            if (response.status() >= 400) {
                hasErrors = true;
                halted = haltOnError;
            }
        }
        ObjectNode body = JsonValues.object();
        body.put("hasErrors", hasErrors);
        body.set("results", results);
        return RestResponse.ok(body);
    }

    RestResponse tree(RestRequest request, OrgTransaction tx, SObjectType type) {
        JsonNode records = requireArray(request.body(), "records");
        if (countTree(records) > MAX_TREE_RECORDS) {
            throw ApiException.badRequest("INVALID_INPUT", "Too many records to create. Maximum is " + MAX_TREE_RECORDS);
        }
        ArrayNode results = JsonValues.array();
        Set<String> referenceIds = new HashSet<>();
        OrgTransaction.Savepoint start = tx.savepoint();
        for (JsonNode record : records) {
            String referenceId = record.path("attributes").path("referenceId").asText(null);
            try {
                createTree(tx, type, record, null, null, results, referenceIds, request.bodyPositions());
            } catch (TreeFailure failure) {
                tx.rollbackTo(start);
                ObjectNode body = JsonValues.object();
                body.put("hasErrors", true);
                ArrayNode failed = body.putArray("results");
                ObjectNode entry = failed.addObject();
                entry.put("referenceId", failure.referenceId != null ? failure.referenceId : referenceId);
                entry.set("errors", JsonValues.saveErrors(failure.errors));
                return new RestResponse(400, body, Map.of());
            }
        }
        ObjectNode body = JsonValues.object();
        body.put("hasErrors", false);
        body.set("results", results);
        return new RestResponse(201, body, Map.of());
    }

    private void createTree(OrgTransaction tx, SObjectType type, JsonNode record, String parentField, String parentId,
            ArrayNode results, Set<String> referenceIds, BodyPositions positions) {
        String referenceId = record.path("attributes").path("referenceId").asText(null);
        try {
            String declaredType = record.path("attributes").path("type").asText(null);
            if (declaredType == null || !declaredType.equalsIgnoreCase(type.name())) {
                throw ApiException.onFields("INVALID_TYPE", "Must send a concrete entity type.", List.of());
            }
            if (referenceId == null || !referenceIds.add(referenceId)) {
                throw ApiException.onFields("INVALID_INPUT", "Duplicate or missing referenceId: " + referenceId, List.of());
            }
            if (!record.isObject()) {
                throw ApiException.onFields("INVALID_INPUT", "Each record must be a JSON object", List.of());
            }
            // a shallow copy: its values stay the body's own nodes, so keep their places (BodyPositions)
            ObjectNode fields = JsonValues.object().setAll((ObjectNode) record);
            Map<ChildRelationship, JsonNode> children = new LinkedHashMap<>();
            for (ChildRelationship relationship : type.childRelationships()) {
                JsonNode nested = fields.remove(relationship.relationshipName());
                if (nested != null) {
                    children.put(relationship, nested.path("records"));
                }
            }
            Map<String, Object> values = new LinkedHashMap<>(RecordInputReader.read(type, fields, positions));
            if (parentField != null) {
                values.put(parentField, parentId);
            }
            String id = writer.create(tx, type, values).id();
            ObjectNode entry = results.addObject();
            entry.put("referenceId", referenceId);
            entry.put("id", id);
            for (Map.Entry<ChildRelationship, JsonNode> child : children.entrySet()) {
                SObjectType childType = schema.require(child.getKey().childSObject());
                for (JsonNode childRecord : child.getValue()) {
                    createTree(tx, childType, childRecord, child.getKey().field(), id, results, referenceIds, positions);
                }
            }
        } catch (ApiException e) {
            throw new TreeFailure(referenceId, e.errors());
        }
    }

    private static int countTree(JsonNode records) {
        int count = 0;
        for (JsonNode record : records) {
            count++;
            var fields = record.fields();
            while (fields.hasNext()) {
                JsonNode value = fields.next().getValue();
                if (value.isObject() && value.has("records")) {
                    count += countTree(value.get("records"));
                }
            }
        }
        return count;
    }

    /** A tree record that failed; the first failure ends the request. */
    private static final class TreeFailure extends RuntimeException {
        private final String referenceId;
        private final transient List<ApiError> errors;

        TreeFailure(String referenceId, List<ApiError> errors) {
            super(null, null, false, false);
            this.referenceId = referenceId;
            this.errors = errors;
        }
    }

    private RestResponse executeSubrequest(RestRequest parent, OrgTransaction tx, JsonNode subrequest,
            CompositeReferences references) {
        OrgTransaction.Savepoint savepoint = tx.savepoint();
        try {
            String method = subrequest.path("method").asText("");
            String url = references.resolve(subrequest.path("url").asText(""));
            Matcher matcher = SUBREQUEST_URL.matcher(url);
            if (!matcher.matches()) {
                throw ApiException.notFound();
            }
            JsonNode body = references.resolve(subrequest.get("body"));
            RestRequest request = new RestRequest(method, matcher.group(1), segments(matcher.group(2)),
                    queryParameters(matcher.group(3)), body, parent.bodyPositions(), parent.userId(), null);
            return dispatcher.dispatch(request, tx);
        } catch (SObjectResource.MultipleChoicesException e) {
            tx.rollbackTo(savepoint);
            return new RestResponse(300, e.urls(), Map.of());
        } catch (ApiException e) {
            tx.rollbackTo(savepoint);
            return new RestResponse(e.status(), JsonValues.errors(e.errors()), Map.of());
        }
    }

    private static ObjectNode compositeResult(RestResponse response, String referenceId) {
        ObjectNode result = JsonValues.object();
        result.set("body", response.body());
        ObjectNode headers = result.putObject("httpHeaders");
        response.headers().forEach(headers::put);
        result.put("httpStatusCode", response.status());
        result.put("referenceId", referenceId);
        return result;
    }

    private static JsonNode requireArray(JsonNode body, String name) {
        if (body == null || !body.path(name).isArray()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "The request body must contain " + name + ".");
        }
        if (!name.equals("records") && body.path(name).size() > MAX_SUBREQUESTS) {
            throw ApiException.badRequest("LIMIT_EXCEEDED",
                    "Request exceeds the maximum of " + MAX_SUBREQUESTS + " subrequests.");
        }
        return body.path(name);
    }

    /** The path's segments, each URL-decoded ({@code a%2Fb} is one segment {@code a/b}); undecodable is 404. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                try {
                    segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ApiException.notFound();
                }
            }
        }
        return segments;
    }

    /**
     * The query string's parameters, URL-decoded. A stray {@code %} (an unencoded {@code LIKE 'C%'})
     * is refused as Salesforce refuses it: 400 {@code ILLEGAL_QUERY_PARAMETER_VALUE} with the decoder's
     * message, e.g. {@code URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "@o"}.
     */
    static Map<String, String> queryParameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        try {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("ILLEGAL_QUERY_PARAMETER_VALUE", e.getMessage());
        }
        return parameters;
    }
}
