package com.trustwatch.action;

import java.time.LocalDateTime;

/**
 * An action as recorded: its id, the evaluation that recorded it first, when, and what was planned.
 */
public record RecordedAction(long id, String evaluationId, LocalDateTime createdAt, PlannedAction action) {

    public String matterNumber() {
        return action.matterNumber();
    }
}
