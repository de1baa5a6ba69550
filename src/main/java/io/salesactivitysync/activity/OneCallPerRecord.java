package io.salesactivitysync.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.salesforce.ErrorClass;
import io.salesactivitysync.salesforce.SalesforceErrors;
import io.salesactivitysync.salesforce.SalesforceProperties;
import io.salesactivitysync.salesforce.SalesforceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.apache.camel.component.salesforce.api.utils.JsonUtils;
import org.springframework.stereotype.Component;

/**
 * The benchmark's naive baseline ({@code sas.activity.call-style: one-per-record}): the requests
 * the batched steps build, sent as one Salesforce call per query and per record (camel-salesforce's
 * raw operation), and answered as the batched calls answer, so that the same read steps take them.
 *
 * <p>As a collection call reports it, a record Salesforce refuses (a 4xx with its error codes)
 * becomes that record's error result, and a refused query that subrequest's error. A temporary
 * failure (busy, locked, over the limit, a session that could not be renewed, no answer) fails the
 * whole step as a failed composite or collection call does, so the route's salesforce-errors
 * configuration redelivers it; the step then sends every record again, and the upserts by
 * external id write no Task twice. Each call is seen by the API usage watch like any other
 * ({@code sas.salesforce.api.calls}, operation {@code raw}).
 */
@Component
public class OneCallPerRecord {

    private static final String RAW = "salesforce:raw?format=JSON";

    private final ProducerTemplate salesforce;
    private final String dataPath;
    private final String taskKeyField;
    private final ObjectMapper json = JsonUtils.createObjectMapper();

    public OneCallPerRecord(ProducerTemplate salesforce, SalesforceProperties properties) {
        this.salesforce = salesforce;
        this.dataPath = "/services/data/v" + properties.apiVersion() + "/";
        this.taskKeyField = properties.taskExternalIdField();
    }

    /** Each subrequest of the lookup composite as its own call, answered as the composite call would be. */
    public SObjectCompositeResponse lookup(SObjectComposite composite) throws SalesforceException {
        List<SObjectCompositeResult> results = new ArrayList<>();
        for (JsonNode subrequest : json.valueToTree(composite).path("compositeRequest")) {
            String url = subrequest.get("url").asText();
            int query = url.indexOf('?');
            Reply reply = call(subrequest.get("method").asText(), query < 0 ? url : url.substring(0, query),
                    query < 0 ? Map.of() : parameters(url.substring(query + 1)), subrequest.get("body"));
            Object body = reply.refused() ? reply.errors().stream().map(error -> json.convertValue(error, Map.class)).toList()
                    : reply.body() == null ? null : json.convertValue(reply.body(), Object.class);
            results.add(new SObjectCompositeResult(body, Map.of(), reply.status(), subrequest.get("referenceId").asText()));
        }
        return new SObjectCompositeResponse(results);
    }

    /** Each Task upserted by its external id with its own call (the body of the upsert step). */
    public List<UpsertSObjectResult> upsertTasks(List<SalesforceRecord> tasks) throws SalesforceException {
        List<UpsertSObjectResult> results = new ArrayList<>();
        for (SalesforceRecord task : tasks) {
            Map<String, Object> fields = new LinkedHashMap<>(task.fields());
            String externalId = String.valueOf(fields.remove(taskKeyField));
            Reply reply = call("PATCH", dataPath + "sobjects/" + task.type() + "/" + taskKeyField + "/"
                    + URLEncoder.encode(externalId, StandardCharsets.UTF_8).replace("+", "%20"), Map.of(), fields);
            UpsertSObjectResult result = reply.refused() || reply.body() == null ? new UpsertSObjectResult()
                    : json.convertValue(reply.body(), UpsertSObjectResult.class);
            settle(result, reply);
            results.add(result);
        }
        return results;
    }

    /** Each record's field update with its own call (the body of the update step). */
    public List<SaveSObjectResult> updateRecords(List<SalesforceRecord> records) throws SalesforceException {
        List<SaveSObjectResult> results = new ArrayList<>();
        for (SalesforceRecord record : records) {
            Reply reply = call("PATCH", dataPath + "sobjects/" + record.type() + "/" + record.getId(), Map.of(),
                    record.fields());
            SaveSObjectResult result = new SaveSObjectResult();
            result.setId(record.getId());
            settle(result, reply);
            results.add(result);
        }
        return results;
    }

    private static void settle(SaveSObjectResult result, Reply reply) {
        result.setSuccess(!reply.refused());
        result.setErrors(reply.refused() ? reply.errors() : List.of());
        if (reply.refused()) {
            result.setId(null);
        }
    }

    /** What Salesforce answered one call: its body, or the errors of a refused record. */
    private record Reply(int status, JsonNode body, List<RestError> errors) {
        boolean refused() {
            return errors != null;
        }
    }

    private Reply call(String method, String path, Map<String, String> query, Object body) throws SalesforceException {
        Exchange exchange = salesforce.send(RAW, request -> {
            Message in = request.getIn();
            in.setHeader(SalesforceEndpointConfig.RAW_METHOD, method);
            in.setHeader(SalesforceEndpointConfig.RAW_PATH, path);
            if (!query.isEmpty()) {
                in.setHeader(SalesforceEndpointConfig.RAW_QUERY_PARAMETERS, String.join(",", query.keySet()));
                query.forEach(in::setHeader);
            }
            in.setBody(body == null || body instanceof JsonNode node && node.isNull() ? null : json.writeValueAsBytes(body));
        });
        Exception failure = exchange.getException();
        if (failure == null) {
            return new Reply(200, read(exchange.getMessage().getBody(InputStream.class)), null);
        }
        SalesforceException answer = exchange.getException(SalesforceException.class);
        if (answer == null) {
            throw new SalesforceException(method + " " + path + " failed: " + failure.getMessage(), failure);
        }
        List<RestError> errors = SalesforceErrors.errors(answer);
        int status = answer.getStatusCode();
        if (status >= 400 && status < 500 && status != 401 && !errors.isEmpty()
                && !temporary(SalesforceErrors.classify(errors.get(0).getErrorCode()))) {
            return new Reply(status, null, errors);
        }
        // as a failed composite or collection call: the first error Salesforce sent, its status, the raw answer
        throw new SalesforceException(errors, status, method + " " + path + ": " + answer.getMessage(), answer);
    }

    private static boolean temporary(ErrorClass errorClass) {
        return errorClass == ErrorClass.INTERMITTENT || errorClass == ErrorClass.AUTH;
    }

    private JsonNode read(InputStream body) throws SalesforceException {
        if (body == null) {
            return null;
        }
        try (body) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            throw new SalesforceException("Salesforce's answer could not be read", e);
        }
    }

    /** A subrequest URL's query parameters, decoded (the raw operation encodes them again). */
    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
