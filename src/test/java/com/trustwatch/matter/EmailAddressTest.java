package com.trustwatch.matter;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dana@henderson.example", "ap@atlaslogistics.example", "first.last+trust@sub.firm.example",
            "o'brien@firm.example", "a_b-c@x-y.example", "X@EXAMPLE.COM"})
    @DisplayName("one plain mailbox per field is accepted as it is")
    void accepted(String address) {
        assertThat(EmailAddress.parse(address)).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a@x.example,root|more than one address",
            "a@x.example;b@y.example|more than one address",
            "\"Boss\"<evil@y.example>|display name",
            "Boss <evil@y.example>|space or control character",
            "<evil@y.example>|display name",
            "evil@y.example (Boss)|space or control character",
            "\"a b\"@x.example|quotes",
            "jürgen@müller.example|non-ASCII",
            "jurgen@müller.example|non-ASCII",
            "root|one '@'",
            "a@b@x.example|one '@'",
            "root@localhost|domain",
            "a@[127.0.0.1]|domain",
            "a@x.example.|domain",
            "a@-x.example|domain",
            ".a@x.example|before '@'",
            "a..b@x.example|before '@'",
            "@x.example|before '@'"})
    @DisplayName("lists, display names, comments, quoted parts, internationalised and malformed addresses are refused, saying why")
    void refused(String address, String why) {
        assertThatThrownBy(() -> EmailAddress.parse(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"000D", "000A", "0000", "0009"})
    @DisplayName("an address carrying a line break or control character (a header injection) is refused")
    void headerInjection(String hex) {
        String address = "a@x.example" + (char) Integer.parseInt(hex, 16) + "Bcc:evil@y.example";
        assertThatThrownBy(() -> EmailAddress.parse(address)).hasMessageContaining("space or control character");
        assertThatThrownBy(() -> EmailAddress.parse("a@x.example" + (char) Integer.parseInt(hex, 16)))
                .as("not even at the end").hasMessageContaining("space or control character");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {65, 300})
    @DisplayName("a local part over 64 characters or an address over 254 is refused")
    void lengths(int n) {
        String address = n == 65 ? "a".repeat(65) + "@x.example" : "a@" + ("b".repeat(60) + ".").repeat(5) + "example";
        assertThatThrownBy(() -> EmailAddress.parse(address)).isInstanceOf(IllegalArgumentException.class);
    }
}
