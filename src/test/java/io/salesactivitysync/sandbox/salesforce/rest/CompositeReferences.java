package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @{referenceId.field}} references of a composite request: earlier subrequests'
 * response bodies, navigated with {@code .name} and {@code [index]} (case-sensitive).
 */
final class CompositeReferences {

    private static final Pattern REFERENCE = Pattern.compile("@\\{([^.}\\[]+)((?:\\.[^.}\\[]+|\\[\\d+\\])*)\\}");
    private static final Pattern STEP = Pattern.compile("\\.([^.}\\[]+)|\\[(\\d+)\\]");

    private final Map<String, JsonNode> bodies = new HashMap<>();

    void remember(String referenceId, JsonNode body) {
        bodies.put(referenceId, body);
    }

    String resolve(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = lookup(matcher.group(1), matcher.group(2));
            matcher.appendReplacement(result, Matcher.quoteReplacement(value.asText()));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** A copy of the body with every reference in its strings replaced. */
    JsonNode resolve(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            Matcher whole = REFERENCE.matcher(node.textValue());
            if (whole.matches()) {
                JsonNode value = lookup(whole.group(1), whole.group(2));
                return value.isValueNode() ? value : JsonNodeFactory.instance.textNode(value.toString());
            }
            return JsonNodeFactory.instance.textNode(resolve(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonValues.object();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolve(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonValues.array();
            node.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return node;
    }

    /** The array element at a decimal index; an index past any array (even past int) names nothing. */
    private static JsonNode element(JsonNode array, String index) {
        return index.length() > 9 ? null : array.get(Integer.parseInt(index));
    }

    private JsonNode lookup(String referenceId, String path) {
        JsonNode current = bodies.get(referenceId);
        Matcher step = STEP.matcher(path);
        while (current != null && step.find()) {
            current = step.group(1) != null ? current.get(step.group(1)) : element(current, step.group(2));
        }
        if (current == null || current.isNull() || current.isMissingNode()) {
            String reference = referenceId + path;
            throw new ApiException(400, ApiError.of("PROCESSING_HALTED",
                    "Invalid reference specified. No value for " + reference + " found in " + referenceId + "."));
        }
        return current;
    }
}
