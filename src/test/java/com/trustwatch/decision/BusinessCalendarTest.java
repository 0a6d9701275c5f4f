package com.trustwatch.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarTest {

    private static final LocalDate THANKSGIVING = LocalDate.of(2026, 11, 26);

    @Test
    @DisplayName("five business days after Friday 2026-11-20 is Friday 2026-11-27, or Monday 2026-11-30 with Thanksgiving off")
    void fiveBusinessDays() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertThat(new BusinessCalendar(List.of()).plusBusinessDays(friday, 5)).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(new BusinessCalendar(List.of(THANKSGIVING)).plusBusinessDays(friday, 5))
                .isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(new BusinessCalendar(List.of(THANKSGIVING)).businessDaysBetween(friday, LocalDate.of(2026, 11, 30)))
                .isEqualTo(5);
    }

    @Test
    @DisplayName("the closed-form arithmetic agrees with counting day by day, over 5,000 random spans and holiday sets")
    void agreesWithCountingDayByDay() {
        Random random = new Random(20261130);
        for (int run = 0; run < 5_000; run++) {
            LocalDate from = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(400));
            List<LocalDate> holidays = new ArrayList<>();
            for (int h = random.nextInt(12); h > 0; h--) {
                holidays.add(from.plusDays(random.nextInt(120) - 10));
            }
            BusinessCalendar calendar = new BusinessCalendar(holidays);
            int days = random.nextInt(60);
            LocalDate to = from.plusDays(random.nextInt(120) - 20);
            assertThat(calendar.plusBusinessDays(from, days)).as("%s + %d with %s", from, days, holidays)
                    .isEqualTo(naivePlus(from, days, holidays));
            assertThat(calendar.businessDaysBetween(from, to)).as("%s .. %s with %s", from, to, holidays)
                    .isEqualTo(naiveBetween(from, to, holidays));
        }
    }

    @Test
    @DisplayName("a span of thousands of years costs no more than a short one: no loop over each day")
    void farDatesAreClosedForm() {
        BusinessCalendar calendar = new BusinessCalendar(List.of(THANKSGIVING));
        assertThat(calendar.businessDaysBetween(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31)))
                .as("weekdays from 1900-01-02 to 9999-12-31, less Thanksgiving 2026").isEqualTo(2_113_188);
        assertThat(calendar.plusBusinessDays(LocalDate.of(2026, 11, 20), 2_000_000)).isAfter(LocalDate.of(9000, 1, 1));
    }

    private static LocalDate naivePlus(LocalDate from, int days, List<LocalDate> holidays) {
        LocalDate d = from;
        for (int left = days; left > 0; ) {
            d = d.plusDays(1);
            if (business(d, holidays)) {
                left--;
            }
        }
        return d;
    }

    private static int naiveBetween(LocalDate from, LocalDate to, List<LocalDate> holidays) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (business(d, holidays)) {
                n++;
            }
        }
        return n;
    }

    private static boolean business(LocalDate d, List<LocalDate> holidays) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d);
    }
}
