package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.audit.Checkpoint;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.lifecycle.Draining;
import com.trustwatch.lifecycle.ShuttingDown;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxState;
import com.trustwatch.review.Review;
import com.trustwatch.review.ReviewState;
import com.trustwatch.review.Reviews;
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
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The evaluation use case: reads the book in chunks, asks the rules what to do, and (unless it is a
 * dry run) records each chunk's actions, outbox rows and audit entries in one transaction, then
 * releases the outbox rows for delivery. A dry run stops after planning and writes nothing. With
 * {@code trustwatch.evaluation.partitioned=true} the chunks of a whole-book run are leased from the
 * database so that every replica sharing it works on the same evaluation (docs/scaling.md).
 * A real run ends with a signed audit checkpoint ({@link AuditLog#checkpoint()}). When the service
 * is stopping ({@link Draining}) a run stops after the chunk it is recording, marked FAILED.
 */
@Singleton
public class EvaluateMatters {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateMatters.class);

    private final MatterRepository matters;
    private final ActiveRuleset ruleset;
    private final ChunkEvaluator chunks;
    private final Evaluations evaluations;
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
    private final Draining draining;
    private final EvaluationMetrics metrics;
    private final FirmTime firmTime;
    private final Reviews reviews;

    public EvaluateMatters(MatterRepository matters, ActiveRuleset ruleset, ChunkEvaluator chunks,
                           Evaluations evaluations, Actions actions, Outbox outbox, Dispatcher dispatcher,
                           AuditLog audit, TransactionOperations<Connection> tx, Clock clock,
                           @Named(TaskExecutors.BLOCKING) ExecutorService background, EvaluationSettings settings,
                           @Nullable PartitionedEvaluation partitioned, LockConflicts conflicts, Draining draining,
                           EvaluationMetrics metrics, FirmTime firmTime, Reviews reviews) {
        this.matters = matters;
        this.ruleset = ruleset;
        this.chunks = chunks;
        this.evaluations = evaluations;
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
        this.draining = draining;
        this.metrics = metrics;
        this.firmTime = firmTime;
        this.reviews = reviews;
    }

    /** What an evaluation did, without its actions (which a large book has hundreds of thousands of). */
    public record Summary(String id, LocalDate asOf, boolean dryRun, String rulesetVersion, String status,
                          int mattersEvaluated, int actionsPlanned, int actionsNew, @Nullable Checkpoint auditCheckpoint) {
    }

    /** The HTTP trigger: evaluates, starts delivery, and answers with every action. */
    public EvaluationView run(EvaluationRequest request, String actor) {
        if (request.isDryRun()) {
            List<EvaluationView.Action> planned = new ArrayList<>();
            Summary s = preview(request, a -> {
                if (request.wantsActions()) {
                    planned.add(EvaluationView.Action.of(a, "PLANNED", null));
                }
            });
            return new EvaluationView(s.id(), s.asOf().toString(), true, s.rulesetVersion(), s.status(),
                    s.mattersEvaluated(), 0, null, planned, null);
        }
        Summary s = execute(request, actor);
        background.submit(dispatcher::dispatchDue);
        if (!request.wantsActions()) {
            return new EvaluationView(s.id(), s.asOf().toString(), false, s.rulesetVersion(), s.status(),
                    s.mattersEvaluated(), s.actionsNew(), null, List.of(), s.auditCheckpoint());
        }
        return find(s.id()).orElseThrow().withAuditCheckpoint(s.auditCheckpoint());
    }

    /** A dry run: every planned action goes to {@code sink}, nothing is written. */
    public Summary preview(EvaluationRequest request, Consumer<PlannedAction> sink) {
        long started = System.nanoTime();
        LocalDate asOf = parseAsOf(request.asOf());
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
     * A real run, recorded chunk by chunk, then released for delivery. A failure marks the evaluation
     * FAILED (the chunks recorded before it stay recorded and are released too) and is rethrown.
     */
    public Summary execute(EvaluationRequest request, String actor) {
        if (request.isDryRun()) {
            throw new IllegalArgumentException("a dry run is a preview");
        }
        LocalDate asOf = parseAsOf(request.asOf());
        Ruleset rules = ruleset.forRealRun();
        List<String> selection = selection(request);
        String id = UUID.randomUUID().toString();
        try (Draining.Work work = draining.begin("evaluation " + id)) {
            return execute(id, asOf, rules, selection, actor);
        }
    }

    private Summary execute(String id, LocalDate asOf, Ruleset rules, List<String> selection, String actor) {
        long started = System.nanoTime();
        start(id, asOf, rules, actor);
        LOG.info("evaluation {} as of {} started by {} (ruleset {}, {})", id, asOf, actor, rules.version(),
                selection == null ? "the whole book" : selection.size() + " matter(s)");
        int evaluated = 0;
        int fresh = 0;
        try {
            if (partitioned != null && selection == null) {
                PartitionedEvaluation.Totals totals = partitioned.evaluate(id, asOf, rules, actor);
                evaluated = totals.matters();
                fresh = totals.actionsNew();
            } else {
                for (List<Matter> chunk : chunks(selection)) {
                    if (draining.stopping()) {
                        throw new ShuttingDown("the service is stopping: evaluation " + id + " stopped after "
                                + evaluated + " matters, every chunk before it recorded; trigger an evaluation again"
                                + " to cover the rest");
                    }
                    ChunkEvaluator.Decided decided = chunks.decide(chunk, asOf, rules);
                    // a chunk is recorded in one transaction; overlapping evaluations can deadlock on it, and
                    // recording is idempotent, so a chunk the database rolled back is recorded again
                    fresh += conflicts.retry("recording a chunk of evaluation " + id,
                            () -> chunks.record(id, rules, chunk, decided, asOf, actor));
                    evaluated += chunk.size();
                    int done = evaluated;
                    conflicts.retry("recording the progress of evaluation " + id,
                            () -> tx.executeWrite(status -> {
                                evaluations.progress(id, done, Timestamps.now(clock));
                                return null;
                            }));
                }
            }
        } catch (RuntimeException e) {
            finish(id, "FAILED", evaluated, fresh, e.getClass().getSimpleName() + ": " + e.getMessage(), actor, rules);
            checkpoint(id);
            metrics.finished(false, "FAILED", evaluated, System.nanoTime() - started);
            LOG.warn("evaluation {} FAILED after {} matters: {}", id, evaluated, e.getMessage());
            throw e;
        }
        int planned = finish(id, "DONE", evaluated, fresh, null, actor, rules);
        Checkpoint checkpoint = checkpoint(id);
        metrics.finished(false, "DONE", evaluated, System.nanoTime() - started);
        metrics.recorded(actions.tallyNewBy(id));
        LOG.info("evaluation {} DONE: {} matters, {} actions decided, {} new, in {} ms", id, evaluated, planned, fresh,
                (System.nanoTime() - started) / 1_000_000);
        return new Summary(id, asOf, false, rules.version(), "DONE", evaluated, planned, fresh, checkpoint);
    }

    /** The audit checkpoint that closes an evaluation; a failure to sign it is logged, never fatal. */
    private Checkpoint checkpoint(String id) {
        try {
            return audit.checkpoint();
        } catch (RuntimeException e) {
            LOG.error("evaluation {}: the closing audit checkpoint could not be made: {}", id, e.getMessage());
            return null;
        }
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

    private LocalDate parseAsOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return firmTime.today(); // the firm's today, not the UTC date that may already be tomorrow
        }
        try {
            return MatterFields.date(asOf);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "asOf", e.getMessage())));
        }
    }

    private void start(String id, LocalDate asOf, Ruleset rules, String actor) {
        conflicts.retry("starting evaluation " + id, () -> tx.executeWrite(status -> {
            evaluations.start(id, asOf, rules.version(), Timestamps.now(clock));
            audit.append(AuditRecord.of(AuditKind.EVALUATION_STARTED, actor, "evaluation as of " + asOf)
                    .inEvaluation(id, rules.version()));
            return null;
        }));
    }

    /**
     * Closes the evaluation and releases what it recorded for delivery, in one transaction.
     *
     * @return how many actions the evaluation decided (new or already recorded)
     */
    private int finish(String id, String status, int evaluated, int fresh, String failure, String actor, Ruleset rules) {
        return conflicts.retry("finishing evaluation " + id, () -> tx.executeWrite(s -> {
            var now = Timestamps.now(clock);
            int planned = actions.countDecidedBy(id);
            evaluations.finish(id, status, evaluated, planned, fresh, failure, now);
            outbox.release(id, now);
            audit.append(AuditRecord.of("DONE".equals(status) ? AuditKind.EVALUATION_FINISHED
                    : AuditKind.EVALUATION_FAILED, actor, status + ": " + evaluated + " matters evaluated, " + fresh
                    + " new actions" + (failure == null ? "" : "; " + failure)).inEvaluation(id, rules.version()));
            return planned;
        }));
    }

    /** A recorded evaluation with its actions. Dry runs are not recorded. */
    public Optional<EvaluationView> find(String id) {
        return tx.executeRead(status -> evaluations.find(id).map(row -> {
            Map<RecordedAction, Actions.Outcome> decided = actions.byEvaluation(id);
            List<Long> ids = decided.keySet().stream().map(RecordedAction::id).toList();
            Map<Long, OutboxState> delivery = outbox.statesOf(ids);
            Map<Long, Review> held = reviews.ofActions(ids);
            List<EvaluationView.Action> out = new ArrayList<>(decided.size());
            decided.forEach((a, outcome) -> {
                Review review = held.get(a.id());
                String state = delivery.containsKey(a.id()) ? delivery.get(a.id()).name()
                        : review == null ? "QUEUED"
                        : review.state() == ReviewState.PENDING ? "AWAITING_REVIEW" : review.state().name();
                out.add(EvaluationView.Action.of(a.action(), outcome.name(), state,
                        review == null ? List.of() : review.holds().stream().map(h -> h.code()).toList()));
            });
            return new EvaluationView(id, row.asOf().toString(), false, row.rulesetVersion(), row.status(),
                    row.mattersEvaluated(), row.actionsNew(), row.failure(), out, null);
        }));
    }
}
