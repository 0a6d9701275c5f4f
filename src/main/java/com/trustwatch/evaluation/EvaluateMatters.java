package com.trustwatch.evaluation;

import com.trustwatch.action.ActionPlanner;
import com.trustwatch.action.ActionQueries;
import com.trustwatch.action.ActionRecorder;
import com.trustwatch.action.OpenEpisodes;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenCase;
import com.trustwatch.matter.FieldError;
import com.trustwatch.matter.InvalidMatterException;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.notify.Dispatcher;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.Ruleset;
import io.micronaut.context.annotation.Value;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * The evaluation use case: reads the book in chunks, asks the rules what to do, and (unless it is a
 * dry run) records each chunk's actions, outbox rows and audit entries in one transaction, then
 * lets the dispatcher deliver. A dry run stops after planning and writes nothing.
 */
@Singleton
public class EvaluateMatters {

    private final MatterRepository matters;
    private final OpenEpisodes episodes;
    private final ActiveRuleset ruleset;
    private final ActionPlanner planner;
    private final ActionRecorder recorder;
    private final ActionQueries queries;
    private final Dispatcher dispatcher;
    private final AuditLog audit;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ExecutorService background;
    private final LockConflicts conflicts;
    private final int chunkSize;
    private final RuleEngine engine = new RuleEngine();

    public EvaluateMatters(MatterRepository matters, OpenEpisodes episodes, ActiveRuleset ruleset,
                           ActionPlanner planner, ActionRecorder recorder, ActionQueries queries, Dispatcher dispatcher,
                           AuditLog audit, JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock,
                           @Named(TaskExecutors.BLOCKING) ExecutorService background, LockConflicts conflicts,
                           @Value("${trustwatch.evaluation.chunk-size:1000}") int chunkSize) {
        this.matters = matters;
        this.episodes = episodes;
        this.ruleset = ruleset;
        this.planner = planner;
        this.recorder = recorder;
        this.queries = queries;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.background = background;
        this.conflicts = conflicts;
        this.chunkSize = chunkSize;
    }

    public EvaluationView run(EvaluationRequest request, String actor) {
        LocalDate asOf = parseAsOf(request.asOf());
        Ruleset rules = ruleset.get();
        String id = UUID.randomUUID().toString();
        List<String> selection = request.matters() == null ? null : List.copyOf(new LinkedHashSet<>(request.matters()));
        if (selection != null) {
            List<String> known = matters.findByMatterNumberIn(selection).stream().map(Matter::matterNumber).toList();
            List<FieldError> unknown = selection.stream().filter(m -> !known.contains(m))
                    .map(m -> new FieldError(null, "matters", "no matter " + m)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidMatterException(unknown);
            }
        }
        if (request.isDryRun()) {
            return dryRun(id, asOf, rules, selection);
        }
        start(id, asOf, rules, actor);
        int evaluated = 0;
        int fresh = 0;
        try {
            for (List<Matter> chunk : chunks(selection)) {
                Decided decided = decide(chunk, asOf, rules);
                List<ActionRecorder.Check> checks = checks(chunk, decided);
                // a chunk is recorded in one transaction; overlapping evaluations can deadlock on it, and
                // recording is idempotent, so a chunk the database rolled back is recorded again
                Map<String, Boolean> outcome = conflicts.retry("recording a chunk of evaluation " + id,
                        () -> recorder.record(id, rules.version(), decided.planned(), decided.outcome().stops(),
                                checks, asOf, actor));
                fresh += (int) outcome.values().stream().filter(Boolean::booleanValue).count();
                evaluated += chunk.size();
                progress(id, evaluated);
            }
        } catch (RuntimeException e) {
            finish(id, "FAILED", evaluated, fresh, e.getClass().getSimpleName() + ": " + e.getMessage(), actor, rules);
            throw e;
        }
        finish(id, "DONE", evaluated, fresh, null, actor, rules);
        background.submit(dispatcher::dispatchDue);
        return find(id).orElseThrow();
    }

    private record Decided(RuleEngine.Outcome outcome, List<PlannedAction> planned) {
    }

    private Decided decide(List<Matter> chunk, LocalDate asOf, Ruleset rules) {
        Map<String, OpenCase> open = episodes.of(chunk.stream().map(Matter::matterNumber).toList(), asOf);
        Map<String, Matter> byNumber = new HashMap<>();
        Map<String, MatterFacts> facts = new HashMap<>();
        for (Matter m : chunk) {
            byNumber.put(m.matterNumber(), m);
            OpenCase c = open.get(m.matterNumber());
            facts.put(m.matterNumber(), MatterFacts.of(m, asOf, c == null ? null : c.episodeStart()));
        }
        RuleEngine.Outcome outcome = engine.evaluate(rules, asOf, facts.values(), open.values(), false);
        List<PlannedAction> planned = planner.plan(sorted(outcome.proposals()), byNumber, facts, rules.version());
        return new Decided(outcome, planned);
    }

    private static List<ActionProposal> sorted(List<ActionProposal> proposals) {
        List<ActionProposal> out = new ArrayList<>(proposals);
        out.sort(java.util.Comparator.comparing(ActionProposal::matterNumber).thenComparing(p -> p.type().ordinal())
                .thenComparing(ActionProposal::ruleName));
        return out;
    }

    private static List<ActionRecorder.Check> checks(List<Matter> chunk, Decided decided) {
        Map<String, List<PlannedAction>> byMatter = decided.planned().stream()
                .collect(Collectors.groupingBy(PlannedAction::matterNumber));
        List<ActionRecorder.Check> out = new ArrayList<>(chunk.size());
        for (Matter m : chunk) {
            List<PlannedAction> acts = byMatter.getOrDefault(m.matterNumber(), List.of());
            out.add(new ActionRecorder.Check(m.matterNumber(), "checked: balance " + m.trustBalance()
                    + ", floor " + orUnknown(m.floor()) + ", monthly billing " + orUnknown(m.monthlyBilling())
                    + ", status " + m.status() + "; decided: " + (acts.isEmpty() ? "nothing"
                    : acts.stream().map(a -> a.type() + (a.code() == null ? "" : "/" + a.code()) + " by " + a.ruleId())
                    .collect(Collectors.joining(", ")))));
        }
        return out;
    }

    private static String orUnknown(Object v) {
        return v == null ? "unknown" : v.toString();
    }

    private EvaluationView dryRun(String id, LocalDate asOf, Ruleset rules, List<String> selection) {
        List<EvaluationView.Action> actions = new ArrayList<>();
        int evaluated = 0;
        for (List<Matter> chunk : chunks(selection)) {
            for (PlannedAction a : decide(chunk, asOf, rules).planned()) {
                actions.add(view(a.matterNumber(), a.type().name(), a.severity(), a.code(), a.amount(),
                        a.recipients(), a.ruleId(), a.reason(), a.citation(), a.idempotencyKey(), "PLANNED", null));
            }
            evaluated += chunk.size();
        }
        return new EvaluationView(id, asOf.toString(), true, rules.version(), "DONE", evaluated, 0, null, actions);
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
                List<Matter> page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, chunkSize));
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

    /** After each chunk: proof of life for {@link AbandonedEvaluations}, and how far the evaluation got. */
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

    private void finish(String id, String status, int evaluated, int fresh, String failure, String actor, Ruleset rules) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        conflicts.retry("finishing evaluation " + id, () -> tx.executeWrite(status2 -> jdbc.execute(conn -> {
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
            return null;
        })));
        AuditRecord finished = new AuditRecord("DONE".equals(status) ? "EVALUATION_FINISHED" : "EVALUATION_FAILED",
                null, id, null, null, rules.version(), actor, status + ": " + evaluated + " matters evaluated, "
                + fresh + " new actions" + (failure == null ? "" : "; " + failure));
        conflicts.retry("auditing the end of evaluation " + id, () -> audit.append(finished));
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
