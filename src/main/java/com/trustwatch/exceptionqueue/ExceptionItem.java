package com.trustwatch.exceptionqueue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One item of the exception queue: something that needs a person. {@code kind} is TASK (an exception
 * task a rule opened: a breach, a critical balance, an unpaid ladder), DATA_QUALITY, COMPLIANCE_FLAG
 * (HIGH or CRITICAL flags) or DEAD_LETTER (a message that could not be delivered). {@code actionType}
 * and {@code ruleId} name the action and rule behind its first finding, when there is one.
 *
 * <p>A matter has one open item per {@code concern} ({@code balance} for everything about a low or
 * overdrawn balance, {@code data-quality}, or a flag's code): later findings are attached to it
 * ({@code findingCount}, {@code lastSeenAt}; the list in {@code findings} when one item is asked for),
 * its severity is the highest of them, and it closes itself, audited with the reason, when an
 * evaluation no longer finds anything of its concern. A dead letter has no concern.
 */
@Serdeable
public record ExceptionItem(long id, String kind, @Nullable String matterNumber, @Nullable Long actionId,
                            @Nullable String actionType, @Nullable String ruleId, @Nullable String severity,
                            String summary, String status, LocalDateTime createdAt, LocalDateTime updatedAt,
                            @Nullable String handledBy, @Nullable String handledNote, @Nullable String concern,
                            int findingCount, @Nullable LocalDateTime lastSeenAt,
                            @Nullable List<ExceptionFinding> findings) {

    /** The same item with its findings listed. */
    ExceptionItem withFindings(List<ExceptionFinding> list) {
        return new ExceptionItem(id, kind, matterNumber, actionId, actionType, ruleId, severity, summary, status,
                createdAt, updatedAt, handledBy, handledNote, concern, findingCount, lastSeenAt, List.copyOf(list));
    }
}
