package com.trustwatch.exceptionqueue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;

/**
 * One item of the exception queue: something that needs a person. {@code kind} is TASK (an exception
 * task a rule opened: a breach, a critical balance, an unpaid ladder, an attorney review),
 * DATA_QUALITY, COMPLIANCE_FLAG (HIGH or CRITICAL flags) or DEAD_LETTER (a message that could not be
 * delivered). {@code actionType} and {@code ruleId} name the action and rule behind it, when there is one.
 */
@Serdeable
public record ExceptionItem(long id, String kind, @Nullable String matterNumber, @Nullable Long actionId,
                            @Nullable String actionType, @Nullable String ruleId, @Nullable String severity,
                            String summary, String status, LocalDateTime createdAt, LocalDateTime updatedAt,
                            @Nullable String handledBy, @Nullable String handledNote) {
}
