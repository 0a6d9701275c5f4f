package com.trustwatch.decision;

import java.math.BigDecimal;

/** The balance a replenishment request restores, and why that figure. */
public record RefillTarget(MatterFacts matter, BigDecimal amount, String basis, String ruleName) {
}
