package com.trustwatch.decision;

public enum ActionType {
    REPLENISHMENT_REQUEST,
    INTERNAL_ALERT,
    ESCALATION,
    PAUSE_WORK_NOTICE,
    COMPLIANCE_FLAG,
    EXCEPTION_TASK
}
