package io.salesactivitysync.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {

    @Test
    void aCheckboxTakesTrueOrFalseAsTheyAreOrAsText() {
        assertThat(AttributeValues.fitted(true, "boolean")).isEqualTo(true);
        assertThat(AttributeValues.fitted("FALSE", "boolean")).isEqualTo(false);
        assertThat(AttributeValues.fitted("yes", "boolean")).isSameAs(AttributeValues.UNFIT);
        assertThat(AttributeValues.fitted(1, "boolean")).isSameAs(AttributeValues.UNFIT);
    }

    @Test
    void aNumberFieldTakesNumbersAndNumericText() {
        assertThat(AttributeValues.fitted(2.5, "double")).isEqualTo(new BigDecimal("2.5"));
        assertThat(AttributeValues.fitted(" 7 ", "currency")).isEqualTo(new BigDecimal("7"));
        assertThat(AttributeValues.fitted("seven", "percent")).isSameAs(AttributeValues.UNFIT);
        assertThat(AttributeValues.fitted(true, "double")).isSameAs(AttributeValues.UNFIT);
        assertThat(AttributeValues.fitted(3.0, "int")).isEqualTo(BigInteger.valueOf(3));
        assertThat(AttributeValues.fitted(3.5, "int")).isSameAs(AttributeValues.UNFIT);
    }

    @Test
    void aTextFieldTakesAnyValueAsTextAndADateFieldOnlyText() {
        assertThat(AttributeValues.fitted(true, "string")).isEqualTo("true");
        assertThat(AttributeValues.fitted(12, "picklist")).isEqualTo("12");
        assertThat(AttributeValues.fitted("2026-11-23", "date")).isEqualTo("2026-11-23");
        assertThat(AttributeValues.fitted(20261123, "date")).isSameAs(AttributeValues.UNFIT);
    }

    @Test
    void nullAndUnknownTypesGoAsTheyAre() {
        assertThat(AttributeValues.fitted(null, "boolean")).isNull();
        assertThat(AttributeValues.fitted("yes", null)).isEqualTo("yes");
    }

    @Test
    void aTimeIsLaterOnlyWhenItIsAfterWhatTheFieldHolds() {
        assertThat(AttributeValues.later("2026-11-23T10:30:00.000Z", "2026-11-20T08:00:00.000+0000")).isTrue();
        assertThat(AttributeValues.later("2026-11-20T08:00:00.000Z", "2026-11-23T10:30:00.000+0000")).isFalse();
        assertThat(AttributeValues.later("2026-11-23T10:30:00.000Z", "2026-11-23T10:30:00.000+0000")).isFalse();
        assertThat(AttributeValues.later("2026-11-23T10:30:00.000Z", "2026-11-23T11:30:00.000+0100")).isFalse();
        assertThat(AttributeValues.later("2026-11-24", "2026-11-23")).isTrue();
        assertThat(AttributeValues.later("2026-11-23", "2026-11-23")).isFalse();
        assertThat(AttributeValues.later("2026-11-23", null)).isTrue();
        assertThat(AttributeValues.later("2026-11-23", "not a time")).isTrue();
    }
}
