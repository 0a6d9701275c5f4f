package com.trustwatch.lifecycle;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work that must not be cut in the middle: an evaluation's chunk, a dispatcher's send. Micronaut calls
 * {@link #shutdownGracefully()} when the process is asked to stop (SIGTERM, with
 * {@code micronaut.lifecycle.graceful-shutdown.enabled}) while the database pool is still open; from
 * then on {@link #stopping()} is true, running work stops at its next safe point, no new work begins,
 * and the shutdown waits until the last piece has ended, or the grace period
 * ({@code micronaut.lifecycle.graceful-shutdown.grace-period}) has passed.
 */
@Singleton
public class Draining implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(Draining.class);
    private final Set<Work> running = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean stopping;

    /** One piece of work in progress; close it when it has ended (try-with-resources). */
    public final class Work implements AutoCloseable {
        private final String what;

        private Work(String what) {
            this.what = what;
        }

        @Override
        public void close() {
            running.remove(this);
            if (stopping) {
                LOG.info("stopping: {} has ended; {} still running", what, running.size());
                if (running.isEmpty()) {
                    drained.complete(null);
                }
            }
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /**
     * Registers work that is starting.
     *
     * @throws ShuttingDown if the service is stopping: start nothing new
     */
    public Work begin(String what) {
        if (stopping) {
            throw new ShuttingDown("the service is stopping: " + what + " was not started; try again once it is back");
        }
        Work w = new Work(what);
        running.add(w);
        if (stopping) {
            running.remove(w);
            throw new ShuttingDown("the service is stopping: " + what + " was not started; try again once it is back");
        }
        return w;
    }

    /** Whether the service is stopping: running work ends at its next safe point. */
    public boolean stopping() {
        return stopping;
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        if (running.isEmpty()) {
            drained.complete(null);
        } else {
            LOG.info("stopping: waiting for {} to end (each at its next safe point)", running);
        }
        return drained;
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(running.size());
    }
}
