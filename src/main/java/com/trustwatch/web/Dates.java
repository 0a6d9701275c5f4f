package com.trustwatch.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place a date a person or a system sends is read: ISO {@code YYYY-MM-DD} in ASCII digits,
 * a day that exists, between {@link #EARLIEST} and {@link #LATEST}. The range keeps out the dates no
 * trust ledger holds, which the database would store wrongly ({@code 0001-01-01} became
 * {@code 0000-12-30}) or which would make date arithmetic meaningless ({@code +999999999-12-31}).
 */
public final class Dates {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private static final Pattern ISO = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");

    private Dates() {
    }

    /**
     * Reads a date, or throws {@link IllegalArgumentException} saying what is wrong: not a date in
     * the YYYY-MM-DD form, a day that does not exist (2026-02-29), or a date outside the range.
     */
    public static LocalDate parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = ISO.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(Echo.of(t) + " is not a date (expected YYYY-MM-DD)");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("'" + t + "' does not exist: there is no month " + month);
        }
        if (day < 1) {
            throw new IllegalArgumentException("'" + t + "' does not exist: there is no day 0");
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            YearMonth ym = YearMonth.of(year, month);
            throw new IllegalArgumentException("'" + t + "' does not exist: "
                    + Month.of(month).getDisplayName(TextStyle.FULL, Locale.US) + " " + year + " has "
                    + ym.lengthOfMonth() + " days");
        }
        return inRange(date, t);
    }

    /** {@code date} if it lies in the accepted range, else {@link IllegalArgumentException}. */
    public static LocalDate inRange(LocalDate date) {
        return inRange(date, date.toString());
    }

    private static LocalDate inRange(LocalDate date, String shown) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new IllegalArgumentException(Echo.of(shown) + " is outside the accepted range, " + EARLIEST
                    + " to " + LATEST);
        }
        return date;
    }
}
