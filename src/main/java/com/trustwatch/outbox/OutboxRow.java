package com.trustwatch.outbox;

import java.time.LocalDateTime;

/**
 * One outbox row as stored: which action it delivers (null for an event to a webhook subscription, which
 * no action is behind), in which message group, and where delivery stands.
 */
public record OutboxRow(long id, Long actionId, String evaluationId, String matterNumber, String actionType,
                        String channel, String groupKey, OutboxState state, int attempts, LocalDateTime nextAttemptAt,
                        LocalDateTime claimedUntil, String messageId, String lastError, LocalDateTime updatedAt) {
}
