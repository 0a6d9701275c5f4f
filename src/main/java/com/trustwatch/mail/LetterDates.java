package com.trustwatch.mail;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as a US reader reads them in a letter: "November 20, 2026", never "2026-11-20" or "20/11/2026". */
public final class LetterDates {

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);

    private LetterDates() {
    }

    /** {@code "November 20, 2026"}; null reads "-". */
    public static String format(LocalDate date) {
        return date == null ? "-" : US.format(date);
    }
}
