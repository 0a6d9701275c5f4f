package com.trustwatch.decision;

import com.trustwatch.matter.Tier;

/**
 * A row of "Tier reserves" (tier-thresholds.xlsx): a tier's trigger (ask when the runway is under
 * {@code triggerDays} days of projected burn) and its refill-to reserve ({@code reserveDays} days).
 */
public record TierReserveRow(Tier tier, int triggerDays, int reserveDays, String ruleName) implements PolicyRow {
}
