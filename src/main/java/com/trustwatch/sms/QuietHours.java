package com.trustwatch.sms;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * No text before {@code start} or from {@code end} on in the recipient's local time (8:00 and 21:00 by
 * default: the TCPA's calling hours, best practice for reminders). A recipient whose zone is not known
 * may be in any of several zones: then a text goes only while every one of them is outside quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Empty when a text may go at {@code now}; otherwise the first instant after it when one may. */
    public Optional<Instant> heldUntil(Instant now, List<ZoneId> zones) {
        if (allowed(now, zones)) {
            return Optional.empty();
        }
        // the next start of the day in some zone is where the window can open; the earliest that works wins
        Instant best = null;
        for (ZoneId zone : zones) {
            ZonedDateTime local = now.atZone(zone);
            ZonedDateTime opening = local.toLocalTime().isBefore(start) ? local.with(start)
                    : local.plusDays(1).with(start);
            for (int day = 0; day < 3; day++) {
                Instant candidate = opening.plusDays(day).toInstant();
                Instant latest = latestOpening(candidate, zones);
                if (allowed(latest, zones)) {
                    best = best == null || latest.isBefore(best) ? latest : best;
                    break;
                }
            }
        }
        return Optional.of(best == null ? now.plus(1, ChronoUnit.HOURS) : best);
    }

    private Instant latestOpening(Instant from, List<ZoneId> zones) {
        Instant t = from;
        for (ZoneId zone : zones) {
            ZonedDateTime local = t.atZone(zone);
            if (local.toLocalTime().isBefore(start)) {
                Instant open = local.with(start).toInstant();
                t = open.isAfter(t) ? open : t;
            }
        }
        return t;
    }

    boolean allowed(Instant at, List<ZoneId> zones) {
        for (ZoneId zone : zones) {
            LocalTime local = at.atZone(zone).toLocalTime();
            if (local.isBefore(start) || !local.isBefore(end)) {
                return false;
            }
        }
        return true;
    }
}
