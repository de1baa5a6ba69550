package io.salesactivitysync.activity;

import io.salesactivitysync.store.Activity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The value an activity gives a mapped attribute field ({@code sas.activity.attribute-fields[].value}). */
final class AttributeValues {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    /** Salesforce's datetimes ({@code +0000}) and ours ({@code Z}), with or without milliseconds. */
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    private AttributeValues() {
    }

    /**
     * @param fieldType the field's describe type: a {@code date} field gets the day in the rep's
     *                  time zone, anything else a datetime in UTC
     */
    static Object value(String source, Activity activity, ZoneId repZone, String fieldType) {
        return switch (source) {
            case "occurred_at" -> "date".equals(fieldType)
                    ? activity.occurredAt().atZoneSameInstant(repZone).toLocalDate().toString()
                    : DATETIME.format(activity.occurredAt().withOffsetSameInstant(ZoneOffset.UTC));
            case "activity_type" -> TemplateRenderer.typeName(activity.type());
            case "activity_subject" -> TemplateRenderer.cut(activity.subject(), TemplateRenderer.SUBJECT_MAX);
            case "sales_campaign_name" -> activity.campaign() == null ? null : activity.campaign().name();
            case "sales_campaign_day" -> activity.campaign() == null ? null : activity.campaign().day();
            case "sales_campaign_step" -> activity.campaign() == null ? null : activity.campaign().step();
            case "call_outcome" -> activity.call() == null ? null : activity.call().outcome();
            case "call_reason" -> activity.call() == null ? null : activity.call().reason();
            default -> activity.attributes().get(source.substring("attributes.".length()));
        };
    }

    /**
     * Whether a date or datetime value is later than the one a field holds (Salesforce's
     * {@code 2026-11-23T10:30:00.000+0000} or {@code 2026-11-23}); true when it holds none, or
     * when either cannot be read as a time.
     */
    static boolean later(Object value, String current) {
        if (current == null || !(value instanceof String text)) {
            return true;
        }
        try {
            if (text.length() == 10 && current.length() == 10) {
                return LocalDate.parse(text).isAfter(LocalDate.parse(current));
            }
            return instant(text).isAfter(instant(current));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static Instant instant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return SALESFORCE_DATETIME.parse(text, Instant::from);
    }

    /** What {@link #fitted} answers for a value the field cannot take. */
    static final Object UNFIT = new Object();

    /**
     * The value as a field of that describe type takes it (a checkbox true or false, a number, a
     * date as text, anything else as text), or {@link #UNFIT}: Salesforce would refuse the whole
     * record for it ({@code JSON_PARSER_ERROR}), so the field is left out instead. A null value,
     * or a field whose type the preflight has not read, goes as it is.
     */
    static Object fitted(Object value, String fieldType) {
        if (value == null || fieldType == null) {
            return value;
        }
        return switch (fieldType) {
            case "boolean" -> value instanceof Boolean ? value
                    : "true".equalsIgnoreCase(String.valueOf(value)) ? Boolean.TRUE
                    : "false".equalsIgnoreCase(String.valueOf(value)) ? Boolean.FALSE : UNFIT;
            case "double", "currency", "percent" -> number(value);
            case "int" -> {
                Object number = number(value);
                yield number instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0
                        ? decimal.toBigInteger() : UNFIT;
            }
            case "date", "datetime", "time" -> value instanceof String ? value : UNFIT;
            default -> value instanceof String ? value : String.valueOf(value);
        };
    }

    private static Object number(Object value) {
        if (value instanceof Boolean) {
            return UNFIT;
        }
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return UNFIT;
        }
    }
}
