package com.trustwatch.db;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a unit of work again when the database rolled it back over a lock conflict: chosen as a
 * deadlock victim, or out of patience waiting for a lock. On MariaDB/MySQL, overlapping evaluations
 * and dispatchers take row and gap locks in orders no code fully controls; InnoDB breaks a cycle by
 * rolling one transaction back and expects the application to run it again. Only idempotent units
 * that open their own transaction are handed here (recording a chunk, claiming or settling an outbox
 * group, handling an exception item), so running one twice is safe. A unit called inside a
 * transaction someone else opened is not retried: that transaction is already lost, and its owner decides.
 */
@Singleton
public class LockConflicts {

    private static final Logger LOG = LoggerFactory.getLogger(LockConflicts.class);
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int H2_LOCK_TIMEOUT = 50200;

    private final BooleanSupplier inTransaction;
    private final int attempts;

    @Inject
    public LockConflicts(TransactionOperations<Connection> tx,
                         @Value("${trustwatch.db.lock-conflict-attempts:5}") int attempts) {
        this(() -> tx.findTransactionStatus().isPresent(), attempts);
    }

    LockConflicts(BooleanSupplier inTransaction, int attempts) {
        this.inTransaction = inTransaction;
        this.attempts = Math.max(1, attempts);
    }

    /** Runs {@code work} (which opens and commits its own transaction) up to the configured number of times. */
    public <T> T retry(String what, Supplier<T> work) {
        if (inTransaction.getAsBoolean()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isLockConflict(e)) {
                    throw e;
                }
                LOG.info("{}: rolled back by a lock conflict ({}); attempt {} of {}, trying again", what,
                        rootMessage(e), attempt, attempts);
                pause(attempt);
            }
        }
    }

    public void retry(String what, Runnable work) {
        retry(what, () -> {
            work.run();
            return null;
        });
    }

    /** A deadlock or lock-wait timeout anywhere in the cause chain (MariaDB/MySQL and H2 codes). */
    public static boolean isLockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState())
                    || s.getErrorCode() == MYSQL_DEADLOCK || s.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT
                    || s.getErrorCode() == H2_LOCK_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /** 20, 40, 80 ... ms, each stretched by up to its own length so two victims do not collide again. */
    private static void pause(int attempt) {
        long base = 20L << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
