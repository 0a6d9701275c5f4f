package com.trustwatch.decision;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A date as a US reader reads it in a flag's reason: {@code "November 20, 2026"} (the pattern
 * {@code "MMMM d, yyyy"} in {@code Locale.US}). The compliance packs' {@code day()} calls it for every
 * date they write, so the text is built directly for the years 1000 to 9999 instead of through a
 * formatter per call; any other year goes through the same pattern. Throws {@link NullPointerException}
 * for a null date, as the pattern does.
 */
public final class Days {

    /** The pattern the packs have always written dates with; the fast path must read exactly the same. */
    static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.US);
    private static final String[] MONTHS = new String[12];

    static {
        for (Month m : Month.values()) {
            MONTHS[m.ordinal()] = MONTH.format(LocalDate.of(2000, m, 1));
        }
    }

    private Days() {
    }

    /** {@code "November 20, 2026"}. */
    public static String letter(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return PATTERN.format(date);
        }
        String month = MONTHS[date.getMonthValue() - 1];
        return new StringBuilder(month.length() + 10).append(month).append(' ').append(date.getDayOfMonth())
                .append(", ").append(year).toString();
    }
}
