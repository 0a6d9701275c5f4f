package com.trustwatch.evaluation;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The trigger: {@code {dryRun?, asOf?, matters?, includeActions?}}. Absent asOf means today; absent
 * matters means the whole book. {@code includeActions: false} answers with the evaluation's counts
 * only: a scheduler evaluating a large book need not receive hundreds of thousands of actions it
 * does not read (they stay available from {@code GET /api/evaluations/{id}}).
 */
@Serdeable
public record EvaluationRequest(@Nullable Boolean dryRun, @Nullable String asOf, @Nullable List<String> matters,
                                @Nullable Boolean includeActions) {

    @Creator
    public EvaluationRequest {
    }

    public EvaluationRequest(@Nullable Boolean dryRun, @Nullable String asOf, @Nullable List<String> matters) {
        this(dryRun, asOf, matters, null);
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public boolean wantsActions() {
        return !Boolean.FALSE.equals(includeActions);
    }
}
