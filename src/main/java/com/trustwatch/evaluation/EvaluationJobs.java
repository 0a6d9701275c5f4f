package com.trustwatch.evaluation;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.lifecycle.Draining;
import com.trustwatch.lifecycle.ShuttingDown;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Evaluations as jobs: the HTTP trigger accepts an evaluation, runs it on one of this process's
 * {@code trustwatch.evaluation.concurrent-runs} threads and answers when it has ended or when the
 * caller's {@code wait} is over, whichever comes first; the caller follows it at its Location.
 * <ul>
 *   <li>A trigger with an {@code Idempotency-Key} that was seen before finds the evaluation it started,
 *       and starts nothing; the same key with a different request is refused.</li>
 *   <li>A real evaluation needs the book lock ({@link Evaluations}); while another holds it the trigger
 *       is refused with the running one named, or, for the same whole-book run asked without waiting,
 *       answered with the running one.</li>
 *   <li>Cancel: a queued evaluation is cancelled at once; a running one is asked to stop after the
 *       chunk it is recording (with partitioned runs, the chunks no replica has leased are withdrawn).</li>
 * </ul>
 */
@Singleton
public class EvaluationJobs {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationJobs.class);
    /** RFC 9110 token-ish: printable ASCII without spaces; what Stripe and most clients send (UUIDs). */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** What a trigger came to. */
    public sealed interface Answer {
        String id();
    }

    /** The evaluation it started has ended. */
    public record Ended(String id) implements Answer {
    }

    /** The evaluation it started is still queued or running (the caller's wait is over). */
    public record Started(String id) implements Answer {
    }

    /** The Idempotency-Key was seen before: this is the evaluation its first trigger started. */
    public record Replayed(String id, boolean ended) implements Answer {
    }

    /** The same whole-book run is already queued or running; the caller did not want to wait, so that one is the answer. */
    public record Joined(String id) implements Answer {
    }

    /** Another real evaluation holds the book: nothing was started. */
    public record Busy(String id, LocalDate asOf, String status) implements Answer {
    }

    private final EvaluateMatters evaluate;
    private final Evaluations evaluations;
    private final WorkLeases leases;
    private final AuditLog audit;
    private final Dispatcher dispatcher;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final LockConflicts conflicts;
    private final EvaluationSettings settings;
    private final TaskScheduler scheduler;
    private final ExecutorService background;
    private final Draining draining;
    private final ExecutorService pool;
    private final Map<String, Future<?>> mine = new ConcurrentHashMap<>();

    public EvaluationJobs(EvaluateMatters evaluate, Evaluations evaluations, WorkLeases leases, AuditLog audit,
                          Dispatcher dispatcher, TransactionOperations<Connection> tx, Clock clock,
                          LockConflicts conflicts, EvaluationSettings settings,
                          @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                          @Named(TaskExecutors.BLOCKING) ExecutorService background, Draining draining) {
        this.evaluate = evaluate;
        this.evaluations = evaluations;
        this.leases = leases;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.tx = tx;
        this.clock = clock;
        this.conflicts = conflicts;
        this.settings = settings;
        this.scheduler = scheduler;
        this.background = background;
        this.draining = draining;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "evaluation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.concurrentRuns()), threads);
    }

    /** A queued evaluation waiting for a thread is marked alive, so no replica takes it for abandoned. */
    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(settings.abandonCheckInterval(), settings.abandonCheckInterval(), () -> {
            try {
                if (!mine.isEmpty()) {
                    tx.executeWrite(status -> {
                        evaluations.stillQueued(mine.keySet(), Timestamps.now(clock));
                        return null;
                    });
                }
            } catch (RuntimeException e) {
                LOG.warn("marking queued evaluations alive failed; trying again at the next check", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Refuses a trigger whose {@code Idempotency-Key} or {@code wait} is not understood, before anything
     * runs on its behalf.
     *
     * @throws InvalidInput naming {@code Idempotency-Key} or {@code wait}
     */
    private void check(EvaluationRequest request, @Nullable String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidInput(List.of(new FieldError(null, "Idempotency-Key", "must be 1 to 255 printable"
                    + " ASCII characters without spaces (a UUID, for example)")));
        }
        if (request.waitSeconds() != null && (request.waitSeconds() < 0 || request.waitSeconds() > settings.maxWait().toSeconds())) {
            throw new InvalidInput(List.of(new FieldError(null, "wait", "must be a number of seconds from 0 to "
                    + settings.maxWait().toSeconds() + "; got " + request.waitSeconds())));
        }
    }

    /**
     * Accepts a trigger and runs it in the background.
     *
     * @param idempotencyKey the {@code Idempotency-Key} header, or null
     * @param wait           how long to wait for the evaluation to end before answering; null: until it ends
     * @throws InvalidInput naming the field (asOf, matters, wait, Idempotency-Key) when the trigger is not
     *                      understood, or the key was used for a different request; nothing is started
     * @throws ShuttingDown when the service is stopping (nothing is started), or it stopped the evaluation
     *                      this trigger waits for
     */
    public Answer trigger(EvaluationRequest request, String actor, @Nullable String idempotencyKey,
                          @Nullable Duration wait) {
        return trigger(request, actor, idempotencyKey, wait, () -> { });
    }

    /**
     * {@link #trigger(EvaluationRequest, String, String, Duration)}, running {@code beforeAccept} (a
     * practice-management sync that refreshes the book) once the trigger is known to start a new
     * evaluation: not for one refused (its as-of date, real runs held), replayed, joined or answered
     * busy, and not while the service is stopping. A named matter in neither the book nor the synced
     * system is refused after it ran; what it synced stays, audited. It runs before the
     * evaluation is recorded, so the evaluation counts the book it leaves. Two triggers that arrive
     * while no evaluation holds the book may both run it before one of them is answered busy.
     */
    public Answer trigger(EvaluationRequest request, String actor, @Nullable String idempotencyKey,
                          @Nullable Duration wait, Runnable beforeAccept) {
        check(request, idempotencyKey);
        if (draining.stopping()) {
            throw new ShuttingDown("the service is stopping: the evaluation was not started; trigger an evaluation"
                    + " again once it is back");
        }
        String fingerprint = request.fingerprint();
        boolean prepared = false;
        for (int attempt = 1; ; attempt++) {
            Optional<Answer> seen = replay(idempotencyKey, fingerprint);
            if (seen.isPresent()) {
                return seen.get();
            }
            if (!prepared) {
                evaluate.precheck(request); // accept()'s refusals, before the book's holder as before
                if (!request.isDryRun()) {
                    Optional<Answer> held = evaluations.holdingTheBook().map(h -> heldBy(h, request, wait));
                    if (held.isPresent()) {
                        return held.get();
                    }
                }
                beforeAccept.run();
                prepared = true;
            }
            EvaluateMatters.Accepted accepted;
            try {
                accepted = evaluate.accept(request, actor, idempotencyKey);
            } catch (Evaluations.Taken taken) {
                seen = replay(idempotencyKey, fingerprint);
                if (seen.isPresent()) {
                    return seen.get(); // a concurrent retry with the same key got there first
                }
                Optional<Evaluations.Row> holder = evaluations.holdingTheBook();
                if (holder.isPresent()) {
                    return heldBy(holder.get(), request, wait);
                }
                if (attempt == 3) {
                    throw taken;
                }
                continue; // it ended between our insert and our look: try again
            }
            return await(submit(accepted), accepted.id(), wait);
        }
    }

    /** The answer to a trigger while evaluation {@code h} holds the book: join it when it is the same run, else busy. */
    private Answer heldBy(Evaluations.Row h, EvaluationRequest request, @Nullable Duration wait) {
        boolean sameRun = wait != null && h.selectionSize() == null && request.matters() == null
                && h.asOf().equals(evaluate.asOf(request));
        return sameRun ? new Joined(h.id()) : new Busy(h.id(), h.asOf(), h.status().name());
    }

    private Optional<Answer> replay(String key, String fingerprint) {
        if (key == null) {
            return Optional.empty();
        }
        return evaluations.byIdempotencyKey(key).map(row -> {
            if (!fingerprint.equals(row.fingerprint())) {
                throw new InvalidInput(List.of(new FieldError(null, "Idempotency-Key", "was used for a different"
                        + " request (evaluation " + row.id() + " as of " + row.asOf() + "); a new request needs a new key")));
            }
            return new Replayed(row.id(), row.status().ended());
        });
    }

    private Future<?> submit(EvaluateMatters.Accepted accepted) {
        // the trigger's request id (and the rest of its logging context) goes with the evaluation's log lines
        Map<String, String> context = MDC.getCopyOfContextMap();
        FutureTask<Void> job = new FutureTask<>(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                evaluate.runAccepted(accepted);
                if (!accepted.dryRun()) {
                    // delivery starts now, apart: whoever waits for the evaluation does not wait for the mail
                    background.submit(dispatcher::dispatchDue);
                }
            } catch (RuntimeException e) {
                LOG.warn("evaluation {} failed: {}", accepted.id(), e.toString());
                throw e; // for whoever waits: a stopping service answers 503 (the evaluation records how it ended)
            } finally {
                mine.remove(accepted.id());
                MDC.clear();
            }
        }, null);
        mine.put(accepted.id(), job);
        pool.execute(job);
        return job;
    }

    private static Answer await(Future<?> job, String id, Duration wait) {
        try {
            if (wait == null) {
                job.get();
            } else {
                job.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            return new Ended(id);
        } catch (TimeoutException e) {
            return new Started(id);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ShuttingDown stopping) {
                throw stopping;
            }
            return new Ended(id); // the evaluation records how it ended
        } catch (CancellationException e) {
            return new Ended(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Started(id);
        }
    }

    /**
     * Stops an evaluation: a queued one at once, a running one after the chunk it is recording. What was
     * recorded stays recorded and is released for delivery when it stops; the audit says who asked.
     *
     * @return true when it has ended (it was queued), false when it will stop after its current chunk
     * @throws NoSuchElementException     when there is no such evaluation
     * @throws TransitionRefusedException when it has ended already
     */
    public boolean cancel(String id, String actor) {
        Evaluations.Row row = evaluations.find(id).orElseThrow(() -> new NoSuchElementException("no evaluation " + id));
        if (row.status().ended()) {
            throw new TransitionRefusedException("evaluation " + id + " has already ended (" + row.status()
                    + "): there is nothing to cancel");
        }
        Boolean ended = conflicts.retry("cancelling evaluation " + id, () -> tx.executeWrite(status -> {
            LocalDateTime now = Timestamps.now(clock);
            if (evaluations.cancelQueued(id, actor, now)) {
                if (!row.dryRun()) {
                    audit.append(AuditRecord.of(AuditKind.EVALUATION_CANCELLED, actor, "CANCELLED by " + actor
                            + " before it began to run: no matter was evaluated").inEvaluation(id, row.rulesetVersion()));
                }
                return true;
            }
            if (evaluations.requestCancel(id, actor, now)) {
                int withdrawn = leases.withdraw(id, now);
                if (!row.dryRun()) {
                    Evaluations.Row current = evaluations.find(id).orElse(row);
                    audit.append(AuditRecord.of(AuditKind.EVALUATION_CANCEL_REQUESTED, actor, actor + " asked it to"
                            + " stop after the chunk it is recording; " + current.mattersEvaluated() + " of "
                            + current.mattersTotal() + " matters evaluated so far"
                            + (withdrawn == 0 ? "" : "; " + withdrawn + " chunk(s) no replica had leased withdrawn"))
                            .inEvaluation(id, row.rulesetVersion()));
                }
                return false;
            }
            // asked already, or it ended meanwhile: nothing more to do
            return evaluations.find(id).map(r -> r.status().ended()).orElse(true);
        }));
        Future<?> job = mine.get(id);
        if (Boolean.TRUE.equals(ended) && job != null && job.cancel(false)) {
            mine.remove(id); // it never began, and now never will
        }
        return Boolean.TRUE.equals(ended);
    }
}
