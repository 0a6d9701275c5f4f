package com.trustwatch.review;

import com.trustwatch.decision.Hold;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A held client message as stored: why it was held, and what a person decided. Amounts in dollars. */
public record Review(long id, long actionId, String evaluationId, String matterNumber, String clientId,
                     String actionType, LocalDate episodeStart, int ladderStage, List<Hold> holds, ReviewState state,
                     BigDecimal proposedAmount, BigDecimal releasedAmount, String decidedBy, LocalDate decidedOn,
                     String note, LocalDateTime createdAt, LocalDateTime updatedAt) {
}
