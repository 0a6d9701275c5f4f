package com.trustwatch.money;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"1240|1240.00", "1240.5|1240.50", "1,240.00|1240.00", "$1,240.00|1240.00",
            "-150.00|-150.00", "1,000,000.01|1000000.01", "999999999999.99|999999999999.99"})
    @DisplayName("plain decimal notation, with thousands separators only in groups of three, is read exactly")
    void accepted(String text, String amount) {
        assertThat(Money.parse(text).toString()).isEqualTo(amount);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"12,50|comma as the decimal point", "1E+2|not an amount", "1e2|not an amount",
            "12.345|more than two decimals", "1,24,000.00|not an amount", "١٢٣|not an amount", "１２|not an amount",
            "1000000000000.00|too large", "-1000000000000|too large", "0x10|not an amount", "NaN|not an amount",
            "12.|not an amount", ".5|not an amount", "1 240.00|not an amount"})
    @DisplayName("decimal commas, exponents, other digits, bad grouping, a third decimal and amounts past the column's range are refused")
    void refused(String text, String why) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}
