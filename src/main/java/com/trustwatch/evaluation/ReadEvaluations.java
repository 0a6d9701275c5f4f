package com.trustwatch.evaluation;

import com.trustwatch.action.ActionFilter;
import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.Checkpoint;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.Severity;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluations as people and the scheduler read them: one with its progress, counts and (when there
 * are few) its actions; its actions page by page with their delivery state; the list, newest first.
 * Reads each table through its owner; writes nothing.
 */
@Singleton
class ReadEvaluations {

    /** One page of a list, and how many items the whole list has. */
    record Page<T>(List<T> items, long total) {
    }

    private final Evaluations evaluations;
    private final Actions actions;
    private final Previews previews;
    private final DeliveryStates deliveries;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final EvaluationSettings settings;

    ReadEvaluations(Evaluations evaluations, Actions actions, Previews previews, DeliveryStates deliveries,
                    TransactionOperations<Connection> tx, Clock clock, EvaluationSettings settings) {
        this.evaluations = evaluations;
        this.actions = actions;
        this.previews = previews;
        this.deliveries = deliveries;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * One evaluation. With {@code withActions}, its actions are listed when it decided at most
     * {@code trustwatch.evaluation.inline-actions} of them (by matter, then as recorded).
     */
    Optional<EvaluationView> find(String id, boolean withActions) {
        return tx.executeRead(status -> evaluations.find(id).map(row -> {
            List<Evaluations.Tally> tallies = evaluations.tallies(List.of(id)).getOrDefault(id, List.of());
            List<EvaluationView.Action> inline = null;
            if (withActions && row.actionsPlanned() <= settings.inlineActions()) {
                inline = row.dryRun() ? previews.page(id, ActionFilter.ALL, 0, settings.inlineActions())
                        : inline(id);
            }
            return view(row, tallies, inline);
        }));
    }

    /** Where an evaluation stands, for progress listeners. */
    Optional<Evaluations.Row> row(String id) {
        return tx.executeRead(status -> evaluations.find(id));
    }

    private List<EvaluationView.Action> inline(String id) {
        Map<RecordedAction, Actions.Outcome> decided = actions.byEvaluation(id);
        List<Long> ids = decided.keySet().stream().map(RecordedAction::id).toList();
        Map<Long, String> delivery = deliveries.of(ids);
        Map<Long, List<String>> held = deliveries.holds(ids);
        List<EvaluationView.Action> out = new ArrayList<>(decided.size());
        decided.forEach((a, outcome) -> out.add(EvaluationView.Action.of(a.action(), outcome.name(),
                delivery.get(a.id()), held.get(a.id()), null)));
        return out;
    }

    /**
     * One page of an evaluation's actions: a real run's in the order they were first recorded, a dry
     * run's in the order it found them.
     *
     * @throws java.util.NoSuchElementException when there is no such evaluation
     */
    Page<EvaluationView.Action> actions(String id, ActionFilter filter, long offset, int limit) {
        return tx.executeRead(status -> {
            Evaluations.Row row = evaluations.find(id).orElseThrow(() -> new java.util.NoSuchElementException(
                    "no evaluation " + id));
            if (row.dryRun()) {
                return new Page<>(previews.page(id, filter, offset, limit), previews.count(id, filter));
            }
            List<Actions.Decided> page = actions.pageOfEvaluation(id, filter, offset, limit);
            List<Long> ids = page.stream().map(d -> d.action().id()).toList();
            Map<Long, String> delivery = deliveries.of(ids);
            Map<Long, List<String>> held = deliveries.holds(ids);
            List<EvaluationView.Action> items = page.stream().map(d -> EvaluationView.Action.of(d.action().action(),
                    d.outcome().name(), delivery.get(d.action().id()), held.get(d.action().id()), null)).toList();
            return new Page<>(items, actions.countOfEvaluation(id, filter));
        });
    }

    /** One page of evaluations, newest first, without their actions. */
    Page<EvaluationView> list(Evaluations.Filter filter, long offset, int limit) {
        return tx.executeRead(status -> {
            List<Evaluations.Row> rows = evaluations.list(filter, offset, limit);
            Map<String, List<Evaluations.Tally>> tallies = evaluations.tallies(rows.stream().map(Evaluations.Row::id)
                    .toList());
            List<EvaluationView> items = rows.stream().map(r -> view(r, tallies.getOrDefault(r.id(), List.of()), null))
                    .toList();
            return new Page<>(items, evaluations.count(filter));
        });
    }

    EvaluationView view(Evaluations.Row row, List<Evaluations.Tally> tallies, List<EvaluationView.Action> inline) {
        EvaluationView.Cancellation cancellation = row.cancelRequestedBy() == null ? null
                : new EvaluationView.Cancellation(row.cancelRequestedBy(), instant(row.cancelRequestedAt()),
                row.status().ended() ? row.mattersEvaluated() : null);
        return new EvaluationView(row.id(), row.asOf().toString(), row.dryRun(), row.rulesetVersion(),
                row.status().name(), row.mattersEvaluated(), row.actionsNew(), row.failure(), inline,
                row.actionsPlanned(), "/api/evaluations/" + row.id() + "/actions", row.requestedBy(), row.selectionSize(),
                instant(row.acceptedAt()), instant(row.finishedAt()), progress(row), counts(tallies), cancellation,
                checkpoint(row.auditCheckpoint()));
    }

    /** Matters done of the total, actions so far, time since it began to run, and the time left at this pace. */
    EvaluationView.Progress progress(Evaluations.Row row) {
        int done = row.mattersEvaluated();
        int total = Math.max(done, row.mattersTotal() == null ? done : row.mattersTotal());
        LocalDateTime end = row.finishedAt() != null ? row.finishedAt() : Timestamps.now(clock);
        long elapsed = row.runningAt() == null ? 0 : Math.max(0, Duration.between(row.runningAt(), end).toSeconds());
        Long left;
        if (row.status().ended()) {
            left = 0L;
        } else if (row.status() == Evaluations.Status.RUNNING && done > 0) {
            left = Math.round((double) elapsed * (total - done) / done);
        } else {
            left = null;
        }
        int percent = total == 0 ? (row.status().ended() ? 100 : 0) : (int) (100L * done / total);
        return new EvaluationView.Progress(done, total, percent, row.actionsPlanned(), row.actionsNew(), elapsed, left);
    }

    private static EvaluationView.Counts counts(List<Evaluations.Tally> tallies) {
        Map<String, Integer> type = new HashMap<>();
        Map<String, Integer> severity = new HashMap<>();
        Map<String, Integer> band = new HashMap<>();
        Map<String, Integer> outcome = new HashMap<>();
        for (Evaluations.Tally t : tallies) {
            type.merge(t.type(), t.count(), Integer::sum);
            severity.merge(t.severity().isEmpty() ? "NONE" : t.severity(), t.count(), Integer::sum);
            band.merge(t.band().isEmpty() ? "NONE" : t.band(), t.count(), Integer::sum);
            outcome.merge(t.outcome(), t.count(), Integer::sum);
        }
        return new EvaluationView.Counts(ordered(type, names(ActionType.values())),
                ordered(severity, names(Severity.values())), ordered(band, names(Band.values())),
                ordered(outcome, List.of(DryRunOutcomes.NEW, DryRunOutcomes.ALREADY_RECORDED, DryRunOutcomes.SUPPRESSED)));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** The counts in the order of {@code order} (the enum's), anything else (NONE) last. */
    private static Map<String, Integer> ordered(Map<String, Integer> counts, List<String> order) {
        Map<String, Integer> out = new LinkedHashMap<>();
        order.stream().filter(counts::containsKey).forEach(k -> out.put(k, counts.get(k)));
        counts.keySet().stream().filter(k -> !out.containsKey(k)).sorted().forEach(k -> out.put(k, counts.get(k)));
        return out;
    }

    /** The stored checkpoint token, read back; one that no longer reads (edited in the database) is not shown. */
    private static Checkpoint checkpoint(String token) {
        if (token == null) {
            return null;
        }
        try {
            return Checkpoint.parse(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC).toString();
    }
}
