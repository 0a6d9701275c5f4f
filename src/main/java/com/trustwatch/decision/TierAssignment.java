package com.trustwatch.decision;

import com.trustwatch.matter.Tier;

/** The tier a matter is treated as, and the rule (or table row) that said so. */
public record TierAssignment(MatterFacts matter, Tier tier, String ruleName) {
}
