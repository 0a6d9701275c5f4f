package com.trustwatch.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code user-free-failures} failed logins for one user name, or
 * {@code address-free-failures} from one client address, that name or address is locked, first for
 * {@code first-lock}, and each further failure doubles the lock up to {@code max-lock}. While locked,
 * every login of it is answered 429 with Retry-After without looking at the password (so a guess
 * cannot be tested during the lock, not even the right one). A successful login clears its user
 * name's count. Every failure is logged and counted ({@code trustwatch.logins.failed}).
 * Kept in memory, per instance: a restart forgets, and each replica counts on its own.
 */
@Singleton
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    /** Failed logins so far and when the last lock ends. */
    private record Record(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    /** Why a login attempt was refused, for the failed-login counter. */
    public enum Outcome { BAD_CREDENTIALS, LOCKED }

    private final Map<String, Record> records = new ConcurrentHashMap<>();
    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public LoginThrottle(LoginThrottleSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** How long {@code user} or {@code address} stays locked, if either is. Counts the refusal. */
    public Optional<Duration> locked(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[]{userKey(user), addressKey(address)}) {
            Record r = key == null ? null : records.get(key);
            if (r != null && r.lockedUntil() != null && r.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, r.lockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (wait.isZero()) {
            return Optional.empty();
        }
        count(Outcome.LOCKED);
        LOG.warn("login refused for user {} from {}: locked for another {} s after repeated failures",
                printable(user), printable(address), seconds(wait));
        return Optional.of(wait);
    }

    /** A wrong password (or an unknown user name): counts it, and locks the name and address when due. */
    public void failed(String user, String address, boolean knownUser) {
        Instant now = clock.instant();
        if (records.size() >= settings.maxTracked()) {
            forgetOldest(now);
        }
        Record byUser = bump(userKey(user), settings.userFreeFailures(), now);
        Record byAddress = bump(addressKey(address), settings.addressFreeFailures(), now);
        count(Outcome.BAD_CREDENTIALS);
        LOG.warn("login failed for {} user {} from {}: {} failure(s) for the user{}, {} from the address{}",
                knownUser ? "" : "unknown", printable(user), printable(address),
                byUser == null ? 0 : byUser.failures(), lockText(byUser, now),
                byAddress == null ? 0 : byAddress.failures(), lockText(byAddress, now));
    }

    /** A correct password: the user name's failures are forgotten (the address's run out by themselves). */
    public void succeeded(String user) {
        String key = userKey(user);
        if (key != null) {
            records.remove(key);
        }
    }

    /** The lock that follows failure number {@code failures} when {@code free} are let through. */
    Duration lockAfter(int failures, int free) {
        if (failures <= free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(30, failures - free - 1);
        Duration lock = settings.firstLock().multipliedBy(1L << doublings);
        return lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock;
    }

    private Record bump(String key, int free, Instant now) {
        if (key == null) {
            return null;
        }
        return records.compute(key, (k, old) -> {
            int failures = old == null || expired(old, now) ? 1 : old.failures() + 1;
            Duration lock = lockAfter(failures, free);
            return new Record(failures, now, lock.isZero() ? null : now.plus(lock));
        });
    }

    private boolean expired(Record r, Instant now) {
        boolean lockOver = r.lockedUntil() == null || !r.lockedUntil().isAfter(now);
        return lockOver && r.lastFailure().plus(settings.forgetAfter()).isBefore(now);
    }

    private void forgetOldest(Instant now) {
        records.entrySet().removeIf(e -> expired(e.getValue(), now));
        if (records.size() >= settings.maxTracked()) {
            records.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastFailure()))
                    .ifPresent(e -> records.remove(e.getKey()));
        }
    }

    private void count(Outcome outcome) {
        meters.counter("trustwatch.logins.failed", "reason", outcome.name().toLowerCase()).increment();
    }

    private static String lockText(Record r, Instant now) {
        return r == null || r.lockedUntil() == null ? ""
                : " (locked for " + seconds(Duration.between(now, r.lockedUntil())) + " s)";
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String userKey(String user) {
        return user == null || user.isEmpty() ? null : "user:" + user;
    }

    private static String addressKey(String address) {
        return address == null || address.isEmpty() ? null : "address:" + address;
    }

    /** A user name as typed by anyone: cut, and without control characters, so it cannot forge log lines. */
    static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
