package io.salesactivitysync.store.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "rep@sandbox.example",
            "Riley.Rep@Sandbox.Example",
            "first.last+tag@sub.domain.example",
            "o'brien@example.com",
            "a_b-c@x-y.example",
            "x@example.xn--p1ai",
            "1234567890@numbers.example"})
    void acceptsRealAddresses(String address) {
        assertThat(EmailAddresses.isValid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "plain",
            "@example.com",
            "rep@",
            "rep@localhost",
            "rep@example.c",
            "rep@example.123",
            "rep@-example.com",
            "rep@example-.com",
            "rep@exa_mple.com",
            "rep@example..com",
            ".rep@example.com",
            "rep.@example.com",
            "re..p@example.com",
            "re p@example.com",
            "\"quoted\"@example.com",
            "\"a@b\"@example.com",
            "rep@example.com\r\nBcc: victim@example.com",
            "rep@example.com\n",
            "rep\u0000@example.com",
            "Rep <rep@example.com>",
            "rep@example.com, other@example.com",
            "rep@example.com;other@example.com",
            "a@b@example.com",
            "rep@[127.0.0.1]",
            "rep(comment)@example.com",
            "rép@example.com",
            "rep@exämple.com"})
    void refusesAnythingElse(String address) {
        assertThat(EmailAddresses.isValid(address)).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void limitsTheLocalPartTo64Characters(int length) {
        assertThat(EmailAddresses.isValid("a".repeat(length) + "@example.com")).isEqualTo(length <= 64);
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 255})
    void limitsTheAddressTo254Characters(int length) {
        String domain = ("a".repeat(60) + ".").repeat(4) + "com"; // 247 characters
        String local = "b".repeat(length - domain.length() - 1);
        assertThat(EmailAddresses.isValid(local + "@" + domain)).isEqualTo(length <= 254);
    }

    @org.junit.jupiter.api.Test
    void normalisesToLowerCase() {
        assertThat(EmailAddresses.normalize("Riley.Rep@Sandbox.EXAMPLE")).isEqualTo("riley.rep@sandbox.example");
        assertThat(EmailAddresses.normalize(null)).isNull();
    }
}
