package io.salesactivitysync.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.salesactivitysync.store.ActivityBatchRequest;
import io.salesactivitysync.store.ActivityRequest;
import io.salesactivitysync.store.OrgSettings;
import io.salesactivitysync.store.PersonFields;
import io.salesactivitysync.store.RepFields;
import io.salesactivitysync.store.SettingsOverrides;
import io.salesactivitysync.store.TaskEdit;
import io.salesactivitysync.store.TaskFields;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a request body into the record an operation expects, strictly: the body must be one JSON
 * object, every field must be known and of the right JSON type (no "5" for a number, no 1 for
 * true). Anything else is a {@link BadRequestException} that says where the problem is: the line
 * and column of malformed JSON, or the field that is unknown or of the wrong type.
 */
@Component
public class JsonBodyReader {

    private final ObjectMapper mapper;

    public JsonBodyReader(ObjectMapper objectMapper) {
        this.mapper = strict(objectMapper.copy());
    }

    public RepFields readRep(String body) {
        return read(body, RepFields.class);
    }

    public PersonFields readPerson(String body) {
        return read(body, PersonFields.class);
    }

    public OrgSettings readOrgSettings(String body) {
        return read(body, OrgSettings.class);
    }

    public ActivityRequest readActivity(String body) {
        return read(body, ActivityRequest.class);
    }

    public ActivityBatchRequest readActivityBatch(String body) {
        return read(body, ActivityBatchRequest.class);
    }

    public SettingsOverrides readSettingsOverrides(String body) {
        return read(body, SettingsOverrides.class);
    }

    public TaskFields readTask(String body) {
        return read(body, TaskFields.class);
    }

    public TaskEdit readTaskEdit(String body) {
        return read(body, TaskEdit.class);
    }

    <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("The request body is empty: send a JSON object");
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (RefusedValueException e) {
            throw BadRequestException.forField(path(e), e.problem());
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw BadRequestException.forField(field, "is not a known field" + (known.isEmpty() ? "" : "; known fields: " + known));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty() && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new BadRequestException("Malformed JSON" + at(e.getLocation()) + ": more content follows the JSON object");
            }
            if (e.getPath().isEmpty()) {
                throw new BadRequestException("The request body must be a JSON object" + at(e.getLocation()));
            }
            throw BadRequestException.forField(path(e), expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        if (value == null) {
            throw new BadRequestException("The request body must be a JSON object, not null");
        }
        return value;
    }

    private String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of: " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> mapper.convertValue(constant, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be a JSON object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableText()));
        mapper.registerModule(new SimpleModule("calendar-date").addDeserializer(LocalDate.class, new CalendarDate()));
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        // 1.5 for an id is a mistake, not id 1 (Jackson truncates by default)
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Every string of a request, read as Jackson reads strings and then refused when no database
     * can keep it as sent: PostgreSQL rejects the NUL character, and an unpaired surrogate (a
     * JSON escape such as {@code \\ud800} without its partner) is no Unicode text at all. H2
     * would store both and later answer invalid JSON.
     */
    private static final class StorableText extends StdScalarDeserializer<String> {

        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String problem = value == null ? null : problemWith(value);
            if (problem != null) {
                throw new RefusedValueException(parser, problem);
            }
            return value;
        }

        static String problemWith(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\u0000') {
                    return "must not contain the NUL character (\\u0000)";
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "must not contain an unpaired surrogate (\\u" + Integer.toHexString(c)
                            + "): send valid Unicode text";
                }
            }
            return null;
        }
    }

    /**
     * A calendar date, strictly {@code yyyy-MM-dd} (see {@link CalendarDates}): Jackson's own reader
     * would take a date-time and keep its date, an array [2026, 11, 23] or a number of days.
     */
    private static final class CalendarDate extends StdScalarDeserializer<LocalDate> {

        CalendarDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            LocalDate date = parser.currentToken() == JsonToken.VALUE_STRING ? CalendarDates.parse(parser.getText()) : null;
            if (date == null) {
                throw new RefusedValueException(parser, CalendarDates.EXPECTED);
            }
            String outOfRange = CalendarDates.outOfRange(date);
            if (outOfRange != null) {
                throw new RefusedValueException(parser, outOfRange);
            }
            return date;
        }
    }

    /** A value refused as sent (text no database can keep, a date that is no date), with what is wrong with it. */
    private static final class RefusedValueException extends MismatchedInputException {

        private final String problem;

        RefusedValueException(JsonParser parser, String problem) {
            super(parser, problem);
            this.problem = problem;
        }

        String problem() {
            return problem;
        }
    }
}
