package com.trustwatch.evaluation;

import com.trustwatch.config.FirmTime;
import com.trustwatch.web.Dates;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InputSettings;
import com.trustwatch.web.InvalidInput;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;

/**
 * The dates a trigger may evaluate as of: a real date in the accepted range ({@link Dates}), no more
 * than {@code trustwatch.input.as-of-past-days} before the firm's today and no more than
 * {@code as-of-future-days} after it ({@link InputSettings}). A far date is a typo or an attack, never
 * a plan: an evaluation as of it would compute ladders, deadlines and reconciliation ages that mean
 * nothing, and might mail clients about them.
 */
@Singleton
class AsOfWindow {

    private final FirmTime firmTime;
    private final InputSettings settings;

    AsOfWindow(FirmTime firmTime, InputSettings settings) {
        this.firmTime = firmTime;
        this.settings = settings;
    }

    /** @throws InvalidInput naming asOf when it is not a date in the window; absent is fine (today) */
    void check(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return;
        }
        LocalDate date;
        try {
            date = Dates.parse(asOf);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "asOf", e.getMessage())));
        }
        LocalDate today = firmTime.today();
        LocalDate earliest = today.minusDays(settings.asOfPastDays());
        LocalDate latest = today.plusDays(settings.asOfFutureDays());
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw new InvalidInput(List.of(new FieldError(null, "asOf", "'" + date + "' is outside the window an"
                    + " evaluation may run as of: " + earliest + " to " + latest + " (" + settings.asOfPastDays()
                    + " days before today to " + settings.asOfFutureDays() + " days after)")));
        }
    }
}
