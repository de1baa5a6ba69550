package io.salesactivitysync.activity;

import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityType;
import io.salesactivitysync.store.constraint.Template;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the subject and description templates (activity detail customization) with an activity's
 * dynamic fields ({@link Template#FIELDS}), and cuts the result to what Salesforce takes: a Task
 * Subject has at most 255 characters on one line, a Description at most 32,000.
 */
final class TemplateRenderer {

    static final int SUBJECT_MAX = 255;
    static final int DESCRIPTION_MAX = 32_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    /** Any line break (CR, LF, CRLF, NEL, vertical tab, form feed, line and paragraph separators) and the blanks around it. */
    private static final Pattern LINE_BREAKS = Pattern.compile("(?:\\h*\\R)+\\h*");

    private TemplateRenderer() {
    }

    /** The Task type and the {{activity_type}} word: Email, Call or Reply. */
    static String typeName(ActivityType type) {
        return switch (type) {
            case EMAIL -> "Email";
            case CALL -> "Call";
            case REPLY -> "Reply";
        };
    }

    static Map<String, String> fields(Activity activity, boolean includeBody) {
        Map<String, String> fields = new HashMap<>();
        fields.put("activity_type", typeName(activity.type()));
        fields.put("activity_subject", activity.subject());
        fields.put("activity_body", includeBody ? activity.body() : "");
        if (activity.campaign() != null) {
            fields.put("sales_campaign_name", activity.campaign().name());
            fields.put("sales_campaign_day", activity.campaign().day() == null ? null : activity.campaign().day().toString());
            fields.put("sales_campaign_step", activity.campaign().step() == null ? null : activity.campaign().step().toString());
        }
        if (activity.call() != null) {
            fields.put("call_outcome", activity.call().outcome());
            fields.put("call_reason", activity.call().reason());
        }
        return fields;
    }

    static String render(String template, Map<String, String> fields) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = fields.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** One line (line breaks become spaces), at most 255 characters. */
    static String subject(String template, Map<String, String> fields) {
        String line = LINE_BREAKS.matcher(render(template, fields)).replaceAll(" ").strip();
        return cut(line, SUBJECT_MAX);
    }

    static String description(String template, Map<String, String> fields) {
        return cut(render(template, fields).strip(), DESCRIPTION_MAX);
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
