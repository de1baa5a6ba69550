package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.EmailAddress;
import io.salesactivitysync.store.constraint.EmailAddresses;
import io.salesactivitysync.store.constraint.SalesforceId;
import io.salesactivitysync.store.constraint.SingleLine;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** What a client sets on a person: everything but the id and the timestamps. */
@PersonFields.SalesforceRecord
public record PersonFields(
        @NotBlank @Size(max = 200, message = "must be at most {max} characters") @SingleLine
        String name,
        @NotBlank @EmailAddress
        String email,
        @SalesforceId
        String salesforceId,
        PersonType type,
        @Size(max = 255, message = "must be at most {max} characters") @SingleLine
        String accountName,
        @SalesforceId(keyPrefix = "001")
        String accountId) {

    /** The stored form of valid fields: the address in lower case, ids in 18 characters, names stripped. */
    public PersonFields normalized() {
        return new PersonFields(name.strip(), EmailAddresses.normalize(email), longForm(salesforceId), type,
                accountName == null || accountName.isBlank() ? null : accountName.strip(), longForm(accountId));
    }

    private static String longForm(String id) {
        return id == null ? null : io.salesactivitysync.salesforce.SalesforceId.toLongForm(id);
    }

    /**
     * A Salesforce id and a type go together, and the id must be one of that type: Lead ids start
     * with 00Q, Contact ids with 003.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = SalesforceRecordValidator.class)
    public @interface SalesforceRecord {
        String message() default "salesforceId and type must agree";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class SalesforceRecordValidator implements ConstraintValidator<SalesforceRecord, PersonFields> {
        @Override
        public boolean isValid(PersonFields fields, ConstraintValidatorContext context) {
            if (fields.salesforceId() != null && fields.type() == null) {
                return reject(context, "type", "is required when salesforceId is set: lead or contact");
            }
            if (fields.type() != null && fields.salesforceId() == null) {
                return reject(context, "salesforceId", "is required when type is set");
            }
            if (fields.type() != null && io.salesactivitysync.salesforce.SalesforceId.isValid(fields.salesforceId())
                    && !fields.salesforceId().startsWith(fields.type().keyPrefix())) {
                return reject(context, "salesforceId", "must start with " + fields.type().keyPrefix()
                        + " for a " + fields.type().value());
            }
            return true;
        }

        private static boolean reject(ConstraintValidatorContext context, String field, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
