package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each value of a request body ends in its text, so that a value of the wrong type can be
 * reported as Salesforce reports it: {@code Cannot deserialize instance of date from VALUE_STRING
 * value 2017-05-30T-06:00:00X or request may be missing a required field at [line:11, column:55]}.
 * The position is the one just after the value's token (after a string's closing quote, a number's
 * last digit, an object's opening brace), kept by node identity: a node passed on as it is keeps its
 * place, a node built anew (a composite subrequest's string with its references resolved) has none.
 */
public final class BodyPositions {

    /** No positions, for a body that was not read from a request's text. */
    static final BodyPositions NONE = new BodyPositions(Map.of());

    private final Map<JsonNode, JsonLocation> ends;

    BodyPositions() {
        this(new IdentityHashMap<>());
    }

    private BodyPositions(Map<JsonNode, JsonLocation> ends) {
        this.ends = ends;
    }

    /** The body's tree (null for no content), remembering where each of its nodes ends. */
    JsonNode read(byte[] body) throws IOException {
        try (JsonParser parser = JsonValues.MAPPER.getFactory().createParser(body)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : value(parser, token);
        }
    }

    /** {@code " at [line:L, column:C]"} for a node {@link #read} made, else nothing. */
    String placeOf(JsonNode node) {
        JsonLocation end = ends.get(node);
        return end == null ? "" : " at [line:" + end.getLineNr() + ", column:" + end.getColumnNr() + "]";
    }

    private JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = endsHere(JsonValues.object(), parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                object.set(name, value(parser, parser.nextToken()));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = endsHere(JsonValues.array(), parser);
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                array.add(value(parser, next));
            }
            return array;
        }
        // the scalar first: the parser reads a string to its closing quote only when asked for its text
        return endsHere(scalar(parser, token), parser);
    }

    /**
     * A new node for the scalar token, never a shared one ({@code BooleanNode.TRUE}, a cached small
     * {@code IntNode}): each value must have a place of its own.
     */
    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new TextNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> new IntNode(parser.getIntValue());
                case LONG -> new LongNode(parser.getLongValue());
                default -> new BigIntegerNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> new DoubleNode(parser.getDoubleValue());
            // Jackson has no public way to make a boolean or null node of one's own
            case VALUE_TRUE, VALUE_FALSE -> new BooleanNode(token == JsonToken.VALUE_TRUE) { };
            case VALUE_NULL -> new NullNode() { };
            // embedded objects never come out of a JSON text
            default -> throw new IOException("Unexpected token " + token);
        };
    }

    private <T extends JsonNode> T endsHere(T node, JsonParser parser) {
        ends.put(node, parser.currentLocation());
        return node;
    }
}
