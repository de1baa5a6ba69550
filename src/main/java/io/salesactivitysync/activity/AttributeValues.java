package io.salesactivitysync.activity;

import io.salesactivitysync.store.Activity;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The value an activity gives a mapped attribute field ({@code sas.activity.attribute-fields[].value}). */
final class AttributeValues {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

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
}
