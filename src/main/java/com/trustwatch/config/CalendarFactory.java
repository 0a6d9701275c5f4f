package com.trustwatch.config;

import com.trustwatch.decision.BusinessCalendar;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;

@Factory
class CalendarFactory {

    /** Weekends and the firm's configured holidays (trustwatch.firm.holidays, ISO dates). */
    @Singleton
    BusinessCalendar businessCalendar(FirmSettings firm) {
        List<String> days = firm.holidays() == null ? List.of() : firm.holidays();
        return new BusinessCalendar(days.stream().map(String::trim).map(LocalDate::parse).toList());
    }
}
