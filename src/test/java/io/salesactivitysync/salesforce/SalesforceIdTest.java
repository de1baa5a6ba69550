package io.salesactivitysync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SalesforceIdTest {

    @Test
    void acceptsIdsWithTheirCaseSuffix() {
        assertThat(SalesforceId.isValid("005000000000002AAA")).isTrue();
        assertThat(SalesforceId.isValid("00Q000000000001EAA")).isTrue();
        assertThat(SalesforceId.isValid("001000000000001")).isTrue();
        assertThat(SalesforceId.isValid(SalesforceId.toLongForm("001Dn00000ABcdE"))).isTrue();
    }

    @Test
    void theSuffixFollowsTheUpperCaseLettersOfEachChunk() {
        assertThat(SalesforceId.toLongForm("005000000000002")).isEqualTo("005000000000002AAA");
        assertThat(SalesforceId.toLongForm("00Q000000000001")).isEqualTo("00Q000000000001EAA");
        assertThat(SalesforceId.toLongForm("AAAAAAAAAAAAAAA")).isEqualTo("AAAAAAAAAAAAAAA555");
        assertThat(SalesforceId.toLongForm("001R0000006hfeZ")).isEqualTo("001R0000006hfeZIAQ");
        assertThat(SalesforceId.toLongForm("0018M000001oWgP")).isEqualTo("0018M000001oWgPQAU");
        assertThat(SalesforceId.toLongForm("005000000000002AAA")).isEqualTo("005000000000002AAA");
    }

    @Test
    void aLowerCaseSuffixIsAcceptedAndGivenBackInUpperCase() {
        assertThat(SalesforceId.isValid("005000000000002aaa")).isTrue();
        assertThat(SalesforceId.normalize("0018M000001oWgPqaU")).contains("0018M000001oWgPQAU");
        assertThat(SalesforceId.toLongForm("00Q000000000001eaa")).isEqualTo("00Q000000000001EAA");
    }

    @Test
    void theFirstFifteenCharactersKeepTheirCase() {
        // Salesforce does not restore a lost case from the suffix: an id lower-cased whole is another id.
        assertThat(SalesforceId.normalize("0018m000001owgpqau")).isEmpty();
        assertThat(SalesforceId.isValid("0018m000001owgpQAU")).isFalse();
    }

    @Test
    void refusesAWrongSuffixOrShape() {
        assertThat(SalesforceId.isValid("005000000000002AAB")).isFalse();
        assertThat(SalesforceId.isValid("00Q000000000001AAA")).isFalse();
        assertThat(SalesforceId.isValid("0018M000001oWgPQAA")).isFalse();
        assertThat(SalesforceId.isValid("00500000000000")).isFalse();
        assertThat(SalesforceId.isValid("0050000000000021")).isFalse();
        assertThat(SalesforceId.isValid("005000000000002AA")).isFalse();
        assertThat(SalesforceId.isValid("005-00000000002AAA")).isFalse();
        assertThat(SalesforceId.isValid("abc")).isFalse();
        assertThat(SalesforceId.isValid(null)).isFalse();
        assertThatThrownBy(() -> SalesforceId.toLongForm("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksTheKeyPrefixOfTheObjectType() {
        assertThat(SalesforceId.isValid("005000000000002AAA", "005")).isTrue();
        assertThat(SalesforceId.isValid("003000000000001AAA", "005")).isFalse();
        assertThat(SalesforceId.isValid("003000000000001AAA", "")).isTrue();
        assertThat(SalesforceId.isValid("00t000000000001AAA", "00T")).isFalse();
        assertThat(SalesforceId.keyPrefix("00Q000000000001EAA")).isEqualTo("00Q");
    }

    @Test
    void looksLikeIdSaysNothingOfTheSuffix() {
        assertThat(SalesforceId.looksLikeId("005000000000002ZZZ")).isTrue();
        assertThat(SalesforceId.looksLikeId("005000000000002")).isTrue();
        assertThat(SalesforceId.looksLikeId("00500000000000")).isFalse();
        assertThat(SalesforceId.looksLikeId(null)).isFalse();
    }
}
