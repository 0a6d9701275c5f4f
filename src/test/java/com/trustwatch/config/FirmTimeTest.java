package com.trustwatch.config;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Today" is the firm's today (issue 10, C). */
class FirmTimeTest {

    /** 16:00 in Los Angeles on Friday 2026-11-20 is already Saturday 00:00 in UTC. */
    static final Clock FOUR_PM_IN_LOS_ANGELES = Clock.fixed(
            ZonedDateTime.of(2026, 11, 20, 16, 0, 0, 0, ZoneId.of("America/Los_Angeles")).toInstant(), ZoneOffset.UTC);

    @Test
    @DisplayName("a 16:00 run in a US Pacific firm is on the Pacific date (2026-11-20), not on the UTC date that has moved on")
    void pacificAfternoonIsStillToday() {
        assertThat(LocalDate.ofInstant(FOUR_PM_IN_LOS_ANGELES.instant(), ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 11, 21));
        FirmTime firm = new FirmTime(FOUR_PM_IN_LOS_ANGELES, "America/Los_Angeles");
        assertThat(firm.today()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(firm.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    @DisplayName("the same instant is 19:00 on the 20th in New York and already the 21st in Tokyo")
    void otherZones() {
        assertThat(new FirmTime(FOUR_PM_IN_LOS_ANGELES, "America/New_York").today()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(new FirmTime(FOUR_PM_IN_LOS_ANGELES, "Asia/Tokyo").today()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(new FirmTime(FOUR_PM_IN_LOS_ANGELES, "-08:00").today()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    @DisplayName("without a setting the firm's zone is the host's")
    void defaultIsTheHostZone() {
        assertThat(new FirmTime(FOUR_PM_IN_LOS_ANGELES, (String) null).zone()).isEqualTo(ZoneId.systemDefault());
        assertThat(new FirmTime(FOUR_PM_IN_LOS_ANGELES, " ").zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    @DisplayName("a zone that is not one is refused at start, naming the setting")
    void badZoneRefused() {
        assertThatThrownBy(() -> new FirmTime(FOUR_PM_IN_LOS_ANGELES, "Pacific Time"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("trustwatch.firm.time-zone: 'Pacific Time' is not a time zone");
    }
}
