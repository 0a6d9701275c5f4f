package com.trustwatch.evaluation;

import com.trustwatch.action.ActionQueries;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.matter.FieldError;
import com.trustwatch.matter.InvalidMatterException;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.notify.Dispatcher;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.Ruleset;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Pageable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * lets the dispatcher deliver. A dry run stops after planning and writes nothing. With
 * {@code trustwatch.evaluation.partitioned=true} the chunks of a whole-book run are leased from the
 * database so that every replica sharing it works on the same evaluation (docs/scaling.md).
 */
@Singleton
public class EvaluateMatters {

    private final MatterRepository matters;
    private final ActiveRuleset ruleset;
    private final ChunkEvaluator chunks;
    private final ActionQueries queries;
    private final Dispatcher dispatcher;
    private final AuditLog audit;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ExecutorService background;
    private final int chunkSize;
    private final PartitionedEvaluation partitioned;
    private final LockConflicts conflicts;

    public EvaluateMatters(MatterRepository matters, ActiveRuleset ruleset, ChunkEvaluator chunks,
                           ActionQueries queries, Dispatcher dispatcher, AuditLog audit, JdbcOperations jdbc,
                           TransactionOperations<Connection> tx, Clock clock,
                           @Named(TaskExecutors.BLOCKING) ExecutorService background,
                           @Value("${trustwatch.evaluation.chunk-size:1000}") int chunkSize,
                           @Nullable PartitionedEvaluation partitioned, LockConflicts conflicts) {
        this.conflicts = conflicts;
        this.matters = matters;
        this.ruleset = ruleset;
        this.chunks = chunks;
        this.queries = queries;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.background = background;
        this.chunkSize = chunkSize;
        this.partitioned = partitioned;
    }

    /** What an evaluation did, without its actions (which a large book has hundreds of thousands of). */
    public record Summary(String id, LocalDate asOf, boolean dryRun, String rulesetVersion, String status,
                          int mattersEvaluated, int actionsPlanned, int actionsNew) {
    }

    /** The HTTP trigger: evaluates, starts delivery, and answers with every action. */
    public EvaluationView run(EvaluationRequest request, String actor) {
        if (request.isDryRun()) {
            List<EvaluationView.Action> actions = new ArrayList<>();
            Summary s = preview(request, a -> {
                if (request.wantsActions()) {
                    actions.add(view(a.matterNumber(), a.type().name(), a.severity(), a.code(), a.amount(),
                            a.recipients(), a.ruleId(), a.reason(), a.citation(), a.idempotencyKey(), "PLANNED", null));
                }
            });
            return new EvaluationView(s.id(), s.asOf().toString(), true, s.rulesetVersion(), s.status(),
                    s.mattersEvaluated(), 0, null, actions);
        }
        Summary s = execute(request, actor);
        background.submit(dispatcher::dispatchDue);
        if (!request.wantsActions()) {
            return new EvaluationView(s.id(), s.asOf().toString(), false, s.rulesetVersion(), s.status(),
                    s.mattersEvaluated(), s.actionsNew(), null, List.of());
        }
        return find(s.id()).orElseThrow();
    }

    /** A dry run: every planned action goes to {@code sink}, nothing is written. */
    public Summary preview(EvaluationRequest request, Consumer<PlannedAction> sink) {
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
        return new Summary(UUID.randomUUID().toString(), asOf, true, rules.version(), "DONE", evaluated, planned, 0);
    }

    /**
     * A real run, recorded chunk by chunk; delivery is left to the dispatcher's next pass. A failure
     * marks the evaluation FAILED (the chunks recorded before it stay recorded) and is rethrown.
     */
    public Summary execute(EvaluationRequest request, String actor) {
        if (request.isDryRun()) {
            throw new IllegalArgumentException("a dry run is a preview");
        }
        LocalDate asOf = parseAsOf(request.asOf());
        Ruleset rules = ruleset.get();
        List<String> selection = selection(request);
        String id = UUID.randomUUID().toString();
        start(id, asOf, rules, actor);
        int[] progress = new int[2];
        try {
            if (partitioned != null && selection == null) {
                PartitionedEvaluation.Totals totals = partitioned.evaluate(id, asOf, rules, actor);
                progress[0] = totals.matters();
                progress[1] = totals.actionsNew();
            } else {
                for (List<Matter> chunk : chunks(selection)) {
                    ChunkEvaluator.Decided decided = chunks.decide(chunk, asOf, rules);
                    // a chunk is recorded in one transaction; overlapping evaluations can deadlock on it, and
                    // recording is idempotent, so a chunk the database rolled back is recorded again
                    progress[1] += conflicts.retry("recording a chunk of evaluation " + id,
                            () -> chunks.record(id, rules, chunk, decided, asOf, actor));
                    progress[0] += chunk.size();
                    progress(id, progress[0]);
                }
            }
        } catch (RuntimeException e) {
            finish(id, "FAILED", progress[0], progress[1], e.getClass().getSimpleName() + ": " + e.getMessage(),
                    actor, rules);
            throw e;
        }
        int planned = finish(id, "DONE", progress[0], progress[1], null, actor, rules);
        return new Summary(id, asOf, false, rules.version(), "DONE", progress[0], planned, progress[1]);
    }

    private List<String> selection(EvaluationRequest request) {
        List<String> selection = request.matters() == null ? null
                : List.copyOf(new LinkedHashSet<>(request.matters()));
        if (selection != null) {
            List<String> known = matters.findByMatterNumberIn(selection).stream().map(Matter::matterNumber).toList();
            List<FieldError> unknown = selection.stream().filter(m -> !known.contains(m))
                    .map(m -> new FieldError(null, "matters", "no matter " + m)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidMatterException(unknown);
            }
        }
        return selection;
    }

    /** Reads the book in keyset-paged chunks so a large book is never held whole. */
    private Iterable<List<Matter>> chunks(List<String> selection) {
        if (selection != null) {
            List<List<Matter>> out = new ArrayList<>();
            for (int i = 0; i < selection.size(); i += chunkSize) {
                out.add(matters.findByMatterNumberIn(selection.subList(i, Math.min(selection.size(), i + chunkSize))));
            }
            return out;
        }
        return () -> new java.util.Iterator<>() {
            private long after = 0;
            private List<Matter> next = load();

            private List<Matter> load() {
                long t = chunks.tick();
                List<Matter> page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, chunkSize));
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
                next = current.size() < chunkSize ? List.of() : load();
                return current;
            }
        };
    }

    private LocalDate parseAsOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return MatterFields.date(asOf);
        } catch (IllegalArgumentException e) {
            throw new InvalidMatterException(List.of(new FieldError(null, "asOf", e.getMessage())));
        }
    }

    private void start(String id, LocalDate asOf, Ruleset rules, String actor) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        conflicts.retry("starting evaluation " + id, () -> tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO evaluation (id, as_of, dry_run, ruleset_version,"
                    + " status, matters_evaluated, actions_planned, actions_new, started_at) VALUES (?, ?, FALSE, ?,"
                    + " 'RUNNING', 0, 0, 0, ?)")) {
                ps.setString(1, id);
                ps.setObject(2, asOf);
                ps.setString(3, rules.version());
                ps.setObject(4, now);
                ps.executeUpdate();
            }
            return null;
        })));
        AuditRecord started = new AuditRecord("EVALUATION_STARTED", null, id, null, null, rules.version(), actor,
                "evaluation as of " + asOf);
        conflicts.retry("auditing the start of evaluation " + id, () -> audit.append(started));
    }

    /** Marks the evaluation as alive (see AbandonedEvaluations): matters done so far, and when. */
    private void progress(String id, int evaluated) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        conflicts.retry("recording the progress of evaluation " + id, () -> tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE evaluation SET progress_at = ?, matters_evaluated = ? WHERE id = ?")) {
                ps.setObject(1, now);
                ps.setInt(2, evaluated);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return null;
        })));
    }

    /** @return how many actions the evaluation decided (new or already recorded) */
    private int finish(String id, String status, int evaluated, int fresh, String failure, String actor, Ruleset rules) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int planned = conflicts.retry("finishing evaluation " + id, () -> tx.executeWrite(status2 -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE evaluation SET status = ?, matters_evaluated = ?,"
                    + " actions_new = ?, actions_planned = (SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = ?),"
                    + " finished_at = ?, failure = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setInt(2, evaluated);
                ps.setInt(3, fresh);
                ps.setString(4, id);
                ps.setObject(5, now);
                ps.setString(6, failure == null ? null : failure.substring(0, Math.min(failure.length(), 2000)));
                ps.setString(7, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT actions_planned FROM evaluation WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        })));
        AuditRecord finished = new AuditRecord("DONE".equals(status) ? "EVALUATION_FINISHED" : "EVALUATION_FAILED",
                null, id, null, null, rules.version(), actor, status + ": " + evaluated + " matters evaluated, "
                + fresh + " new actions" + (failure == null ? "" : "; " + failure));
        conflicts.retry("auditing the end of evaluation " + id, () -> audit.append(finished));
        return planned;
    }

    /** A recorded evaluation with its actions. Dry runs are not recorded. */
    public Optional<EvaluationView> find(String id) {
        return tx.executeRead(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT as_of, ruleset_version, status, matters_evaluated,"
                    + " actions_new, failure FROM evaluation WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<EvaluationView.Action> actions = new ArrayList<>();
                    for (Map.Entry<RecordedAction, String> e : queries.byEvaluation(id).entrySet()) {
                        RecordedAction a = e.getKey();
                        actions.add(view(a.matterNumber(), a.type().name(), a.severity(), a.code(), a.amount(),
                                a.recipients(), a.ruleId(), a.reason(), a.citation(), a.idempotencyKey(), e.getValue(),
                                a.delivery()));
                    }
                    return Optional.of(new EvaluationView(id, rs.getObject(1, LocalDate.class).toString(), false,
                            rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6), actions));
                }
            }
        }));
    }

    private static EvaluationView.Action view(String matter, String type, String severity, String code,
                                              java.math.BigDecimal amount, com.trustwatch.action.Recipients recipients,
                                              String ruleId, String reason, String citation, String key, String outcome,
                                              String delivery) {
        return new EvaluationView.Action(matter, type, severity, code,
                amount == null ? null : amount.setScale(2).toPlainString(), recipients, ruleId, reason, citation, key,
                outcome, delivery);
    }

}
