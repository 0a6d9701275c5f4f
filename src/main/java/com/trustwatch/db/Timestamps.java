package com.trustwatch.db;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the database stores them: UTC wall time in a {@code TIMESTAMP(6)} column, so truncated
 * to microseconds (a value read back equals the value written, which claim tokens and audit hashes rely on).
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The injected clock's instant as a UTC {@code LocalDateTime} at microsecond precision. */
    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
