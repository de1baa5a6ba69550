package io.salesactivitysync.store.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An activity subject or description template: text with dynamic fields such as
 * {@code {{activity_subject}}}. It must not be blank, every {@code {{} must be closed, and field
 * every field must be one of {@link #FIELDS}. Null is valid (an override that inherits).
 */
@Documented
@Constraint(validatedBy = Template.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Template {

    String message() default "is not a valid template";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The dynamic fields a template may use; anything else is refused when the template is saved. */
    java.util.List<String> FIELDS = java.util.List.of("activity_type", "activity_subject", "activity_body",
            "sales_campaign_name", "sales_campaign_day", "sales_campaign_step", "call_outcome", "call_reason");

    class Validator implements ConstraintValidator<Template, String> {
        private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = problemWith(value);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("}", "\\}"))
                    .addConstraintViolation();
            return false;
        }

        /** What is wrong with the template, or null when it is fine. */
        static String problemWith(String template) {
            if (template.isBlank()) {
                return "must not be blank (send null to inherit the org default)";
            }
            Matcher matcher = PLACEHOLDER.matcher(template);
            int end = 0;
            while (matcher.find()) {
                String name = matcher.group(1).strip();
                if (!FIELD_NAME.matcher(name).matches()) {
                    return "has an invalid dynamic field {{" + matcher.group(1)
                            + "}}: names use letters, digits, _ and . (e.g. {{activity_subject}})";
                }
                if (!FIELDS.contains(name)) {
                    return "has an unknown dynamic field {{" + name + "}}; known fields: " + String.join(", ", FIELDS);
                }
                end = matcher.end();
            }
            if (template.indexOf("{{", end) >= 0) {
                return "has a {{ that is not closed with }}";
            }
            return null;
        }
    }
}
