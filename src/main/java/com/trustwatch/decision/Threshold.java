package com.trustwatch.decision;

import com.trustwatch.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The replenishment threshold chosen for a matter, where it comes from ({@code source}), and the
 * balance expressed as a share of it ({@code ratio}: 0.496 = 49.6%), which is what the severity
 * bands compare against.
 *
 * <p>A share of a threshold of zero is undefined, so {@code ratio} is null when the threshold is 0.00
 * (a fee-agreement floor of zero, or no basis at all): the rows of the severity bands that name a
 * share never match it, and the rows about a depleted balance (at or below zero) still do. So a
 * zero threshold never silences an overdrawn matter.
 */
public record Threshold(MatterFacts matter, BigDecimal amount, String basis, ThresholdBasis source, String ruleName,
                        BigDecimal ratio) {

    /**
     * Enough digits that no rounding can move a balance across a band edge: 2499.99 of 5000.00 is
     * 0.499998, under 50%, and must not round up to 0.50. Truncation never lifts a ratio over an edge.
     */
    static final int RATIO_SCALE = 16;

    private static final BigDecimal ZERO_CENTS = BigDecimal.ZERO.setScale(2);
    private static final ThresholdBasis NONE = ThresholdBasis.none();
    private static final String NONE_WORDS = NONE.describe();

    /** A threshold of 0.00 for a matter with no basis for one (used when its balance is at or below zero). */
    public static Threshold none(MatterFacts matter, String ruleName) {
        return of(matter, ZERO_CENTS, NONE, NONE_WORDS, ruleName);
    }

    /** The threshold of {@code amount} dollars from {@code source}, with the balance's share of it. */
    public static Threshold of(MatterFacts matter, BigDecimal amount, ThresholdBasis source, String ruleName) {
        return of(matter, amount, source, source.describe(), ruleName);
    }

    /**
     * As {@link #of(MatterFacts, BigDecimal, ThresholdBasis, String)}, with the basis's words
     * ({@code source.describe()}) worked out once by the caller for many matters.
     */
    static Threshold of(MatterFacts matter, BigDecimal amount, ThresholdBasis source, String basisWords,
                        String ruleName) {
        BigDecimal ratio = amount.signum() <= 0 ? null
                : matter.balance().divide(amount, RATIO_SCALE, RoundingMode.DOWN);
        return new Threshold(matter, amount, basisWords, source, ruleName, ratio);
    }

    public boolean balanceBelow() {
        return matter.balance().compareTo(amount) < 0;
    }

    /**
     * Where the balance stands against the threshold, in words for reasons: "49.6% of the threshold of
     * $2,500.00 (fee-agreement floor)"; a balance at or below zero is said to be so ("below zero, against a
     * threshold of $6,000.00 (…)"), since a negative share reads as nonsense and a share of a threshold of
     * zero is undefined. The threshold is written as people read money ({@link Money#letter}).
     */
    public String standing() {
        int sign = matter.balance().signum();
        StringBuilder text = new StringBuilder(96);
        if (sign < 0) {
            text.append("below zero, against a threshold of ");
        } else if (sign == 0) {
            text.append("used up, against a threshold of ");
        } else if (ratio == null) {
            text.append("above a threshold of ");
        } else {
            Percent.appendLabel(text, ratio);
            text.append(" of the threshold of ");
        }
        return text.append(Money.letter(amount)).append(" (").append(basis).append(')').toString();
    }
}
