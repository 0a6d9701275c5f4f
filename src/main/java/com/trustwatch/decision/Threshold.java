package com.trustwatch.decision;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The replenishment threshold chosen for a matter, with the balance expressed as a share of it
 * ({@code ratio}: 0.496 = 49.6%), which is what the severity bands compare against.
 */
public record Threshold(MatterFacts matter, BigDecimal amount, String basis, String ruleName, BigDecimal ratio) {

    public static Threshold of(Candidate winner, String ruleName) {
        BigDecimal amount = winner.amount();
        BigDecimal ratio = amount.signum() <= 0 ? null
                : winner.matter().balance().divide(amount, 4, RoundingMode.HALF_UP);
        return new Threshold(winner.matter(), amount, winner.basis(), ruleName, ratio);
    }

    public boolean balanceBelow() {
        return matter.balance().compareTo(amount) < 0;
    }
}
