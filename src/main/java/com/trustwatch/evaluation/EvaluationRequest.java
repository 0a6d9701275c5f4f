package com.trustwatch.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The trigger: {@code {dryRun?, asOf?, matters?, includeActions?, wait?}}. Absent asOf means today;
 * absent matters means the whole book. {@code includeActions: false} answers with the evaluation's
 * counts only (its actions stay available by page from {@code GET /api/evaluations/{id}/actions}).
 * {@code wait} ({@link #waitSeconds()}): seconds to wait for the evaluation to end before answering 202
 * with its Location (0 answers at once, as the header {@code Prefer: respond-async} does); absent, the
 * trigger answers when the evaluation has ended.
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
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean includeActions,
        @JsonProperty("wait") @Nullable @Serdeable.Deserializable(using = StrictJson.WholeNumber.class) Integer waitSeconds) {

    @Creator
    public EvaluationRequest {
    }

    public EvaluationRequest(@Nullable Boolean dryRun, @Nullable String asOf, @Nullable List<String> matters) {
        this(dryRun, asOf, matters, null, null);
    }

    public EvaluationRequest(@Nullable Boolean dryRun, @Nullable String asOf, @Nullable List<String> matters,
                             @Nullable Boolean includeActions) {
        this(dryRun, asOf, matters, includeActions, null);
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public boolean wantsActions() {
        return !Boolean.FALSE.equals(includeActions);
    }

    /**
     * The SHA-256 (hex) of what this trigger asks to be evaluated, as sent: dry run or not, the as-of
     * date as given, and the matters named (in any order, each once). How the answer is given
     * ({@code includeActions}, {@code wait}) is not part of it. Two triggers under one Idempotency-Key
     * must have the same fingerprint.
     */
    public String fingerprint() {
        String canonical = "dryRun=" + isDryRun() + "\nasOf=" + (asOf == null ? "" : asOf.strip()) + "\nmatters="
                + (matters == null ? "(whole book)" : String.join(",", new TreeSet<>(matters.stream()
                .map(m -> m == null ? "" : m.strip()).toList())));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
