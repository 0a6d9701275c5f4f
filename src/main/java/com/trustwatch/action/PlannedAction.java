package com.trustwatch.action;

import com.trustwatch.decision.ActionType;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A rule's proposal made concrete for one matter: addresses resolved, the facts that mattered
 * captured, and the idempotency key that makes it the same action however many evaluations plan it.
 */
public record PlannedAction(
        String idempotencyKey,
        String matterNumber,
        String clientId,
        ActionType type,
        String severity,
        String code,
        BigDecimal amount,
        BigDecimal balance,
        BigDecimal threshold,
        BigDecimal refillTo,
        LocalDate depletionDate,
        Recipients recipients,
        String ruleId,
        String ruleName,
        String reason,
        String episode,
        String rulesetVersion,
        String citation) {

    /** The key: matter, action type, code and business episode; never the evaluation or the run. */
    static String keyOf(String matterNumber, ActionType type, String code, String episode) {
        String key = matterNumber + "|" + type + (code == null ? "" : "|" + code) + "|" + episode;
        return key.length() <= 255 ? key : key.substring(0, 190) + "#" + sha256(key).substring(0, 64);
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
