package com.trustwatch.db;

import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockConflictsTest {

    static final SQLException DEADLOCK = new SQLTransactionRollbackException(
            "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
    static final SQLException LOCK_WAIT = new SQLException(
            "Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);

    @Test
    @DisplayName("deadlocks and lock-wait timeouts are lock conflicts wherever they sit in the cause chain; other errors are not")
    void recognisesLockConflicts() {
        assertThat(LockConflicts.isLockConflict(new DataAccessException("recording", DEADLOCK))).isTrue();
        assertThat(LockConflicts.isLockConflict(new RuntimeException(new DataAccessException("x", LOCK_WAIT)))).isTrue();
        assertThat(LockConflicts.isLockConflict(new SQLException("Timeout trying to lock table", "HYT00", 50200))).isTrue();
        assertThat(LockConflicts.isLockConflict(new DataAccessException("dup",
                new SQLException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(LockConflicts.isLockConflict(new IllegalStateException("no"))).isFalse();
    }

    @Test
    @DisplayName("a unit rolled back by a deadlock runs again, and its result is returned")
    void retriesUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = new LockConflicts(OUTSIDE, 5).retry("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new DataAccessException("recording a chunk", DEADLOCK);
            }
            return "recorded";
        });
        assertThat(result).isEqualTo("recorded");
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("the number of attempts is bounded: the last conflict is thrown to the caller")
    void givesUpAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new LockConflicts(OUTSIDE, 3).retry("test", () -> {
            calls.incrementAndGet();
            throw new DataAccessException("claiming", LOCK_WAIT);
        })).isInstanceOf(DataAccessException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("other failures are not retried")
    void otherFailuresAreThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new LockConflicts(OUTSIDE, 5).retry("test", () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad data");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("inside a transaction someone else opened, nothing is retried: that transaction is already lost")
    void noRetryInsideAnOpenTransaction() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new LockConflicts(INSIDE, 5).retry("test", () -> {
            calls.incrementAndGet();
            throw new DataAccessException("recording", DEADLOCK);
        })).isInstanceOf(DataAccessException.class);
        assertThat(calls).hasValue(1);
    }

    private static final BooleanSupplier OUTSIDE = () -> false;
    private static final BooleanSupplier INSIDE = () -> true;
}
