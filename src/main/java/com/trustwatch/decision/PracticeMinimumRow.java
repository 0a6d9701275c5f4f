package com.trustwatch.decision;

import java.math.BigDecimal;

/**
 * A row of "Practice minimums" (tier-thresholds.xlsx): a practice area (as matters store it, upper
 * case) with a minimum balance of its own in dollars (active litigation: 2,500.00, seed 002), and
 * whether an attorney reviews every request before it reaches the client.
 */
public record PracticeMinimumRow(String practiceArea, BigDecimal minimumBalance, boolean attorneyReview,
                                 String ruleName) implements PolicyRow {
}
