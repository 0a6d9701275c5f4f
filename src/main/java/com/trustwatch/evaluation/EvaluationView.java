package com.trustwatch.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.Recipients;
import com.trustwatch.audit.Checkpoint;
import com.trustwatch.decision.Hold;
import com.trustwatch.money.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * An evaluation as the HTTP contract shows it.
 * <ul>
 *   <li>{@code status}: QUEUED (accepted, waiting for a thread), RUNNING, then DONE, FAILED (with
 *       {@code failure}) or CANCELLED (with {@code cancellation}).</li>
 *   <li>{@code mattersEvaluated} and {@code actionsNew}: so far while it runs, the totals once it ended;
 *       {@code progress} says the same with the total, the elapsed time and an estimate of the time left.</li>
 *   <li>{@code counts}: the actions it decided, by type, severity, band and outcome.</li>
 *   <li>{@code actions}: every action, when there are at most {@code trustwatch.evaluation.inline-actions}
 *       of them; null otherwise (and when the trigger asked for counts only): read them by page from
 *       {@code actionsUrl}.</li>
 * </ul>
 * An action's {@code outcome} in a real run: NEW (this evaluation recorded it) or ALREADY_RECORDED (an
 * earlier evaluation did; it is not sent again). In a dry run, what a real run would do with it now:
 * NEW (it would be recorded and delivered), ALREADY_RECORDED (it is recorded already; {@code delivery}
 * says where it stands) or SUPPRESSED ({@code note} says why). {@code delivery}: the outbox state (HELD
 * until its evaluation ends, PENDING, SENDING, SENT, FAILED, DEAD); for a client message held for a
 * person AWAITING_REVIEW, DECLINED or WITHDRAWN until it is released (then its outbox state); QUEUED or
 * RESOLVED for an item of the exception queue. {@code heldFor}: the codes of the reasons a client
 * message waits (or, in a dry run, would wait) for a person; null when it goes out by itself. {@code severity} is LOW, MEDIUM, HIGH or CRITICAL for every action; {@code band}
 * (WATCH, WARNING, BREACH, CRITICAL) is set on low-balance actions only. Instants are UTC, ISO-8601.
 * {@code auditCheckpoint}: the signed audit checkpoint made as a real run ended (null for dry runs, and
 * for a moment after a real run ended, until it is signed); keep it to verify the chain later.
 */
@Serdeable
public record EvaluationView(String id, String asOf, boolean dryRun, String rulesetVersion, String status,
                             int mattersEvaluated, int actionsNew, @Nullable String failure,
                             @Nullable List<Action> actions, int actionsDecided, String actionsUrl,
                             @Nullable String requestedBy, @Nullable Integer selection, String acceptedAt,
                             @Nullable String finishedAt, Progress progress, Counts counts,
                             @Nullable Cancellation cancellation, @Nullable Checkpoint auditCheckpoint) {

    /** The same view without its list of actions. */
    public EvaluationView withoutActions() {
        return new EvaluationView(id, asOf, dryRun, rulesetVersion, status, mattersEvaluated, actionsNew, failure,
                null, actionsDecided, actionsUrl, requestedBy, selection, acceptedAt, finishedAt, progress, counts,
                cancellation, auditCheckpoint);
    }

    /**
     * How far it has come. {@code mattersTotal}: the matters it set out to evaluate (the book's size when
     * it was accepted, or the matters named). {@code estimatedSecondsLeft}: from the pace so far, while it
     * runs (null before the first chunk); 0 once it ended.
     */
    @Serdeable
    public record Progress(int mattersDone, int mattersTotal, int percent, int actionsDecided, int actionsNew,
                           long elapsedSeconds, @Nullable Long estimatedSecondsLeft) {
    }

    /**
     * The actions decided, counted four ways (each map sums to {@code actionsDecided}; "NONE" for no band).
     * The four maps are always present, empty before the first action.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Counts(Map<String, Integer> byType, Map<String, Integer> bySeverity, Map<String, Integer> byBand,
                         Map<String, Integer> byOutcome) {
    }

    /** Who asked it to stop and when; {@code stoppedAfterMatters} once it has stopped. */
    @Serdeable
    public record Cancellation(String requestedBy, String requestedAt, @Nullable Integer stoppedAfterMatters) {
    }

    @Serdeable
    public record Action(String matterNumber, String type, @Nullable String severity, @Nullable String band,
                         @Nullable String code, @Nullable String amount, Recipients recipients, String ruleId,
                         String reason, @Nullable String citation, String idempotencyKey, String outcome,
                         @Nullable String delivery, @Nullable List<String> heldFor, @Nullable String note) {

        static Action of(PlannedAction a, String outcome, String delivery) {
            return of(a, outcome, delivery, a.holds().stream().map(Hold::code).toList());
        }

        static Action of(PlannedAction a, String outcome, String delivery, List<String> holds) {
            return of(a, outcome, delivery, holds, null);
        }

        static Action of(PlannedAction a, String outcome, @Nullable String delivery, @Nullable List<String> holds,
                         @Nullable String note) {
            return new Action(a.matterNumber(), a.type().name(), a.severity() == null ? null : a.severity().name(),
                    a.band() == null ? null : a.band().name(), a.code(), Money.json(a.amount()), a.recipients(),
                    a.ruleId(), a.reason(), a.citation(), a.idempotencyKey(), outcome, delivery,
                    holds == null || holds.isEmpty() ? null : List.copyOf(holds), note);
        }
    }
}
