package com.trustwatch.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaysTest {

    @Test
    @DisplayName("a date reads as US readers write it: month name, day without a leading zero, comma, year")
    void readsAsALetter() {
        assertThat(Days.letter(LocalDate.of(2026, 11, 20))).isEqualTo("November 20, 2026");
        assertThat(Days.letter(LocalDate.of(2027, 1, 5))).isEqualTo("January 5, 2027");
    }

    @Test
    @DisplayName("every day from 1 January 0001 to 31 December 10000 reads exactly as the packs' pattern \"MMMM d, yyyy\" in US English writes it")
    void readsAsThePattern() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
        int days = 0;
        for (LocalDate d = LocalDate.of(1, 1, 1); !d.isAfter(LocalDate.of(10_000, 12, 31)); d = d.plusDays(1)) {
            String expected = pattern.format(d);
            if (!expected.equals(Days.letter(d))) {
                assertThat(Days.letter(d)).as("%s", d).isEqualTo(expected);
            }
            days++;
        }
        assertThat(days).isEqualTo(3_652_425);
    }

    @Test
    @DisplayName("a missing date is refused, as the pattern refuses it")
    void nullIsRefused() {
        assertThatThrownBy(() -> Days.letter(null)).isInstanceOf(NullPointerException.class);
    }
}
