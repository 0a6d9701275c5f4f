package com.trustwatch.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A compliance pack and where counsel's review of it stands.
 *
 * @param table       the pack's obligations table, if it has one (its rows are part of what is signed)
 * @param sha256      the SHA-256 of the pack's current text and table (line endings normalised)
 * @param rows        how many obligation rows the table holds
 * @param status      SIGNED_OFF (this exact text is signed), NEEDS_REVIEW (the text changed since the
 *                    last sign-off) or NOT_SIGNED_OFF (never signed)
 * @param reviewer    who signed this text, or (NEEDS_REVIEW) who signed the previous one
 * @param signedSha256 the text the shown sign-off was bound to
 */
@Serdeable
public record PackStatus(String pack, @Nullable String table, String sha256, int rules, int rows, String status,
                         boolean needsReview,
                         @Nullable String reviewer, @Nullable String signedOn, @Nullable String note,
                         @Nullable String signedSha256) {

    public static final String SIGNED_OFF = "SIGNED_OFF";
    public static final String NEEDS_REVIEW = "NEEDS_REVIEW";
    public static final String NOT_SIGNED_OFF = "NOT_SIGNED_OFF";
}
