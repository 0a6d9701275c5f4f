package com.trustwatch.decision;

/**
 * What one step of the escalation ladder sends (the "Action" column of the ladder sheet). The kind
 * is also the action's code, which picks the message template.
 */
public enum EscalationKind {
    /** A reminder to the client that the request is unpaid, with the amount and the payment link. */
    CLIENT_FOLLOW_UP(ActionType.ESCALATION),
    /** An internal message asking a person at the firm to step in. */
    INTERNAL_ESCALATION(ActionType.ESCALATION),
    /** A notice to the people on the matter that work should pause until the retainer is replenished. */
    PAUSE_WORK_NOTICE(ActionType.PAUSE_WORK_NOTICE);

    private final ActionType actionType;

    EscalationKind(ActionType actionType) {
        this.actionType = actionType;
    }

    public ActionType actionType() {
        return actionType;
    }
}
