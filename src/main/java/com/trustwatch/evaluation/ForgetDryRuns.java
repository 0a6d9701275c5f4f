package com.trustwatch.evaluation;

import com.trustwatch.db.Timestamps;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Dry runs are previews, not history: one that ended more than {@code trustwatch.evaluation.dry-run-retention}
 * ago is forgotten with what it found (a dry run of a large book stores as many rows as it found actions).
 * Real evaluations are never forgotten. Runs every hour, a batch at a time.
 */
@Singleton
public class ForgetDryRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetDryRuns.class);
    private static final int BATCH = 20;

    private final Evaluations evaluations;
    private final Previews previews;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final EvaluationSettings settings;
    private final TaskScheduler scheduler;

    public ForgetDryRuns(Evaluations evaluations, Previews previews, TransactionOperations<Connection> tx, Clock clock,
                         EvaluationSettings settings, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.evaluations = evaluations;
        this.previews = previews;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(Duration.ofMinutes(5), Duration.ofHours(1), () -> {
            try {
                forget();
            } catch (RuntimeException e) {
                LOG.warn("forgetting old dry runs failed; trying again in an hour", e);
            }
        });
    }

    /** Forgets every dry run that ended before the retention; returns how many. */
    public int forget() {
        LocalDateTime cutoff = Timestamps.now(clock).minus(settings.dryRunRetention());
        int forgotten = 0;
        while (true) {
            List<String> ids = evaluations.dryRunsEndedBefore(cutoff, BATCH);
            if (ids.isEmpty()) {
                return forgotten;
            }
            tx.executeWrite(status -> {
                previews.forget(ids);
                evaluations.forgetDryRuns(ids);
                return null;
            });
            forgotten += ids.size();
        }
    }
}
