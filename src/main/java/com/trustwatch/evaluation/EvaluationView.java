package com.trustwatch.evaluation;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.Recipients;
import com.trustwatch.audit.Checkpoint;
import com.trustwatch.decision.Hold;
import com.trustwatch.money.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An evaluation as the HTTP contract shows it. {@code outcome} of an action: PLANNED (dry run), NEW
 * (this evaluation recorded it) or ALREADY_RECORDED (an earlier or concurrent evaluation did; it is
 * not sent again). {@code delivery}: the outbox state; for a client message held for a person
 * AWAITING_REVIEW, DECLINED or WITHDRAWN until it is released (then its outbox state); QUEUED for
 * exception-queue items. {@code heldFor}: the codes of the reasons a client message waits for a person
 * (null when it goes out by itself). {@code severity} is LOW, MEDIUM, HIGH or CRITICAL for every
 * action; {@code band} (WATCH, WARNING, BREACH, CRITICAL) is set on low-balance actions only.
 * {@code auditCheckpoint}: the signed audit checkpoint that closed a real run (in the trigger's
 * answer only; keep it to verify the chain later).
 */
@Serdeable
public record EvaluationView(String id, String asOf, boolean dryRun, String rulesetVersion, String status,
                             int mattersEvaluated, int actionsNew, @Nullable String failure, List<Action> actions,
                             @Nullable Checkpoint auditCheckpoint) {

    /** The same view, carrying the checkpoint that closed the run. */
    public EvaluationView withAuditCheckpoint(@Nullable Checkpoint checkpoint) {
        return new EvaluationView(id, asOf, dryRun, rulesetVersion, status, mattersEvaluated, actionsNew, failure,
                actions, checkpoint);
    }

    @Serdeable
    public record Action(String matterNumber, String type, @Nullable String severity, @Nullable String band,
                         @Nullable String code, @Nullable String amount, Recipients recipients, String ruleId,
                         String reason, @Nullable String citation, String idempotencyKey, String outcome,
                         @Nullable String delivery, @Nullable List<String> heldFor) {

        static Action of(PlannedAction a, String outcome, String delivery) {
            return of(a, outcome, delivery, a.holds().stream().map(Hold::code).toList());
        }

        static Action of(PlannedAction a, String outcome, String delivery, List<String> holds) {
            return new Action(a.matterNumber(), a.type().name(), a.severity() == null ? null : a.severity().name(),
                    a.band() == null ? null : a.band().name(), a.code(), Money.json(a.amount()), a.recipients(),
                    a.ruleId(), a.reason(), a.citation(), a.idempotencyKey(), outcome, delivery,
                    holds == null || holds.isEmpty() ? null : List.copyOf(holds));
        }
    }
}
