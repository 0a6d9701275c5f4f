package com.trustwatch.exceptionqueue;

import com.trustwatch.decision.Severity;

/**
 * An item to open, or a finding to attach to the open item of its matter and concern.
 * {@code sourceKey} makes opening idempotent: one item per source (an action, a dead letter).
 *
 * @param code    the action's code ({@code LOW_BALANCE_BREACH}), kept with the finding; may be null
 * @param concern the matter's problem it is about ({@code balance}, {@code data-quality}, a flag's code):
 *                a matter has one open item per concern, later findings are attached to it, and it
 *                closes itself when an evaluation no longer finds anything of that concern. Null: an
 *                item of its own that only a person closes (a dead letter)
 */
public record NewItem(String sourceKey, ItemKind kind, String matterNumber, Long actionId, String actionType,
                      String ruleId, Severity severity, String summary, String code, String concern) {

    /** An item of its own (a dead letter): one per source, closed by a person. */
    public NewItem(String sourceKey, ItemKind kind, String matterNumber, Long actionId, String actionType,
                   String ruleId, Severity severity, String summary) {
        this(sourceKey, kind, matterNumber, actionId, actionType, ruleId, severity, summary, null, null);
    }
}
