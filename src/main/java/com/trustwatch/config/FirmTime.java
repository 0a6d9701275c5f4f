package com.trustwatch.config;

import com.trustwatch.matter.FirmToday;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The firm's "today": the date in the firm's time zone ({@code trustwatch.firm.time-zone}, by default
 * the host's) at the injected {@link Clock}'s instant. It is the as-of date of an evaluation that
 * names none, the day a ledger event without a date happened, and the day a held request is released
 * (from which its deadline counts in business days). A run at 16:00 in California is on the
 * Californian date, not on the UTC date that has already moved on. SMS quiet hours, which depend on
 * the recipient's zone, are not decided here.
 */
@Singleton
public class FirmTime implements FirmToday {

    private final Clock clock;
    private final ZoneId zone;

    @Inject
    public FirmTime(Clock clock, FirmSettings firm) {
        this(clock, firm.timeZone());
    }

    /**
     * @param timeZone a region id ({@code America/Los_Angeles}) or offset ({@code -08:00}); null or blank: the host's zone
     * @throws ConfigurationException naming the setting when {@code timeZone} is not a time zone
     */
    public FirmTime(Clock clock, String timeZone) {
        this.clock = clock;
        this.zone = zone(timeZone);
    }

    /** The firm's time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** Today's date in the firm's time zone. */
    @Override
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new ConfigurationException("trustwatch.firm.time-zone: '" + timeZone.trim()
                    + "' is not a time zone; use a region such as America/Los_Angeles or America/New_York");
        }
    }
}
