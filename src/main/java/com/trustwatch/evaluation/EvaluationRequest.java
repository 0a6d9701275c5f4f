package com.trustwatch.evaluation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The trigger: {@code {dryRun?, asOf?, matters?}}. Absent asOf means today; absent matters means the whole book. */
@Serdeable
public record EvaluationRequest(@Nullable Boolean dryRun, @Nullable String asOf, @Nullable List<String> matters) {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
