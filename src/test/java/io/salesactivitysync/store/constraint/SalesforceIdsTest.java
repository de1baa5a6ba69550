package io.salesactivitysync.store.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void acceptsIdsWithTheirCaseSuffix() {
        assertThat(SalesforceIds.isValid("005000000000002AAA")).isTrue();
        assertThat(SalesforceIds.isValid("00Q000000000001EAA")).isTrue();
        assertThat(SalesforceIds.isValid("001000000000001")).isTrue();
        // a real-looking mixed-case id: 001Dn00000ABcdE -> suffix from the upper-case positions
        assertThat(SalesforceIds.isValid(SalesforceIds.toLongForm("001Dn00000ABcdE"))).isTrue();
    }

    @Test
    void refusesAWrongCaseSuffixOrShape() {
        assertThat(SalesforceIds.isValid("005000000000002AAB")).isFalse();
        assertThat(SalesforceIds.isValid("00Q000000000001AAA")).isFalse();
        assertThat(SalesforceIds.isValid("00500000000000")).isFalse();
        assertThat(SalesforceIds.isValid("0050000000000021")).isFalse();
        assertThat(SalesforceIds.isValid("005000000000002AA")).isFalse();
        assertThat(SalesforceIds.isValid("005-00000000002AAA")).isFalse();
        assertThat(SalesforceIds.isValid("005000000000002aaa")).isFalse();
        assertThat(SalesforceIds.isValid(null)).isFalse();
    }

    @Test
    void checksTheKeyPrefixOfTheObjectType() {
        assertThat(SalesforceIds.isValid("005000000000002AAA", "005")).isTrue();
        assertThat(SalesforceIds.isValid("003000000000001AAA", "005")).isFalse();
        assertThat(SalesforceIds.isValid("003000000000001AAA", "")).isTrue();
    }

    @Test
    void computesTheLongForm() {
        assertThat(SalesforceIds.toLongForm("005000000000002")).isEqualTo("005000000000002AAA");
        assertThat(SalesforceIds.toLongForm("00Q000000000001")).isEqualTo("00Q000000000001EAA");
        assertThat(SalesforceIds.toLongForm("AAAAAAAAAAAAAAA")).isEqualTo("AAAAAAAAAAAAAAA555");
        assertThat(SalesforceIds.toLongForm("005000000000002AAA")).isEqualTo("005000000000002AAA");
        assertThatThrownBy(() -> SalesforceIds.toLongForm("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
