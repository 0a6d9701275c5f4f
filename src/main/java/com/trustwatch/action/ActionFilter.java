package com.trustwatch.action;

import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.Severity;

/**
 * Which of an evaluation's actions a page shows; a null field does not filter. {@code outcome} is
 * NEW or ALREADY_RECORDED (and, for a dry run, SUPPRESSED).
 */
public record ActionFilter(ActionType type, Severity severity, Band band, String matterNumber, String outcome) {

    public static final ActionFilter ALL = new ActionFilter(null, null, null, null, null);
}
