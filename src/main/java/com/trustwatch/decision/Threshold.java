package com.trustwatch.decision;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The replenishment threshold chosen for a matter, with the balance expressed as a share of it
 * ({@code ratio}: 0.496 = 49.6%), which is what the severity bands compare against.
 */
public record Threshold(MatterFacts matter, BigDecimal amount, String basis, String ruleName, BigDecimal ratio) {

    /**
     * Enough digits that no rounding can move a balance across a band edge: 2499.99 of 5000.00 is
     * 0.499998, under 50%, and must not round up to 0.50. Truncation never lifts a ratio over an edge.
     */
    static final int RATIO_SCALE = 16;

    public static Threshold of(Candidate winner, String ruleName) {
        BigDecimal amount = winner.amount();
        BigDecimal ratio = amount.signum() <= 0 ? null
                : winner.matter().balance().divide(amount, RATIO_SCALE, RoundingMode.DOWN);
        return new Threshold(winner.matter(), amount, winner.basis(), ruleName, ratio);
    }

    public boolean balanceBelow() {
        return matter.balance().compareTo(amount) < 0;
    }
}
