package com.trustwatch.decision;

import java.math.BigDecimal;

/**
 * One basis a figure may come from, for a {@code purpose} ({@link #THRESHOLD} or {@link #REFILL});
 * the highest candidate for a purpose wins ("use the higher of the two", seed 002).
 */
public record Candidate(MatterFacts matter, String purpose, BigDecimal amount, String basis, String ruleName) {
    public static final String THRESHOLD = "threshold";
    public static final String REFILL = "refill";
}
