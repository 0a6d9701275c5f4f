package com.trustwatch.reports;

import com.trustwatch.web.RequestRefused;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportMonthTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    @DisplayName("absent or empty is the last complete month; the month under way is read only where it may be")
    void defaultsAndTheCurrentMonth() {
        assertThat(ReportMonth.read(null, TODAY, true)).isEqualTo(YearMonth.of(2026, 10));
        assertThat(ReportMonth.read("", TODAY, false)).isEqualTo(YearMonth.of(2026, 10));
        assertThat(ReportMonth.read("2026-11", TODAY, true)).isEqualTo(YearMonth.of(2026, 11));
        assertThatThrownBy(() -> ReportMonth.read("2026-11", TODAY, false)).isInstanceOf(RequestRefused.class)
                .hasMessageContaining("is not over yet");
        assertThat(ReportMonth.read("1900-01", TODAY, false)).isEqualTo(YearMonth.of(1900, 1));
    }

    @Test
    @DisplayName("a month in the future, before 1900, that does not exist or is not written YYYY-MM is refused naming month")
    void refusals() {
        assertRefused("2026-12", "month: '2026-12' is in the future (today is 2026-11-20 in the firm's time zone); the latest month is 2026-11");
        assertRefused("0000-01", "month: '0000-01' is before 1900-01");
        assertRefused("1899-12", "month: '1899-12' is before 1900-01");
        assertRefused("2026-13", "month: '2026-13' does not exist: there is no month 13");
        assertRefused("+12026-01", "month: '+12026-01' is not a month written as YYYY-MM (for example 2026-10)");
        assertRefused(" 2026-10", "is not a month written as YYYY-MM");
        assertRefused("2026-1", "is not a month written as YYYY-MM");
        assertRefused("\u0662\u0660\u0662\u0666-10", "is not a month written as YYYY-MM");
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> ReportMonth.read(text, TODAY, true)).isInstanceOfSatisfying(RequestRefused.class,
                e -> assertThat(e.error().toString()).contains(message));
    }
}
