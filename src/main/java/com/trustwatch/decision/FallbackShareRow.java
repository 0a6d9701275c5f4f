package com.trustwatch.decision;

import java.math.BigDecimal;

/**
 * A row of "Fallback threshold" (tier-thresholds.xlsx): with neither a fee-agreement floor nor billing
 * history, the threshold is {@code share} of the original retainer (0.25 = 25%, seeds 000 and 001).
 */
public record FallbackShareRow(BigDecimal share, String ruleName) implements PolicyRow {
}
