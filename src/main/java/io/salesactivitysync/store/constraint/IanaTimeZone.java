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
import java.time.ZoneId;

/**
 * The value is a region id of the IANA time zone database known to the JVM, such as
 * {@code Europe/Berlin}. Offsets ({@code +02:00}, {@code UTC+2}) and abbreviations ({@code CET})
 * are refused: they do not follow daylight saving time. Blank values are left to {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = IanaTimeZone.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IanaTimeZone {

    String message() default "must be an IANA time zone id such as Europe/Berlin or America/New_York";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IanaTimeZone, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || isIanaZone(value);
        }

        static boolean isIanaZone(String value) {
            return ("UTC".equals(value) || value.contains("/"))
                    && ZoneId.getAvailableZoneIds().contains(value);
        }
    }
}
