package com.trustwatch.audit;

/**
 * What a caller asks the audit log to remember. Kinds in use: ROSTER_IMPORTED, MATTER_SAVED,
 * TRANSACTION_RECORDED, EVALUATION_STARTED, EVALUATION_FINISHED, EVALUATION_FAILED, CHECKED,
 * ACTION_PLANNED, ACTION_DUPLICATE, SENT, SEND_FAILED, DEAD_LETTER, DELIVERY_REQUEUED, EPISODE_OPENED,
 * EPISODE_STOPPED, EXCEPTION_ACKNOWLEDGED, EXCEPTION_RESOLVED.
 */
public record AuditRecord(String kind, String matterNumber, String evaluationId, Long actionId, String ruleId,
                          String rulesetVersion, String actor, String detail) {

    public static AuditRecord of(String kind, String actor, String detail) {
        return new AuditRecord(kind, null, null, null, null, null, actor, detail);
    }

    public AuditRecord forMatter(String matter) {
        return new AuditRecord(kind, matter, evaluationId, actionId, ruleId, rulesetVersion, actor, detail);
    }

    public AuditRecord inEvaluation(String evaluation, String ruleset) {
        return new AuditRecord(kind, matterNumber, evaluation, actionId, ruleId, ruleset, actor, detail);
    }

    public AuditRecord forAction(Long action, String rule) {
        return new AuditRecord(kind, matterNumber, evaluationId, action, rule, rulesetVersion, actor, detail);
    }
}
