package com.trustwatch.evaluation;

import com.trustwatch.db.Timestamps;
import com.trustwatch.evaluation.WorkLeases.Lease;
import com.trustwatch.lifecycle.Draining;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.Ruleset;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Whole-book evaluations shared by every replica on one MySQL/MariaDB database. The replica that is
 * triggered cuts the book into chunks of matter ids (table {@code work_lease}); every replica, that
 * one included, leases chunks one at a time with {@code SELECT ... FOR UPDATE SKIP LOCKED}, evaluates
 * and records each in one transaction that also marks the chunk done, until none is left. The
 * triggered replica then closes the evaluation. An evaluation asked to stop has its chunks not yet
 * leased withdrawn ({@link WorkLeases#withdraw}); the chunks already leased are finished.
 *
 * <p>A replica leases only chunks whose ruleset version is its own, so replicas in the middle of a
 * rollout never mix two rulesets in one evaluation. A chunk whose lease expires (its replica died)
 * is leased again; completing it checks that the lease is still held, so it is recorded once. If two
 * replicas did decide the same matter, the idempotency key would still record each action once.
 *
 * <p>On by default on MySQL and MariaDB, where even one instance gains from it: its workers (two by
 * default) record chunks on their own connections, so the service and the database work at the same
 * time. Off on H2 (the embedded default), which has no {@code SKIP LOCKED}; {@code
 * trustwatch.evaluation.partitioned} decides explicitly ({@link LeasedPathCondition}).
 */
@Singleton
@Requires(condition = LeasedPathCondition.class)
public class PartitionedEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedEvaluation.class);
    private static final int MAX_ATTEMPTS = 3;

    /** What all replicas did for one evaluation. */
    /**
     * What a leased run recorded: matters and new actions of its finished chunks, and, when the service
     * began stopping before every chunk was done, why it ended early (null when it covered the book).
     */
    record Totals(int matters, int actionsNew, String stoppedEarly) {
    }

    /** The lease was taken over (it expired) or the run was cancelled: this replica's work is rolled back. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(Lease lease) {
            super("lease on chunk " + lease.chunkNo() + " of evaluation " + lease.evaluationId() + " was lost");
        }
    }

    private final MatterRepository matters;
    private final ChunkEvaluator chunks;
    private final ActiveRuleset ruleset;
    private final WorkLeases leases;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final EvaluationSettings settings;
    private final String owner;
    private final Semaphore working;
    private final ExecutorService background;
    private final TaskScheduler scheduler;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final ProgressReports progress;
    private final Draining draining;

    public PartitionedEvaluation(MatterRepository matters, ChunkEvaluator chunks, ActiveRuleset ruleset,
                                 WorkLeases leases, TransactionOperations<Connection> tx, Clock clock,
                                 EvaluationSettings settings,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService background,
                                 @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, ProgressReports progress,
                                 Draining draining) {
        this.matters = matters;
        this.chunks = chunks;
        this.ruleset = ruleset;
        this.leases = leases;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.working = new Semaphore(workers());
        this.background = background;
        this.scheduler = scheduler;
        this.progress = progress;
        this.draining = draining;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This replica's name in {@code work_lease.owner}. */
    public String owner() {
        return owner;
    }

    private int workers() {
        return Math.max(1, settings.workers());
    }

    /** Every replica looks for leasable chunks every {@code poll-interval}; the triggered replica also works at once. */
    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(Duration.ofSeconds(1), settings.pollInterval(), () -> {
            startHelpers();
            drainQuietly();
        });
    }

    /**
     * Plans the chunks of evaluation {@code id}, works on them with the other replicas, and waits for all.
     * When this service is stopping ({@link Draining}) the chunks nobody has leased are withdrawn, the
     * ones being worked on are finished, and the run ends there.
     *
     * @return the totals; {@link Totals#stoppedEarly()} says why when the service began stopping before
     *         every chunk was done
     */
    Totals evaluate(String id, LocalDate asOf, Ruleset rules, String actor) {
        List<long[]> ranges = matters.idRanges(settings.chunkSize());
        tx.executeWrite(status -> {
            leases.plan(id, ranges, asOf, rules.version(), actor, now());
            return null;
        });
        LOG.info("evaluation {}: {} chunks of up to {} matters offered to every replica on ruleset {}", id,
                ranges.size(), settings.chunkSize(), rules.version());
        startHelpers();
        boolean stopping = false;
        int withdrawnTotal = 0;
        while (true) {
            // with this run's own ruleset: once another version is activated every replica, this one included,
            // refuses chunks made with the old one, and only the coordinator still holds it
            drain(rules);
            if (draining.stopping()) {
                // like the single path: no chunk starts once the service is stopping; those in hand finish. Withdrawn
                // again on every round: a chunk in hand that fails (a deadlock's loser) goes back to the pool after
                // the first withdrawal, and no replica of a stopping service leases it, so the run would wait for
                // it until the shutdown's timeout
                int withdrawn = tx.executeWrite(status -> leases.withdraw(id, now()));
                withdrawnTotal += withdrawn;
                if (!stopping || withdrawn > 0) {
                    LOG.info("evaluation {}: the service is stopping; {} chunk(s) not yet leased withdrawn, the leased"
                            + " ones finish", id, withdrawn);
                }
                stopping = true;
            }
            WorkLeases.Progress p = leases.progress(id);
            if (p.failed() > 0) {
                tx.executeWrite(status -> leases.cancel(id, now()));
                throw new IllegalStateException(p.failed() + " chunk(s) of evaluation " + id + " failed: " + p.failure());
            }
            if (p.open() == 0) {
                return new Totals(p.matters(), p.actionsNew(), withdrawnTotal == 0 ? null
                        : "the service is stopping: evaluation " + id + " stopped after " + p.matters()
                        + " matters, every chunk before it recorded; trigger an evaluation again to cover the rest");
            }
            sleep(); // other replicas hold the remaining leases
        }
    }

    /** With {@code trustwatch.evaluation.workers} above 1, more threads of this replica lease chunks too. */
    private void startHelpers() {
        for (int i = 1; i < workers(); i++) {
            background.execute(this::drainQuietly);
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("leasing evaluation work failed; trying again at the next poll", e);
        }
    }

    /** Works on leased chunks until none is left; at most {@code workers} threads of a replica at once. */
    int drain() {
        return drain(null);
    }

    /**
     * As {@link #drain()}, with {@code pinned}, when not null, as the ruleset of every lease instead of the
     * version in force: the coordinator of a run works on its chunks with the ruleset the run started with.
     */
    private int drain(Ruleset pinned) {
        if (!working.tryAcquire()) {
            return 0;
        }
        try {
            int done = 0;
            // the ruleset is taken once per lease, so a chunk is decided by the version it was leased for
            // even when another version is activated meanwhile
            for (Ruleset rules = pinned != null ? pinned : ruleset.get(); !draining.stopping();
                 rules = pinned != null ? pinned : ruleset.get()) {
                Optional<Lease> lease = lease(rules);
                if (lease.isEmpty()) {
                    break;
                }
                work(lease.get(), rules);
                done++;
            }
            if (done > 0) {
                LOG.info("replica {} worked {} chunk(s)", owner, done);
            }
            return done;
        } finally {
            working.release();
        }
    }

    /** The next pending (or abandoned) chunk made with this replica's ruleset, leased to this replica. */
    Optional<Lease> lease(Ruleset rules) {
        String version = rules.version();
        LocalDateTime now = now();
        Optional<Lease> lease = tx.executeWrite(status ->
                leases.lease(version, owner, now, now.plusSeconds(settings.leaseSeconds())));
        if (lease.isEmpty()) {
            reportRefusals(version);
        }
        return lease;
    }

    private void work(Lease lease, Ruleset rules) {
        try {
            long t = chunks.tick();
            List<Matter> chunk = matters.findByIdGreaterThanAndIdLessThanEqualsOrderById(lease.afterId(), lease.lastId());
            chunks.tock(EvaluationTimings.Phase.LOAD, chunk.size(), t);
            ChunkEvaluator.Decided decided = chunks.decide(chunk, lease.asOf(), rules);
            long recording = chunks.tick();
            tx.executeWrite(status -> {
                // the lease row first: a replica that lost this lease stops here, before writing anything
                if (!leases.complete(lease, owner, chunk.size(), now())) {
                    throw new LeaseLost(lease);
                }
                int fresh = chunks.record(lease.evaluationId(), rules, chunk, decided, lease.asOf(), lease.actor(),
                        false);
                leases.countNew(lease, fresh);
                return null;
            });
            chunks.recorded(chunk.size(), recording);
            progress.chunkRecorded(lease.evaluationId());
        } catch (LeaseLost e) {
            LOG.warn("{}; the replica that holds it now records it", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("chunk {} of evaluation {} failed on {}", lease.chunkNo(), lease.evaluationId(), owner, e);
            tx.executeWrite(status -> {
                leases.release(lease, owner, e.getClass().getSimpleName() + ": " + e.getMessage(), MAX_ATTEMPTS, now());
                return null;
            });
        }
    }

    /** Says once per evaluation that this replica will not work on a run made with another ruleset. */
    private void reportRefusals(String version) {
        for (String[] other : leases.pendingOnOtherVersions(version)) {
            if (refused.add(other[0])) {
                LOG.warn("replica {} refuses evaluation {}: it was started with ruleset {}, this replica runs ruleset {}",
                        owner, other[0], other[1], version);
            }
        }
    }

    private LocalDateTime now() {
        return Timestamps.now(clock);
    }

    private void sleep() {
        try {
            Thread.sleep(settings.waitMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other replicas", e);
        }
    }
}
