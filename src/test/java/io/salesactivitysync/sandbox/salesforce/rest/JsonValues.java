package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** JSON building blocks shared by the REST resources: typed values, error arrays, save results. */
public final class JsonValues {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A typed field value as Salesforce writes it. */
    public static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(ValueFormats.datetime(instant));
        }
        if (value instanceof LocalDate date) {
            return NODES.textNode(ValueFormats.date(date));
        }
        throw new IllegalArgumentException("Not a field value: " + value.getClass());
    }

    /** The REST error array: {@code [{"message","errorCode","fields"?}]}. */
    public static ArrayNode errors(List<ApiError> errors) {
        ArrayNode array = array();
        for (ApiError error : errors) {
            ObjectNode entry = array.addObject();
            if ("PROCESSING_HALTED".equals(error.errorCode())) {
                entry.put("errorCode", error.errorCode());
                entry.put("message", error.message());
            } else {
                entry.put("message", error.message());
                entry.put("errorCode", error.errorCode());
            }
            if (error.fields() != null) {
                ArrayNode fields = entry.putArray("fields");
                error.fields().forEach(fields::add);
            }
        }
        return array;
    }

    /** The error list of a save result (collections, tree): {@code statusCode} instead of {@code errorCode}. */
    public static ArrayNode saveErrors(List<ApiError> errors) {
        ArrayNode array = array();
        for (ApiError error : errors) {
            ObjectNode entry = array.addObject();
            entry.put("statusCode", error.errorCode());
            entry.put("message", error.message());
            ArrayNode fields = entry.putArray("fields");
            if (error.fields() != null) {
                error.fields().forEach(fields::add);
            }
        }
        return array;
    }

    /** {@code {"id","success":true,"errors":[]}}, the create result. */
    public static ObjectNode saveSuccess(String id) {
        ObjectNode result = object();
        result.put("id", id);
        result.put("success", true);
        result.putArray("errors");
        return result;
    }
}
