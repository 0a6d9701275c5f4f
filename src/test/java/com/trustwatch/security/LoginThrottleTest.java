package com.trustwatch.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    /** A clock the test moves. */
    static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-20T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Manual clock = new Manual();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(5, 20, Duration.ofSeconds(2),
            Duration.ofMinutes(15), Duration.ofHours(1), null, 1000), clock, meters);

    /** One login attempt as the filter and the authentication provider see it; true if the password was checked. */
    boolean attempt(String user, String address) {
        if (throttle.locked(user, address).isPresent()) {
            return false;
        }
        throttle.failed(user, address, true);
        return true;
    }

    @Test
    @DisplayName("60 wrong passwords in a row: 6 are checked, the other 54 are refused by the lock without a check")
    void sixtyWrongPasswords() {
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            checked += attempt("pat", "192.0.2.10") ? 1 : 0;
        }
        assertThat(checked).isEqualTo(6);
        assertThat(meters.counter("trustwatch.logins.failed", "reason", "bad_credentials").count()).isEqualTo(6);
        assertThat(meters.counter("trustwatch.logins.failed", "reason", "locked").count()).isEqualTo(54);
    }

    @Test
    @DisplayName("the lock doubles with each further failure (2 s, 4 s, 8 s …) and stops at 15 minutes")
    void exponentialLock() {
        assertThat(throttle.lockAfter(5, 5)).isZero();
        assertThat(throttle.lockAfter(6, 5)).hasSeconds(2);
        assertThat(throttle.lockAfter(7, 5)).hasSeconds(4);
        assertThat(throttle.lockAfter(9, 5)).hasSeconds(16);
        assertThat(throttle.lockAfter(20, 5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockAfter(500, 5)).isEqualTo(Duration.ofMinutes(15));
        for (int i = 0; i < 6; i++) {
            attempt("pat", "192.0.2.10");
        }
        assertThat(throttle.locked("pat", "198.51.100.7")).as("the user name is locked from any address")
                .contains(Duration.ofSeconds(2));
        clock.now = clock.now.plusSeconds(2);
        assertThat(throttle.locked("pat", "198.51.100.7")).isEmpty();
        attempt("pat", "192.0.2.10");
        assertThat(throttle.locked("pat", "198.51.100.7")).contains(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("one address guessing many user names is locked after 20 free failures, whatever the names")
    void addressLock() {
        for (int i = 0; i < 20; i++) {
            assertThat(attempt("user" + i, "203.0.113.5")).isTrue();
        }
        assertThat(throttle.locked("someone-else", "203.0.113.5")).as("20 are free").isEmpty();
        attempt("user20", "203.0.113.5");
        assertThat(throttle.locked("someone-else", "203.0.113.5")).isPresent();
        assertThat(throttle.locked("someone-else", "203.0.113.6")).isEmpty();
    }

    @Test
    @DisplayName("a correct password clears the user name's failures; failures an hour old are forgotten")
    void successAndForgetting() {
        for (int i = 0; i < 5; i++) {
            attempt("pat", "192.0.2.10");
        }
        throttle.succeeded("pat");
        attempt("pat", "192.0.2.10");
        assertThat(throttle.locked("pat", null)).isEmpty();
        for (int i = 0; i < 4; i++) {
            attempt("kim", "192.0.2.11");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        attempt("kim", "192.0.2.11");
        attempt("kim", "192.0.2.11");
        assertThat(throttle.locked("kim", null)).as("two failures after the old four were forgotten").isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("a user name with control characters cannot forge a log line")
    void printable() {
        assertThat(LoginThrottle.printable("pat\r\n2026-11-20 INFO fake")).doesNotContain("\n").doesNotContain("\r");
        assertThat(LoginThrottle.printable("x".repeat(500))).hasSizeLessThan(70);
    }
}
