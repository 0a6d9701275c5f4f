package com.trustwatch.decision;

import java.math.BigDecimal;

/**
 * One basis a figure may come from, for a {@code purpose} ({@link #THRESHOLD} or {@link #REFILL});
 * the highest candidate for a purpose wins ("use the higher of the two", seed 002). A threshold
 * candidate knows its {@link ThresholdBasis}, which travels with the threshold into the action and
 * the letter; {@code basis} is the same in words (a refill candidate has only the words).
 */
public record Candidate(MatterFacts matter, String purpose, BigDecimal amount, String basis,
                        ThresholdBasis thresholdBasis, String ruleName) {
    public static final String THRESHOLD = "threshold";
    public static final String REFILL = "refill";

    /** A threshold candidate of {@code amount} dollars from {@code source}. */
    public static Candidate threshold(MatterFacts matter, BigDecimal amount, ThresholdBasis source, String ruleName) {
        return new Candidate(matter, THRESHOLD, amount, source.describe(), source, ruleName);
    }

    /** A refill-target candidate of {@code amount} dollars, {@code basis} saying why. */
    public static Candidate refill(MatterFacts matter, BigDecimal amount, String basis, String ruleName) {
        return new Candidate(matter, REFILL, amount, basis, null, ruleName);
    }
}
