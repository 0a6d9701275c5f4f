package com.trustwatch.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One outbox row as an operator sees it: the action it delivers, where delivery stands, how many
 * attempts were made, the last error, and the Message-ID it went out under.
 */
@Serdeable
public record OutboxEntry(long id, long actionId, String matterNumber, String actionType, String channel,
                          String groupKey, String state, int attempts, LocalDateTime nextAttemptAt,
                          @Nullable LocalDateTime claimedUntil, @Nullable String messageId,
                          @Nullable String lastError, LocalDateTime updatedAt, List<String> to, String ruleId,
                          String rulesetVersion, String evaluationId) {
}
