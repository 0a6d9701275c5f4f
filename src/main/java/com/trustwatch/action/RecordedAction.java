package com.trustwatch.action;

import com.trustwatch.decision.ActionType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** An action as recorded in the database, with its delivery state when it has one. */
public record RecordedAction(
        long id,
        String idempotencyKey,
        String evaluationId,
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
        LocalDateTime createdAt,
        String delivery,
        String citation) {
}
