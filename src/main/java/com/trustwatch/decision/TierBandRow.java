package com.trustwatch.decision;

import com.trustwatch.matter.Tier;

import java.math.BigDecimal;

/**
 * A row of "Tier by monthly billing" (tier-thresholds.xlsx): a watched matter whose tier is not set on
 * the matter is in {@code tier} when its monthly billing is at least {@code atLeast} and below
 * {@code below} (dollars a month; a null bound is no bound).
 */
public record TierBandRow(BigDecimal atLeast, BigDecimal below, Tier tier, String ruleName) implements PolicyRow {

    /** Whether a monthly billing (dollars, not null) falls in this row's band. */
    public boolean holds(BigDecimal monthlyBilling) {
        return (atLeast == null || monthlyBilling.compareTo(atLeast) >= 0)
                && (below == null || monthlyBilling.compareTo(below) < 0);
    }
}
