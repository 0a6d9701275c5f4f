package com.trustwatch.outbox;

import com.trustwatch.action.RecordedAction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One outbox row as an operator sees it: the action it delivers, where delivery stands, how many
 * attempts were made, the last error, and the Message-ID it went out under. {@code actionId} is null for
 * an event to a webhook subscription: no action is behind it.
 */
@Serdeable
public record OutboxEntry(long id, @Nullable Long actionId, String matterNumber, String actionType, String channel,
                          String groupKey, OutboxState state, int attempts, LocalDateTime nextAttemptAt,
                          @Nullable LocalDateTime claimedUntil, @Nullable String messageId,
                          @Nullable String lastError, LocalDateTime updatedAt, List<String> to, @Nullable String ruleId,
                          @Nullable String rulesetVersion, String evaluationId) {

    static OutboxEntry of(OutboxRow row, RecordedAction action) {
        if (action == null) { // an event to a webhook subscription
            return new OutboxEntry(row.id(), row.actionId(), row.matterNumber(), row.actionType(), row.channel(),
                    row.groupKey(), row.state(), row.attempts(), row.nextAttemptAt(), row.claimedUntil(), row.messageId(),
                    row.lastError(), row.updatedAt(), List.of(), null, null, row.evaluationId());
        }
        return new OutboxEntry(row.id(), row.actionId(), row.matterNumber(), row.actionType(), row.channel(),
                row.groupKey(), row.state(), row.attempts(), row.nextAttemptAt(), row.claimedUntil(), row.messageId(),
                row.lastError(), row.updatedAt(), action.action().recipients().to(), action.action().ruleId(),
                action.action().rulesetVersion(), row.evaluationId());
    }
}
