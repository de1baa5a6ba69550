package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a record body ({@code {"Subject":"Call",...}}) into typed values under canonical field
 * names, ignoring {@code attributes}; unknown fields and values of the wrong JSON type are
 * refused as Salesforce refuses them.
 */
final class RecordInputReader {

    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private RecordInputReader() {
    }

    /** The body's fields as typed values, by canonical name. */
    static Map<String, Object> read(SObjectType type, JsonNode body, BodyPositions positions) {
        if (body == null || body.isMissingNode()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR",
                    "The HTTP entity body is required, but this request has no entity body.");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of " + type.name()
                    + " from " + token(body) + " value " + shown(body) + " or request may be missing a required field"
                    + positions.placeOf(body));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equals("attributes")) {
                continue;
            }
            FieldDefinition field = type.field(entry.getKey()).orElseThrow(() -> ApiException.badRequest(
                    "INVALID_FIELD", "No such column '" + entry.getKey() + "' on sobject of type " + type.name()));
            values.put(field.name(), convert(field, entry.getValue(), positions));
        }
        return values;
    }

    static Object convert(FieldDefinition field, JsonNode node, BodyPositions positions) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return switch (field.type()) {
                case BOOLEAN -> bool(node);
                case DOUBLE, CURRENCY, PERCENT -> number(node).doubleValue();
                case INT -> number(node).intValueExact();
                case DATE -> date(node);
                case DATETIME -> datetime(node);
                default -> text(node);
            };
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            String typeName = field.type().describeName();
            throw ApiException.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of " + typeName + " from "
                    + token(node) + " value " + shown(node) + " or request may be missing a required field"
                    + positions.placeOf(node));
        }
    }

    private static String text(JsonNode node) {
        if (node.isContainerNode()) {
            throw new IllegalArgumentException("not a scalar");
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    private static Boolean bool(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.textValue());
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return new BigDecimal(node.textValue().trim());
        }
        throw new IllegalArgumentException("not a number");
    }

    private static LocalDate date(JsonNode node) {
        String text = textual(node);
        if (text.length() > 10) {
            return datetimeOf(text).atZone(ZoneOffset.UTC).toLocalDate();
        }
        return LocalDate.parse(text);
    }

    /** A datetime as Salesforce stores it: milliseconds (and anything finer) are dropped. */
    private static Instant datetime(JsonNode node) {
        String text = textual(node);
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return datetimeOf(text).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant datetimeOf(String text) {
        var parsed = DATETIME.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static String textual(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("not text");
        }
        return node.textValue();
    }

    private static String token(JsonNode node) {
        if (node.isObject()) {
            return "START_OBJECT";
        }
        if (node.isArray()) {
            return "START_ARRAY";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
        }
        if (node.isIntegralNumber()) {
            return "VALUE_NUMBER_INT";
        }
        if (node.isNumber()) {
            return "VALUE_NUMBER_FLOAT";
        }
        return "VALUE_STRING";
    }

    private static String shown(JsonNode node) {
        if (node.isObject()) {
            return "{";
        }
        if (node.isArray()) {
            return "[";
        }
        return node.asText();
    }
}
