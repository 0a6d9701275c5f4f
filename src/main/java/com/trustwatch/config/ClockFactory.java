package com.trustwatch.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/** The one place the wall clock enters; everything else is handed this Clock (tests replace it). */
@Factory
class ClockFactory {

    /**
     * The wall clock. The newcomer demo ({@code trustwatch.demo.as-of}) describes one day of a book, so
     * its clock starts at 09:00 of that day in the host's zone and runs on from there: its letters are
     * written, released and read on the day they describe, not weeks later with every date gone by.
     */
    @Singleton
    Clock clock(@Nullable @Value("${trustwatch.demo.as-of:}") String demoDay) {
        Clock wall = Clock.systemUTC();
        if (demoDay == null || demoDay.isBlank()) {
            return wall;
        }
        ZoneId host = ZoneId.systemDefault();
        return Clock.offset(wall, Duration.between(wall.instant(),
                LocalDate.parse(demoDay.trim()).atTime(9, 0).atZone(host).toInstant()));
    }
}
