package com.trustwatch.decision;

/** A tier's trigger (request when runway is under this many days) and refill-to reserve in days. */
public record TierReserve(MatterFacts matter, int triggerDays, int reserveDays, String ruleName) {
}
