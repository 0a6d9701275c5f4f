package com.trustwatch.decision;

import java.util.Objects;

/**
 * Why a client message waits for a person before it goes out: a code ({@code ATTORNEY_REVIEW_REQUIRED},
 * {@code NEGATIVE_CLIENT_LEDGER}, {@code FIRST_REQUEST_REVIEW}), the reason in a sentence, and the rule
 * (or firm setting) that said so.
 */
public record Hold(String code, String reason, String ruleId) {

    public Hold {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ruleId, "ruleId");
    }
}
