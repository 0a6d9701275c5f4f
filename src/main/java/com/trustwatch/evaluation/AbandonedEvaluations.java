package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.outbox.Outbox;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluations whose process died while they were queued or ran. Each chunk an evaluation records is
 * complete and final (its actions carry their idempotency keys, so no later evaluation records them
 * again), but its outbox rows wait for the evaluation to finish, and a real evaluation holds the book
 * lock. An evaluation left QUEUED or RUNNING by a killed process would hold its chunks' messages back,
 * and the book, for ever; once it has shown no sign of life for {@code trustwatch.evaluation.abandon-after}
 * it is marked FAILED, which releases both, and withdraws the chunks of a leased run that no replica has
 * finished.
 */
@Singleton
public class AbandonedEvaluations {

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedEvaluations.class);

    private final Evaluations evaluations;
    private final Actions actions;
    private final Outbox outbox;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final Clock clock;
    private final LockConflicts conflicts;
    private final EvaluationSettings settings;
    private final TaskScheduler scheduler;
    private final WorkLeases leases;

    public AbandonedEvaluations(Evaluations evaluations, Actions actions, Outbox outbox, WorkLeases leases,
                                TransactionOperations<Connection> tx, AuditLog audit, Clock clock,
                                LockConflicts conflicts, EvaluationSettings settings,
                                @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.evaluations = evaluations;
        this.actions = actions;
        this.outbox = outbox;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.conflicts = conflicts;
        this.settings = settings;
        this.scheduler = scheduler;
        this.leases = leases;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(settings.abandonCheckInterval(), settings.abandonCheckInterval(), () -> {
            try {
                release();
            } catch (RuntimeException e) {
                LOG.warn("checking for abandoned evaluations failed; trying again at the next check", e);
            }
        });
    }

    /** Marks FAILED every QUEUED or RUNNING evaluation without a sign of life for the configured time; returns their ids. */
    public List<String> release() {
        LocalDateTime now = Timestamps.now(clock);
        LocalDateTime cutoff = now.minus(settings.abandonAfter());
        List<String> released = new ArrayList<>();
        for (String id : evaluations.stale(cutoff)) {
            if (conflicts.retry("releasing abandoned evaluation " + id, () -> abandon(id, now, cutoff))) {
                released.add(id);
            }
        }
        return released;
    }

    private boolean abandon(String id, LocalDateTime now, LocalDateTime cutoff) {
        String failure = tx.executeWrite(status -> evaluations.lockStale(id, cutoff).map(row -> {
            int recorded = actions.countNewBy(id);
            String why = "abandoned: no sign of life since " + (row.progressAt() == null ? row.acceptedAt() : row.progressAt())
                    + " while " + row.status() + " (trustwatch.evaluation.abandon-after is " + settings.abandonAfter()
                    + "), so the process running it stopped; " + (row.dryRun() ? "nothing of the book was changed"
                    : "the " + recorded + " actions its " + row.mattersEvaluated() + " evaluated matters recorded are"
                    + " released for delivery; run the evaluation again to cover the matters it did not reach");
            evaluations.finish(id, Evaluations.Status.FAILED, row.mattersEvaluated(),
                    row.dryRun() ? row.actionsPlanned() : actions.countDecidedBy(id), row.dryRun() ? row.actionsNew()
                            : recorded, why, now);
            if (!row.dryRun()) {
                // a leased run's chunks not yet done are withdrawn: a replica leasing one later would record
                // actions whose outbox rows wait for an evaluation that has already ended
                leases.cancel(id, now);
                outbox.release(id, now);
                audit.append(AuditRecord.of(AuditKind.EVALUATION_FAILED, "system", why)
                        .inEvaluation(id, row.rulesetVersion()));
            }
            return why;
        }).orElse(null));
        if (failure != null) {
            LOG.warn("evaluation {} {}", id, failure);
        }
        return failure != null;
    }
}
