package com.trustwatch.console;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class MomentsTest {

    private final Moments pacific = new Moments(ZoneId.of("America/Los_Angeles"));

    @Test
    @DisplayName("a stored UTC time reads in the firm's zone, with its abbreviation: 00:30 UTC on the 21st is 16:30 PST on the 20th")
    void firmsZone() {
        LocalDateTime utc = LocalDateTime.of(2026, 11, 21, 0, 30, 15);
        assertThat(pacific.time(utc)).isEqualTo("2026-11-20 16:30 PST");
        assertThat(pacific.seconds(utc)).isEqualTo("2026-11-20 16:30:15 PST");
        assertThat(pacific.clock(utc)).isEqualTo("16:30:15 PST");
        assertThat(pacific.day(utc)).isEqualTo("2026-11-20");
        assertThat(pacific.instant("2026-11-21T00:30:15.668309Z")).isEqualTo("2026-11-20 16:30 PST");
        assertThat(pacific.instant("2026-11-21T00:30Z")).as("on the minute, as LocalDateTime writes it").isEqualTo("2026-11-20 16:30 PST");
        assertThat(new Moments(ZoneId.of("UTC")).day(utc)).isEqualTo("2026-11-21");
    }

    @Test
    @DisplayName("a time not recorded reads as a dash")
    void missing() {
        assertThat(pacific.time(null)).isEqualTo("—");
        assertThat(pacific.instant(null)).isEqualTo("—");
        assertThat(pacific.day(null)).isEqualTo("—");
    }
}
