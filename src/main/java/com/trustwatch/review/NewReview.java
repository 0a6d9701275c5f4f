package com.trustwatch.review;

import com.trustwatch.decision.Hold;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A client message to hold for a person, as the executor records it with its action.
 *
 * @param episodeStart the low-balance episode the message belongs to
 * @param ladderStage  1 for a first request (its release starts the ladder), 2+ for a follow-up
 * @param holds        why it is held (at least one)
 */
public record NewReview(long actionId, String evaluationId, String matterNumber, String clientId, String actionType,
                        LocalDate episodeStart, int ladderStage, List<Hold> holds, BigDecimal proposedAmount) {

    public NewReview {
        holds = List.copyOf(holds);
        if (holds.isEmpty()) {
            throw new IllegalArgumentException("a review needs a reason to hold the message");
        }
    }
}
