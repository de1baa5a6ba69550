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

/**
 * The value is a {@linkplain io.salesactivitysync.salesforce.SalesforceId valid Salesforce id}, of the object type with the given
 * key prefix when one is set. Null is valid (use {@code @NotNull} to require a value).
 */
@Documented
@Constraint(validatedBy = SalesforceId.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SalesforceId {

    /** The key prefix every id of the expected object type starts with, e.g. {@code 005} for User. */
    String keyPrefix() default "";

    String message() default "must be a 15- or 18-character Salesforce id{keyPrefixHint}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SalesforceId, String> {
        private String keyPrefix;

        @Override
        public void initialize(SalesforceId annotation) {
            keyPrefix = annotation.keyPrefix();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || io.salesactivitysync.salesforce.SalesforceId.isValid(value, keyPrefix)) {
                return true;
            }
            String hint = keyPrefix.isEmpty() ? "" : " starting with " + keyPrefix;
            context.unwrap(org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext.class)
                    .addMessageParameter("keyPrefixHint", hint);
            return false;
        }
    }
}
