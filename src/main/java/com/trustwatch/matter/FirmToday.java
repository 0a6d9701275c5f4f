package com.trustwatch.matter;

import java.time.LocalDate;

/**
 * The firm's today: the date in the firm's time zone now ({@code com.trustwatch.config.FirmTime}
 * provides it). Every date on a matter records something that has happened, so none may be after it
 * ({@link MatterFields#parse}).
 */
@FunctionalInterface
public interface FirmToday {

    /** Today's date in the firm's time zone. */
    LocalDate today();
}
