package com.trustwatch.decision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;

/**
 * Business days: Monday to Friday, less the firm's holidays. Every computation is closed-form over
 * weeks plus one pass over the holidays in range, so its cost does not grow with the distance
 * between the dates (a far-off date cannot keep a thread busy).
 */
public final class BusinessCalendar {

    /** Holidays that fall on a weekday, sorted; weekend holidays change nothing. */
    private final LocalDate[] holidays;

    public BusinessCalendar(Collection<LocalDate> holidays) {
        this.holidays = holidays.stream().distinct().filter(BusinessCalendar::isWeekday).sorted()
                .toArray(LocalDate[]::new);
    }

    public boolean isBusinessDay(LocalDate date) {
        return isWeekday(date) && Arrays.binarySearch(holidays, date) < 0;
    }

    /** The business day {@code days} business days after {@code from} (5 after a Friday is the next Friday). */
    public LocalDate plusBusinessDays(LocalDate from, int days) {
        if (days <= 0) {
            return from;
        }
        LocalDate d = plusWeekdays(from, days);
        // each holiday passed over pushes the date on by one more weekday, which may pass another
        int counted = holidaysIn(from, d);
        while (counted > 0) {
            LocalDate next = plusWeekdays(d, counted);
            counted = holidaysIn(d, next);
            d = next;
        }
        return d;
    }

    /** Business days after {@code from} up to and including {@code to}; 0 when {@code to} is not later. */
    public int businessDaysBetween(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        return (int) (weekdaysBetween(from, to) - holidaysIn(from, to));
    }

    /** Weekdays in {@code (from, to]}. */
    private static long weekdaysBetween(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        long count = days / 7 * 5;
        int start = from.getDayOfWeek().getValue(); // 1 = Monday
        for (int i = 1; i <= days % 7; i++) {
            int dow = (start - 1 + i) % 7 + 1;
            if (dow <= 5) {
                count++;
            }
        }
        return count;
    }

    /** The weekday {@code n} weekdays after {@code from} (n > 0). */
    private static LocalDate plusWeekdays(LocalDate from, int n) {
        LocalDate d = from.plusWeeks((n - 1) / 5);
        int left = (n - 1) % 5 + 1;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWeekday(d)) {
                left--;
            }
        }
        return d;
    }

    /** Weekday holidays in {@code (from, to]}. */
    private int holidaysIn(LocalDate from, LocalDate to) {
        return Math.max(0, onOrBefore(to) - onOrBefore(from));
    }

    /** The number of holidays on or before {@code date}. */
    private int onOrBefore(LocalDate date) {
        int i = Arrays.binarySearch(holidays, date);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static boolean isWeekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
