package com.trustwatch.exceptionqueue;

import com.trustwatch.decision.Severity;

/**
 * An item to open. {@code sourceKey} makes opening idempotent: one item per source (an action, a dead letter).
 */
public record NewItem(String sourceKey, ItemKind kind, String matterNumber, Long actionId, String actionType,
                      String ruleId, Severity severity, String summary) {
}
