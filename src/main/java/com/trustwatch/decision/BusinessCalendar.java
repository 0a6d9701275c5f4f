package com.trustwatch.decision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;

/** Business days: Monday to Friday, less the firm's holidays. */
public final class BusinessCalendar {

    private final Set<LocalDate> holidays;

    public BusinessCalendar(Collection<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isBusinessDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(date);
    }

    /** The business day {@code days} business days after {@code from} (5 after a Friday is the next Friday). */
    public LocalDate plusBusinessDays(LocalDate from, int days) {
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Business days after {@code from} up to and including {@code to}; 0 when {@code to} is not later. */
    public int businessDaysBetween(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        int count = 0;
        long span = ChronoUnit.DAYS.between(from, to);
        for (long i = 1; i <= span; i++) {
            if (isBusinessDay(from.plusDays(i))) {
                count++;
            }
        }
        return count;
    }
}
