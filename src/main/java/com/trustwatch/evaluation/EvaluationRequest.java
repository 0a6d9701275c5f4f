package com.trustwatch.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The trigger: {@code {dryRun?, asOf?, matters?, includeActions?}}. Absent asOf means today; absent
 * matters means the whole book. {@code includeActions: false} answers with the evaluation's counts
 * only: a scheduler evaluating a large book need not receive hundreds of thousands of actions it
 * does not read (they stay available from {@code GET /api/evaluations/{id}}).
 * <p>
 * Read strictly: an unknown field ({@code "dryrun"}) or a boolean that is not a JSON boolean
 * ({@code "dryRun": "true"}) refuses the request with 400 before anything runs, so a typo can never
 * turn a preview into a real run that mails clients.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record EvaluationRequest(
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean dryRun,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String asOf,
        @Nullable @Serdeable.Deserializable(using = StrictJson.TextList.class) List<String> matters,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean includeActions) {

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
