package com.trustwatch.reports;

import com.trustwatch.web.Dates;
import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.RequestRefused;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The month a report is asked for, read strictly wherever it is asked (the monthly email's trigger, the
 * console's activity report): {@code YYYY-MM} in ASCII digits, a month that exists, not before
 * {@link Dates#EARLIEST}'s month and not after the firm's current month. Absent or empty, the last
 * complete month.
 */
public final class ReportMonth {

    private static final Pattern MONTH = Pattern.compile("([0-9]{4})-([0-9]{2})");

    private ReportMonth() {
    }

    /**
     * @param today            the firm's date
     * @param currentMonthOpen whether the month still under way may be asked for (its figures so far)
     * @throws RequestRefused naming {@code month} when the text is not such a month
     */
    public static YearMonth read(@Nullable String text, LocalDate today, boolean currentMonthOpen) {
        YearMonth current = YearMonth.from(today);
        if (text == null || text.isEmpty()) {
            return current.minusMonths(1);
        }
        Matcher m = MONTH.matcher(text);
        if (!m.matches()) {
            throw refused(Echo.of(text) + " is not a month written as YYYY-MM (for example " + current.minusMonths(1) + ")");
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        if (number < 1 || number > 12) {
            throw refused("'" + text + "' does not exist: there is no month " + number);
        }
        YearMonth ym = YearMonth.of(year, number);
        if (ym.atDay(1).isBefore(Dates.EARLIEST)) {
            throw refused("'" + text + "' is before " + YearMonth.from(Dates.EARLIEST)
                    + ", the earliest month the service accepts");
        }
        if (ym.isAfter(current)) {
            throw refused("'" + text + "' is in the future (today is " + today + " in the firm's time zone); the latest"
                    + (currentMonthOpen ? " month is " + current : " complete month is " + current.minusMonths(1)));
        }
        if (ym.equals(current) && !currentMonthOpen) {
            throw refused("'" + text + "' is not over yet (today is " + today + " in the firm's time zone), and its one"
                    + " email would carry figures that still change; the latest complete month is " + current.minusMonths(1));
        }
        return ym;
    }

    private static RequestRefused refused(String why) {
        return new RequestRefused(new FieldError(null, "month", why));
    }
}
