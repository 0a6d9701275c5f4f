package com.trustwatch.decision;

import java.math.BigDecimal;

/** A practice-area minimum balance (active litigation: $2,500), and whether an attorney reviews the request. */
public record PracticeMinimum(MatterFacts matter, BigDecimal minimumBalance, boolean attorneyReview,
                              String ruleName) {
}
