package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.EmailAddress;
import io.salesactivitysync.store.constraint.SalesforceId;
import io.salesactivitysync.store.constraint.SingleLine;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An activity as a client posts it to {@code POST /api/activities}: an email, a call or a reply
 * that a rep made with a person.
 *
 * @param type       email, call or reply
 * @param repEmail   the rep's address (or one of the rep's aliases)
 * @param person     who it was with: exactly one of a local person id, a Salesforce Lead/Contact
 *                   id, an email address
 * @param subject    the email's subject or the call's title
 * @param body       the email's text or the call's notes
 * @param occurredAt when it happened (ISO-8601 with offset)
 * @param messageId  the email's Message-ID: the same email posted again, or captured by the BCC
 *                   mailbox, is logged once
 * @param campaign   the sales campaign (sequence) it belongs to
 * @param call       what the call came to (calls only)
 * @param attributes values for the activity attribute fields ({@code attributes.NAME} in
 *                   {@code sas.activity.attribute-fields}): strings, numbers, true/false
 */
@ActivityRequest.Consistent
public record ActivityRequest(
        @NotNull(message = "is required: email, call or reply") ActivityType type,
        @NotBlank(message = "is required") @EmailAddress String repEmail,
        @NotNull(message = "is required: {\"id\": ...}, {\"salesforceId\": ...} or {\"email\": ...}") @Valid
        PersonRequest person,
        @NotBlank(message = "is required") @Size(max = 998, message = "must be at most {max} characters") @SingleLine
        String subject,
        @Size(max = 100_000, message = "must be at most {max} characters") String body,
        @NotNull(message = "is required: an ISO-8601 time with offset such as 2026-11-23T10:30:00Z") OffsetDateTime occurredAt,
        @Size(max = 998, message = "must be at most {max} characters") @SingleLine String messageId,
        @Valid CampaignRequest campaign,
        @Valid CallRequest call,
        @Size(max = 50, message = "must hold at most {max} attributes") Map<String, Object> attributes) {

    /** Exactly one of the three. */
    public record PersonRequest(
            @Positive(message = "must be a positive number") Long id,
            @SalesforceId String salesforceId,
            @EmailAddress String email) {
    }

    public record CampaignRequest(
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most {max} characters") @SingleLine
            String name,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000, message = "must be at most {value}")
            Integer day,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000, message = "must be at most {value}")
            Integer step) {
    }

    public record CallRequest(
            @Size(max = 255, message = "must be at most {max} characters") @SingleLine String outcome,
            @Size(max = 255, message = "must be at most {max} characters") @SingleLine String reason) {
    }

    /**
     * The checks that span fields: one way of naming the person, call details only on calls,
     * attributes named like fields and holding plain values.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ConsistentValidator.class)
    public @interface Consistent {
        String message() default "is not consistent";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class ConsistentValidator implements ConstraintValidator<Consistent, ActivityRequest> {

        private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

        @Override
        public boolean isValid(ActivityRequest request, ConstraintValidatorContext context) {
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            PersonRequest person = request.person();
            if (person != null) {
                int given = (person.id() != null ? 1 : 0) + (person.salesforceId() != null ? 1 : 0)
                        + (person.email() != null ? 1 : 0);
                if (given != 1) {
                    valid = reject(context, "person", "must name the person one way: id, salesforceId or email");
                } else if (person.salesforceId() != null && !person.salesforceId().startsWith("003")
                        && !person.salesforceId().startsWith("00Q")) {
                    valid = reject(context, "person.salesforceId", "must be a Contact (003...) or Lead (00Q...) id");
                }
            }
            if (request.call() != null && request.type() != null && request.type() != ActivityType.CALL) {
                valid = reject(context, "call", "is only for activities of type call");
            }
            if (request.attributes() != null) {
                for (Map.Entry<String, Object> attribute : request.attributes().entrySet()) {
                    String name = attribute.getKey();
                    Object value = attribute.getValue();
                    String field = "attributes." + (ATTRIBUTE_NAME.matcher(name).matches() ? name : "?");
                    if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                        valid = reject(context, "attributes", "names must be letters, digits and _, starting with a"
                                + " letter, at most 40 characters");
                    } else if (value != null && !(value instanceof String || value instanceof Number
                            || value instanceof Boolean)) {
                        valid = reject(context, field, "must be a string, a number, true or false");
                    } else if (value instanceof Double number && !Double.isFinite(number)) {
                        // JSON read 1e400 as Infinity: it would be stored as the text "Infinity"
                        valid = reject(context, field, "must be a number in range (at most about 1.8e308)");
                    } else if (value instanceof String text && (text.length() > 1000 || text.chars().anyMatch(
                            c -> c < 0x20 && c != '\t'))) {
                        valid = reject(context, field, "must be at most 1000 characters on one line");
                    }
                }
            }
            return valid;
        }

        private static boolean reject(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("}", "\\}"))
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
