package com.trustwatch.audit;

/**
 * What a caller asks the audit log to remember: a kind, who did it, and a sentence saying what
 * happened, optionally tied to a matter, an evaluation (with its ruleset version) and an action
 * (with the rule that produced it). Built by {@link #of} and the {@code for…}/{@code in…} steps:
 * {@code AuditRecord.of(SENT, "dispatcher", "sent …").forMatter(m).inEvaluation(e, v).forAction(id, rule)}.
 */
public final class AuditRecord {

    private final AuditKind kind;
    private final String matterNumber;
    private final String evaluationId;
    private final Long actionId;
    private final String ruleId;
    private final String rulesetVersion;
    private final String actor;
    private final String detail;

    private AuditRecord(AuditKind kind, String matterNumber, String evaluationId, Long actionId, String ruleId,
                        String rulesetVersion, String actor, String detail) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.matterNumber = matterNumber;
        this.evaluationId = evaluationId;
        this.actionId = actionId;
        this.ruleId = ruleId;
        this.rulesetVersion = rulesetVersion;
        this.actor = actor == null ? "system" : actor;
        this.detail = detail == null ? "" : detail;
    }

    /** An entry of {@code kind} by {@code actor} (a login, "dispatcher" or "system"), saying {@code detail}. */
    public static AuditRecord of(AuditKind kind, String actor, String detail) {
        return new AuditRecord(kind, null, null, null, null, null, actor, detail);
    }

    /** The same entry, about one matter. */
    public AuditRecord forMatter(String matter) {
        return new AuditRecord(kind, matter, evaluationId, actionId, ruleId, rulesetVersion, actor, detail);
    }

    /** The same entry, made by an evaluation running a ruleset version. */
    public AuditRecord inEvaluation(String evaluation, String ruleset) {
        return new AuditRecord(kind, matterNumber, evaluation, actionId, ruleId, ruleset, actor, detail);
    }

    /** The same entry, about one recorded action and the rule that produced it. */
    public AuditRecord forAction(Long action, String rule) {
        return new AuditRecord(kind, matterNumber, evaluationId, action, rule, rulesetVersion, actor, detail);
    }

    /** The same entry, naming the rule behind it (an episode stop, a ruleset change). */
    public AuditRecord byRule(String rule) {
        return new AuditRecord(kind, matterNumber, evaluationId, actionId, rule, rulesetVersion, actor, detail);
    }

    public AuditKind kind() {
        return kind;
    }

    public String matterNumber() {
        return matterNumber;
    }

    public String evaluationId() {
        return evaluationId;
    }

    public Long actionId() {
        return actionId;
    }

    public String ruleId() {
        return ruleId;
    }

    public String rulesetVersion() {
        return rulesetVersion;
    }

    public String actor() {
        return actor;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return kind + (matterNumber == null ? "" : " " + matterNumber) + ": " + detail;
    }
}
