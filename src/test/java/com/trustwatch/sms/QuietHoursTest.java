package com.trustwatch.sms;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

    static final QuietHours HOURS = new QuietHours(LocalTime.of(8, 0), LocalTime.of(21, 0));
    static final List<ZoneId> CHICAGO = List.of(ZoneId.of("America/Chicago"));

    @Test
    @DisplayName("between 8:00 and 21:00 in the recipient's zone a text goes; at 7:59 it waits until 8:00; at 21:00 until 8:00 the next morning")
    void oneZone() {
        // 2 November 2026: Chicago is UTC-6
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-02T14:00:00Z"), CHICAGO)).isEmpty();
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-02T13:59:00Z"), CHICAGO))
                .contains(Instant.parse("2026-11-02T14:00:00Z"));
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-03T02:59:00Z"), CHICAGO)).isEmpty(); // 20:59
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-03T03:00:00Z"), CHICAGO))
                .contains(Instant.parse("2026-11-03T14:00:00Z"));
    }

    @Test
    @DisplayName("a recipient whose zone is unknown gets a text only while it is daytime in every assumed zone")
    void unknownZone() {
        List<ZoneId> us = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"));
        // 13:00 UTC: 8:00 in New York, 5:00 in Los Angeles -> wait for 8:00 in Los Angeles (16:00 UTC)
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-02T13:00:00Z"), us))
                .contains(Instant.parse("2026-11-02T16:00:00Z"));
        // 01:30 UTC: 20:30 in New York, 17:30 in Los Angeles -> allowed
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-03T01:30:00Z"), us)).isEmpty();
        // 02:30 UTC: 21:30 in New York -> next window is 8:00 in Los Angeles the next day
        assertThat(HOURS.heldUntil(Instant.parse("2026-11-03T02:30:00Z"), us))
                .contains(Instant.parse("2026-11-03T16:00:00Z"));
    }
}
