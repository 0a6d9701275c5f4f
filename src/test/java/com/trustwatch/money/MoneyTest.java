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

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"1240|$1,240.00", "-150|-$150.00", "0|$0.00", "-0.004|$0.00", "-0.005|-$0.01",
            "0.005|$0.01", "999.995|$1,000.00", "1000000|$1,000,000.00", "-123456789.125|-$123,456,789.13",
            "12.3|$12.30", "100|$100.00", "1E+3|$1,000.00", "999999999999.99|$999,999,999,999.99",
            "-9999999999999999.99|-$9,999,999,999,999,999.99", "99999999999999999.99|$99,999,999,999,999,999.99"})
    @DisplayName("a letter writes dollars with a sign, thousands separators and cents, rounded half-up")
    void letter(String amount, String text) {
        assertThat(Money.letter(new java.math.BigDecimal(amount))).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a letter reads exactly as the \"#,##0.00\" pattern in US English writes it, over many amounts of every size, sign and scale")
    void letterReadsAsThePattern() {
        java.text.DecimalFormat pattern = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US));
        java.util.Random random = new java.util.Random(20261130L);
        int compared = 0;
        for (int i = 0; i < 200_000; i++) {
            int digits = 1 + random.nextInt(15);
            java.math.BigInteger unscaled = new java.math.BigInteger(digits * 4, random)
                    .mod(java.math.BigInteger.TEN.pow(digits));
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            java.math.BigDecimal amount = new java.math.BigDecimal(unscaled, random.nextInt(7) - 2);
            java.math.BigDecimal cents = amount.setScale(2, java.math.RoundingMode.HALF_UP);
            String expected = (cents.signum() < 0 ? "-$" : "$") + pattern.format(cents.abs());
            assertThat(Money.letter(amount)).as("%s", amount.toPlainString()).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(200_000);
        assertThat(Money.letter(null)).isEqualTo("-");
    }
}
