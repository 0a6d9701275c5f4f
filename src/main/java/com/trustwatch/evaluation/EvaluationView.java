package com.trustwatch.evaluation;

import com.trustwatch.action.Recipients;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An evaluation as the HTTP contract shows it. {@code outcome} of an action: PLANNED (dry run), NEW
 * (this evaluation recorded it) or ALREADY_RECORDED (an earlier or concurrent evaluation did; it is
 * not sent again). {@code delivery}: the outbox state, or QUEUED for exception-queue items.
 */
@Serdeable
public record EvaluationView(String id, String asOf, boolean dryRun, String rulesetVersion, String status,
                             int mattersEvaluated, int actionsNew, @Nullable String failure, List<Action> actions) {

    @Serdeable
    public record Action(String matterNumber, String type, @Nullable String severity, @Nullable String code,
                         @Nullable String amount, Recipients recipients, String ruleId, String reason,
                         @Nullable String citation, String idempotencyKey, String outcome,
                         @Nullable String delivery) {
    }
}
