package io.salesactivitysync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a JSON document: the keys of each object and the JSON type of each value
 * (arrays by their first element), so two payloads with different data can be compared field by field.
 */
final class JsonShape {

    private JsonShape() {
    }

    /** The shape of a JSON object: its keys and each value's shape. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(JsonNode node) {
        return (Map<String, Object>) of(node);
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            Map<String, Object> shape = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                shape.put(field.getKey(), of(field.getValue()));
            }
            return shape;
        }
        if (node.isArray()) {
            return node.isEmpty() ? List.of() : List.of(of(node.get(0)));
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "string";
    }
}
