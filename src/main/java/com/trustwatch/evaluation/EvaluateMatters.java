package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.audit.Checkpoint;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.evaluation.Evaluations.Status;
import com.trustwatch.lifecycle.Draining;
import com.trustwatch.lifecycle.ShuttingDown;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The evaluation use case. A trigger is first accepted (recorded QUEUED; a real one takes the book
 * lock, so only one real evaluation of the book runs at a time on every replica), then run: the book
 * is read in chunks and each chunk goes through the rules. A real run records each chunk's actions,
 * outbox rows and audit entries in one transaction and, when it ends, releases the outbox rows for
 * delivery. A dry run records nothing in the book: it stores, chunk by chunk, what it found and what a
 * real run would do with each action now ({@link DryRunOutcomes}). Between chunks a run looks whether
 * someone asked it to stop, and stops there (CANCELLED). With {@code trustwatch.evaluation.partitioned=true}
 * the chunks of a whole-book run are leased from the database so that every replica sharing it works
 * on the same evaluation (docs/scaling.md). {@link EvaluationJobs} runs evaluations in the background
 * for the HTTP trigger; the methods here run one in the calling thread. A real run ends with a signed
 * audit checkpoint ({@link AuditLog#checkpoint()}), kept with the evaluation. When the service is
 * stopping ({@link Draining}) a run stops after the chunk it is recording, marked FAILED saying so.
 */
@Singleton
public class EvaluateMatters {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateMatters.class);

    private final MatterRepository matters;
    private final ActiveRuleset ruleset;
    private final ChunkEvaluator chunks;
    private final Evaluations evaluations;
    private final Previews previews;
    private final DryRunOutcomes outcomes;
    private final ReadEvaluations reader;
    private final Actions actions;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ExecutorService background;
    private final EvaluationSettings settings;
    private final PartitionedEvaluation partitioned;
    private final LockConflicts conflicts;
    private final ProgressReports progress;
    private final Draining draining;
    private final EvaluationMetrics metrics;
    private final FirmTime firmTime;

    public EvaluateMatters(MatterRepository matters, ActiveRuleset ruleset, ChunkEvaluator chunks,
                           Evaluations evaluations, Previews previews, DryRunOutcomes outcomes, ReadEvaluations reader,
                           Actions actions, Outbox outbox, Dispatcher dispatcher,
                           AuditLog audit, TransactionOperations<Connection> tx, Clock clock,
                           @Named(TaskExecutors.BLOCKING) ExecutorService background, EvaluationSettings settings,
                           @Nullable PartitionedEvaluation partitioned, LockConflicts conflicts,
                           ProgressReports progress, Draining draining, EvaluationMetrics metrics, FirmTime firmTime) {
        this.matters = matters;
        this.ruleset = ruleset;
        this.chunks = chunks;
        this.evaluations = evaluations;
        this.previews = previews;
        this.outcomes = outcomes;
        this.reader = reader;
        this.actions = actions;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.background = background;
        this.settings = settings;
        this.partitioned = partitioned;
        this.conflicts = conflicts;
        this.progress = progress;
        this.draining = draining;
        this.metrics = metrics;
        this.firmTime = firmTime;
    }

    /**
     * What an evaluation did, without its actions (which a large book has hundreds of thousands of);
     * {@code auditCheckpoint}: the signed checkpoint that closed a real run (null for dry runs, or when
     * it could not be made).
     */
    public record Summary(String id, LocalDate asOf, boolean dryRun, String rulesetVersion, String status,
                          int mattersEvaluated, int actionsPlanned, int actionsNew, @Nullable Checkpoint auditCheckpoint) {
    }

    /** A trigger accepted and recorded QUEUED, with what running it needs. {@code selection} null: the whole book. */
    record Accepted(String id, LocalDate asOf, boolean dryRun, Ruleset rules, @Nullable List<String> selection,
                    String actor, int mattersTotal) {
    }

    /** A real evaluation could not start: another one holds the book. */
    public static final class BookBusy extends RuntimeException {
        private final transient Evaluations.Row holder;

        BookBusy(Evaluations.Row holder) {
            super("evaluation " + holder.id() + " as of " + holder.asOf() + " is " + holder.status()
                    + ": one real evaluation of the book runs at a time");
            this.holder = holder;
        }

        public Evaluations.Row holder() {
            return holder;
        }
    }

    /**
     * Evaluates in the calling thread and answers with the evaluation (its actions listed when there
     * are at most {@code trustwatch.evaluation.inline-actions}); a real run then starts delivery.
     *
     * @throws BookBusy when another real evaluation is queued or running
     */
    public EvaluationView run(EvaluationRequest request, String actor) {
        Accepted accepted = acceptOrBusy(request, actor);
        runAccepted(accepted);
        if (!accepted.dryRun()) {
            background.submit(dispatcher::dispatchDue);
        }
        return reader.find(accepted.id(), request.wantsActions()).orElseThrow();
    }

    /**
     * Plans without recording anything, not even the dry run itself: every planned action goes to
     * {@code sink}. For benchmarks and tests that need what the rules decide; the HTTP dry run is
     * {@link #run} with {@code dryRun}, which also says what a real run would do with each action.
     */
    public Summary preview(EvaluationRequest request, Consumer<PlannedAction> sink) {
        long started = System.nanoTime();
        LocalDate asOf = asOf(request);
        Ruleset rules = ruleset.get();
        List<String> selection = selection(request);
        int evaluated = 0;
        int planned = 0;
        for (List<Matter> chunk : chunks(selection)) {
            for (PlannedAction a : chunks.decide(chunk, asOf, rules).planned()) {
                sink.accept(a);
                planned++;
            }
            evaluated += chunk.size();
        }
        metrics.finished(true, "DONE", evaluated, System.nanoTime() - started);
        return new Summary(UUID.randomUUID().toString(), asOf, true, rules.version(), "DONE", evaluated, planned, 0, null);
    }

    /** What a what-if hands on for each chunk: the chunk, and what each of the two rulesets decided for it. */
    @FunctionalInterface
    public interface ChunkComparison {
        void accept(List<Matter> chunk, RuleEngine.Outcome before, List<PlannedAction> plannedBefore,
                    RuleEngine.Outcome after, List<PlannedAction> plannedAfter);
    }

    /**
     * A dry run of the whole book under two rulesets (a what-if for a ruleset version): each chunk is
     * read once and decided by both; nothing is written or sent. Returns the number of matters.
     */
    public int compare(LocalDate asOf, Ruleset before, Ruleset after, ChunkComparison sink) {
        int evaluated = 0;
        for (List<Matter> chunk : chunks(null)) {
            ChunkEvaluator.Decided[] both = chunks.decideBoth(chunk, asOf, before, after);
            sink.accept(chunk, both[0].outcome(), both[0].planned(), both[1].outcome(), both[1].planned());
            evaluated += chunk.size();
        }
        return evaluated;
    }

    /**
     * A real run in the calling thread, recorded chunk by chunk, then released for delivery. A failure
     * marks the evaluation FAILED (the chunks recorded before it stay recorded and are released too)
     * and is rethrown.
     *
     * @throws BookBusy when another real evaluation is queued or running
     */
    public Summary execute(EvaluationRequest request, String actor) {
        if (request.isDryRun()) {
            throw new IllegalArgumentException("a dry run is a preview");
        }
        return runAccepted(acceptOrBusy(request, actor));
    }

    /** A recorded evaluation, real or dry, with its actions when there are few. */
    public Optional<EvaluationView> find(String id) {
        return reader.find(id, true);
    }

    /**
     * What {@link #accept} refuses before it takes the book, asked without recording anything: the as-of
     * date, and for a real run whether real runs are held (a compliance pack awaiting counsel's
     * sign-off). The named matters are not asked here: a sync before the evaluation may bring a matter
     * new in the practice-management system into the book.
     *
     * @throws InvalidInput naming asOf; the hold's refusal for a real run
     */
    void precheck(EvaluationRequest request) {
        asOf(request);
        if (!request.isDryRun()) {
            ruleset.forRealRun();
        }
    }

    private Accepted acceptOrBusy(EvaluationRequest request, String actor) {
        try {
            return accept(request, actor, null);
        } catch (Evaluations.Taken taken) {
            throw evaluations.holdingTheBook().map(BookBusy::new).orElseThrow(() -> taken);
        }
    }

    /**
     * Checks the trigger (as-of date, the matters it names) and records it QUEUED; a real one takes the
     * book lock and is audited. Nothing runs yet.
     *
     * @throws InvalidInput      naming asOf or matters when they are not understood; nothing is recorded
     * @throws Evaluations.Taken when a real evaluation holds the book, or {@code idempotencyKey} is taken
     */
    Accepted accept(EvaluationRequest request, String actor, @Nullable String idempotencyKey) {
        LocalDate asOf = asOf(request);
        List<String> selection = selection(request);
        // a real run uses the version in force for real runs; a dry run previews what is active now
        Ruleset rules = request.isDryRun() ? ruleset.get() : ruleset.forRealRun();
        int total = selection == null ? (int) matters.count() : selection.size();
        String id = UUID.randomUUID().toString();
        Evaluations.NewEvaluation row = new Evaluations.NewEvaluation(id, asOf, request.isDryRun(), rules.version(),
                total, selection == null ? null : selection.size(), actor, idempotencyKey, request.fingerprint());
        conflicts.retry("accepting evaluation " + id, () -> tx.executeWrite(status -> {
            evaluations.accept(row, Timestamps.now(clock));
            if (!request.isDryRun()) {
                audit.append(AuditRecord.of(AuditKind.EVALUATION_STARTED, actor, "evaluation as of " + asOf + " of "
                        + (selection == null ? "the whole book (" + total + " matters)" : total + " named matter(s)")
                        + " accepted").inEvaluation(id, rules.version()));
            }
            return null;
        }));
        return new Accepted(id, asOf, request.isDryRun(), rules, selection, actor, total);
    }

    /**
     * Runs an accepted evaluation to its end in the calling thread. One that is no longer QUEUED
     * (cancelled before it began, or taken for abandoned) is left as it is.
     */
    Summary runAccepted(Accepted a) {
        Draining.Work work;
        try {
            work = draining.begin((a.dryRun() ? "dry run " : "evaluation ") + a.id());
        } catch (ShuttingDown e) {
            finish(a, Status.FAILED, 0, 0, e.getMessage(), null, System.nanoTime());
            throw e;
        }
        try (work) {
            return runAccepted(a, System.nanoTime());
        }
    }

    private Summary runAccepted(Accepted a, long started) {
        String id = a.id();
        if (!conflicts.retry("starting evaluation " + id,
                () -> tx.executeWrite(status -> evaluations.markRunning(id, Timestamps.now(clock))))) {
            return summary(evaluations.find(id).orElseThrow());
        }
        progress.started(id);
        LOG.info("{} {} as of {} started by {}: {} on ruleset {}", a.dryRun() ? "dry run" : "evaluation", id, a.asOf(),
                a.actor(), a.selection() == null ? "the whole book, " + a.mattersTotal() + " matters"
                        : a.mattersTotal() + " named matter(s)", a.rules().version());
        int evaluated = 0;
        int fresh = 0;
        String lastMatter = null;
        boolean stopped = false;
        try {
            if (!a.dryRun() && partitioned != null && a.selection() == null) {
                PartitionedEvaluation.Totals totals = partitioned.evaluate(id, a.asOf(), a.rules(), a.actor());
                evaluated = totals.matters();
                fresh = totals.actionsNew();
                if (totals.stoppedEarly() != null) {
                    throw new ShuttingDown(totals.stoppedEarly());
                }
                stopped = evaluations.cancelRequested(id);
            } else {
                for (List<Matter> chunk : chunks(a.selection())) {
                    if (evaluations.cancelRequested(id)) {
                        stopped = true;
                        break;
                    }
                    if (draining.stopping()) {
                        throw new ShuttingDown("the service is stopping: " + (a.dryRun() ? "dry run " : "evaluation ")
                                + id + " stopped after " + evaluated + " matters, every chunk before it recorded;"
                                + " trigger an evaluation again to cover the rest");
                    }
                    fresh += a.dryRun() ? preview(a, chunk) : record(a, chunk);
                    evaluated += chunk.size();
                    lastMatter = chunk.get(chunk.size() - 1).matterNumber();
                    progress.chunkRecorded(id);
                }
            }
        } catch (RuntimeException e) {
            String why = e instanceof ShuttingDown ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            finish(a, Status.FAILED, evaluated, fresh, why, null, started);
            LOG.warn("{} {} FAILED after {} matters: {}", a.dryRun() ? "dry run" : "evaluation", id, evaluated, why);
            throw e;
        }
        Summary done = finish(a, stopped ? Status.CANCELLED : Status.DONE, evaluated, fresh, null, lastMatter, started);
        LOG.info("{} {} {}: {} of {} matters, {} actions decided, {} {}, in {} ms", a.dryRun() ? "dry run" : "evaluation",
                id, done.status(), done.mattersEvaluated(), a.mattersTotal(), done.actionsPlanned(), done.actionsNew(),
                a.dryRun() ? "would be new" : "new", (System.nanoTime() - started) / 1_000_000);
        return done;
    }

    /** Records one chunk of a real run (one transaction, run again after a lock conflict). @return actions new */
    private int record(Accepted a, List<Matter> chunk) {
        ChunkEvaluator.Decided decided = chunks.decide(chunk, a.asOf(), a.rules());
        // a chunk is recorded in one transaction; overlapping work can deadlock on it, and recording is
        // idempotent, so a chunk the database rolled back is recorded again
        return conflicts.retry("recording a chunk of evaluation " + a.id(),
                () -> chunks.record(a.id(), a.rules(), chunk, decided, a.asOf(), a.actor()));
    }

    /** Stores what one chunk of a dry run found. @return how many of its actions a real run would record new */
    private int preview(Accepted a, List<Matter> chunk) {
        ChunkEvaluator.Decided decided = chunks.decide(chunk, a.asOf(), a.rules());
        long t = chunks.tick();
        List<EvaluationView.Action> found = outcomes.of(decided, chunks.collapsed(decided));
        Tallies tallies = new Tallies();
        int fresh = 0;
        for (EvaluationView.Action f : found) {
            tallies.add(f.type(), f.severity(), f.band(), f.outcome());
            if (DryRunOutcomes.NEW.equals(f.outcome())) {
                fresh++;
            }
        }
        conflicts.retry("storing a chunk of dry run " + a.id(), () -> tx.executeWrite(status -> {
            previews.add(a.id(), found);
            evaluations.chunkRecorded(a.id(), chunk.size(), tallies.list(), Timestamps.now(clock));
            return null;
        }));
        chunks.tock(EvaluationTimings.Phase.RECORD, chunk.size(), t);
        return fresh;
    }

    private List<String> selection(EvaluationRequest request) {
        List<String> selection = request.matters() == null ? null
                : List.copyOf(new LinkedHashSet<>(request.matters()));
        if (selection != null) {
            List<String> known = matters.findByMatterNumberIn(selection).stream().map(Matter::matterNumber).toList();
            List<FieldError> unknown = selection.stream().filter(m -> !known.contains(m))
                    .map(m -> new FieldError(null, "matters", "no matter " + m)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInput(unknown);
            }
        }
        return selection;
    }

    /** Reads the book in keyset-paged chunks so a large book is never held whole. */
    private Iterable<List<Matter>> chunks(List<String> selection) {
        int size = settings.chunkSize();
        if (selection != null) {
            List<List<Matter>> out = new ArrayList<>();
            for (int i = 0; i < selection.size(); i += size) {
                out.add(matters.findByMatterNumberIn(selection.subList(i, Math.min(selection.size(), i + size))));
            }
            return out;
        }
        return () -> new Iterator<>() {
            private long after = 0;
            private List<Matter> next = load();

            private List<Matter> load() {
                long t = chunks.tick();
                List<Matter> page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, size));
                chunks.tock(EvaluationTimings.Phase.LOAD, page.size(), t);
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
                return page;
            }

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<Matter> next() {
                if (next.isEmpty()) {
                    throw new NoSuchElementException();
                }
                List<Matter> current = next;
                next = current.size() < size ? List.of() : load();
                return current;
            }
        };
    }

    /** The as-of date a trigger asks for: the date given, or today. */
    LocalDate asOf(EvaluationRequest request) {
        String asOf = request.asOf();
        if (asOf == null || asOf.isBlank()) {
            return firmTime.today(); // the firm's today, not the UTC date that may already be tomorrow
        }
        try {
            return MatterFields.date(asOf);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "asOf", e.getMessage())));
        }
    }

    /**
     * Closes the evaluation and, for a real one, releases what it recorded for delivery and audits how
     * it ended, in one transaction; then signs an audit checkpoint (a real run), reports to the metrics
     * and tells the progress listeners.
     */
    private Summary finish(Accepted a, Status status, int evaluated, int fresh, String failure, String lastMatter,
                           long started) {
        Summary closed = conflicts.retry("finishing evaluation " + a.id(), () -> tx.executeWrite(s -> {
            var now = Timestamps.now(clock);
            Evaluations.Row row = evaluations.find(a.id()).orElseThrow();
            int planned = a.dryRun() ? row.actionsPlanned() : actions.countDecidedBy(a.id());
            int news = a.dryRun() ? row.actionsNew() : fresh;
            if (!evaluations.finish(a.id(), status, evaluated, planned, news, failure, now)) {
                return summary(row); // it had ended already (declared abandoned meanwhile)
            }
            if (!a.dryRun()) {
                outbox.release(a.id(), now);
                audit.append(endEntry(a, row, status, evaluated, news, failure, lastMatter));
            }
            return new Summary(a.id(), a.asOf(), a.dryRun(), a.rules().version(), status.name(), evaluated, planned, news,
                    null);
        }));
        Summary summary = closed;
        if (!a.dryRun() && status.name().equals(closed.status())) {
            Checkpoint checkpoint = checkpoint(a.id());
            summary = new Summary(closed.id(), closed.asOf(), false, closed.rulesetVersion(), closed.status(),
                    closed.mattersEvaluated(), closed.actionsPlanned(), closed.actionsNew(), checkpoint);
            metrics.recorded(actions.tallyNewBy(a.id()));
        }
        metrics.finished(a.dryRun(), summary.status(), summary.mattersEvaluated(), System.nanoTime() - started);
        progress.ended(a.id());
        return summary;
    }

    /**
     * The audit checkpoint that closes a real evaluation, kept with it; a failure to sign or keep it is
     * logged, never fatal (the next checkpoint covers the same entries).
     */
    private Checkpoint checkpoint(String id) {
        try {
            Checkpoint checkpoint = audit.checkpoint();
            conflicts.retry("keeping the audit checkpoint of evaluation " + id, () -> tx.executeWrite(s -> {
                evaluations.checkpointed(id, checkpoint.token());
                return null;
            }));
            return checkpoint;
        } catch (RuntimeException e) {
            LOG.error("evaluation {}: the closing audit checkpoint could not be made: {}", id, e.getMessage());
            return null;
        }
    }

    private static AuditRecord endEntry(Accepted a, Evaluations.Row row, Status status, int evaluated, int fresh,
                                        String failure, String lastMatter) {
        if (status == Status.CANCELLED) {
            return AuditRecord.of(AuditKind.EVALUATION_CANCELLED, row.cancelRequestedBy(), "CANCELLED by "
                    + row.cancelRequestedBy() + " (asked at " + row.cancelRequestedAt() + " UTC): stopped after "
                    + evaluated + " of " + a.mattersTotal() + " matters"
                    + (lastMatter == null ? "" : ", the last evaluated being " + lastMatter) + "; the " + fresh
                    + " new actions recorded stay recorded and are released for delivery; the other "
                    + Math.max(0, a.mattersTotal() - evaluated) + " matters were not evaluated: trigger an evaluation"
                    + " again to cover them").inEvaluation(a.id(), a.rules().version());
        }
        return AuditRecord.of(status == Status.DONE ? AuditKind.EVALUATION_FINISHED : AuditKind.EVALUATION_FAILED,
                a.actor(), status + ": " + evaluated + " matters evaluated, " + fresh + " new actions"
                        + (failure == null ? "" : "; " + failure)).inEvaluation(a.id(), a.rules().version());
    }

    private static Summary summary(Evaluations.Row row) {
        return new Summary(row.id(), row.asOf(), row.dryRun(), row.rulesetVersion(), row.status().name(),
                row.mattersEvaluated(), row.actionsPlanned(), row.actionsNew(),
                row.auditCheckpoint() == null ? null : Checkpoint.parse(row.auditCheckpoint()));
    }
}
