package com.trustwatch.console;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times on console pages, in the firm's time zone with its abbreviation ("2026-11-20 01:00 PST"), so a
 * billing manager in California does not read a UTC time as local. The service stores times as UTC
 * ({@code db.Timestamps}) and the API answers ISO-8601 instants; this only shows them. Every page's
 * model has one as {@code at} ({@link FirmTimeOnPages}). A missing time reads "—".
 */
public final class Moments {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.US);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ZoneId zone;

    /** @param zone the firm's time zone ({@code config.FirmTime#zone()}) */
    public Moments(ZoneId zone) {
        this.zone = zone;
    }

    /** A stored UTC time to the minute, in the firm's zone. */
    public String time(LocalDateTime utc) {
        return utc == null ? "—" : MINUTE.format(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone));
    }

    /** A stored UTC time to the second, in the firm's zone. */
    public String seconds(LocalDateTime utc) {
        return utc == null ? "—" : SECOND.format(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone));
    }

    /** The time of day of a stored UTC time, to the second, in the firm's zone. */
    public String clock(LocalDateTime utc) {
        return utc == null ? "—" : CLOCK.format(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone));
    }

    /** The firm's date of a stored UTC time. */
    public String day(LocalDateTime utc) {
        return utc == null ? "—" : DAY.format(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone));
    }

    /**
     * An ISO-8601 time with its offset as the API writes it ({@code 2026-11-20T09:00:13.668309Z}, or
     * {@code 2026-11-20T09:00Z} on the minute) to the minute, in the firm's zone.
     */
    public String instant(String iso) {
        return iso == null || iso.isBlank() ? "—" : MINUTE.format(OffsetDateTime.parse(iso).atZoneSameInstant(zone));
    }
}
