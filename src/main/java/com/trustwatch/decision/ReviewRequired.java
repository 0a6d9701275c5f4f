package com.trustwatch.decision;

/**
 * A rule's finding that a client message about this matter must not go out without a person
 * releasing it (an attorney review for active litigation, a negative client ledger). The rules that
 * ask the client (RP-020, the ladder's client follow-up) collect these and hold what they propose.
 */
public record ReviewRequired(MatterFacts matter, String code, String reason, String ruleName) {

    /** The stable id of the rule that asked for the review. */
    public String ruleId() {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }

    public Hold hold() {
        return new Hold(code, reason, ruleId());
    }
}
