package com.trustwatch.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatesTest {

    @Test
    @DisplayName("the first and last days of the range are accepted, the days outside it are not")
    void rangeEdges() {
        assertThat(Dates.parse("1900-01-01")).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(Dates.parse("2199-12-31")).isEqualTo(LocalDate.of(2199, 12, 31));
        assertThatThrownBy(() -> Dates.parse("1899-12-31")).hasMessage("'1899-12-31' is outside the accepted range, 1900-01-01 to 2199-12-31");
        assertThatThrownBy(() -> Dates.parse("2200-01-01")).hasMessageContaining("outside the accepted range");
        assertThatThrownBy(() -> Dates.inRange(LocalDate.MAX)).hasMessageContaining("outside the accepted range");
    }

    @Test
    @DisplayName("2026-02-29 is called a date that does not exist, and 2024-02-29 is read")
    void dayThatDoesNotExist() {
        assertThatThrownBy(() -> Dates.parse("2026-02-29")).hasMessage("'2026-02-29' does not exist: February 2026 has 28 days");
        assertThatThrownBy(() -> Dates.parse("2026-04-31")).hasMessage("'2026-04-31' does not exist: April 2026 has 30 days");
        assertThatThrownBy(() -> Dates.parse("2026-13-01")).hasMessage("'2026-13-01' does not exist: there is no month 13");
        assertThatThrownBy(() -> Dates.parse("2026-11-00")).hasMessage("'2026-11-00' does not exist: there is no day 0");
        assertThat(Dates.parse("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest(name = "{0} is not a date")
    @CsvSource(delimiter = '|', value = {
            "+999999999-12-31", "0001-1-01", "20261120", "11/20/2026", "2026-11-20T00:00", "2026-11-20Z",
            "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0660", "\uff12\uff10\uff12\uff16-11-20", "tomorrow", "-2026-11-20"})
    @DisplayName("anything but YYYY-MM-DD in ASCII digits is refused, saying the form expected")
    void notADate(String text) {
        assertThatThrownBy(() -> Dates.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a date (expected YYYY-MM-DD)");
    }

    @Test
    @DisplayName("0001-01-01 is refused, never stored as 0000-12-30")
    void yearOne() {
        assertThatThrownBy(() -> Dates.parse("0001-01-01")).hasMessageContaining("outside the accepted range");
    }

    @Test
    @DisplayName("a 10,000-character date is echoed cut")
    void longInputIsCut() {
        assertThatThrownBy(() -> Dates.parse("9".repeat(10_000))).hasMessageStartingWith("'" + "9".repeat(37) + "...'");
    }
}
