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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads a request body into a JSON tree whose nodes remember where their token ended, so that a
 * value of the wrong type can be reported as Salesforce reports it: {@code Cannot deserialize
 * instance of date from VALUE_STRING value 2017-05-30T-06:00:00X or request may be missing a
 * required field at [line:11, column:55]}. Copies of a node keep its place.
 */
final class LocatedJson {

    /** A node read from a request body, with the position just after its token. */
    interface Located {
        JsonLocation location();
    }

    private LocatedJson() {
    }

    /** The body's tree (nodes as {@code ObjectMapper.readTree} builds them), or null for no content. */
    static JsonNode read(byte[] body) throws IOException {
        try (JsonParser parser = JsonValues.MAPPER.getFactory().createParser(body)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : value(parser, token);
        }
    }

    /** {@code " at [line:L, column:C]"} for a node read from a body, else nothing. */
    static String position(JsonNode node) {
        if (node instanceof Located located) {
            return " at [line:" + located.location().getLineNr() + ", column:" + located.location().getColumnNr() + "]";
        }
        return "";
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                LocatedObject object = new LocatedObject(parser.currentLocation());
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                LocatedArray array = new LocatedArray(parser.currentLocation());
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING: {
                String text = parser.getText();
                return new LocatedText(text, parser.currentLocation());
            }
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> new LocatedInt(parser.getIntValue(), parser.currentLocation());
                    case LONG -> new LocatedLong(parser.getLongValue(), parser.currentLocation());
                    default -> new LocatedBigInteger(parser.getBigIntegerValue(), parser.currentLocation());
                };
            case VALUE_NUMBER_FLOAT:
                return new LocatedDouble(parser.getDoubleValue(), parser.currentLocation());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new LocatedBoolean(token == JsonToken.VALUE_TRUE, parser.currentLocation());
            case VALUE_NULL:
                return new LocatedNull(parser.currentLocation());
            default:
                // embedded objects never come out of a JSON text
                throw new IOException("Unexpected token " + token);
        }
    }

    private static final class LocatedObject extends ObjectNode implements Located {
        private final transient JsonLocation location;

        LocatedObject(JsonLocation location) {
            super(JsonNodeFactory.instance);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }

        @Override
        public ObjectNode deepCopy() {
            LocatedObject copy = new LocatedObject(location);
            properties().forEach(e -> copy.set(e.getKey(), e.getValue().deepCopy()));
            return copy;
        }
    }

    private static final class LocatedArray extends ArrayNode implements Located {
        private final transient JsonLocation location;

        LocatedArray(JsonLocation location) {
            super(JsonNodeFactory.instance);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }

        @Override
        public ArrayNode deepCopy() {
            LocatedArray copy = new LocatedArray(location);
            forEach(element -> copy.add(element.deepCopy()));
            return copy;
        }
    }

    private static final class LocatedText extends TextNode implements Located {
        private final transient JsonLocation location;

        LocatedText(String value, JsonLocation location) {
            super(value);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }

    private static final class LocatedInt extends IntNode implements Located {
        private final transient JsonLocation location;

        LocatedInt(int value, JsonLocation location) {
            super(value);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }

    private static final class LocatedLong extends LongNode implements Located {
        private final transient JsonLocation location;

        LocatedLong(long value, JsonLocation location) {
            super(value);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }

    private static final class LocatedBigInteger extends BigIntegerNode implements Located {
        private final transient JsonLocation location;

        LocatedBigInteger(BigInteger value, JsonLocation location) {
            super(value);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }

    private static final class LocatedDouble extends DoubleNode implements Located {
        private final transient JsonLocation location;

        LocatedDouble(double value, JsonLocation location) {
            super(value);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }

    private static final class LocatedBoolean extends BooleanNode implements Located {
        private final transient JsonLocation location;

        LocatedBoolean(boolean value, JsonLocation location) {
            super(value);
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }

    private static final class LocatedNull extends NullNode implements Located {
        private final transient JsonLocation location;

        LocatedNull(JsonLocation location) {
            this.location = location;
        }

        @Override
        public JsonLocation location() {
            return location;
        }
    }
}
