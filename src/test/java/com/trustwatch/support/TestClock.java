package com.trustwatch.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The Clock every test application sees: fixed, and moved only by the test. Each test starts at {@link #START}. */
@Singleton
@Replaces(Clock.class)
@Requires(env = Environment.TEST)
public class TestClock extends Clock {

    /** Friday 20 November 2026, 09:00 UTC: the demo's "today". */
    public static final Instant START = LocalDate.of(2026, 11, 20).atTime(9, 0).toInstant(ZoneOffset.UTC);

    private volatile Instant now = START;

    /** Back to {@link #START}, as at the beginning of every integration test. */
    public void reset() {
        now = START;
    }

    public void set(LocalDate date) {
        now = date.atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advanceSeconds(long seconds) {
        now = now.plusSeconds(seconds);
    }

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
