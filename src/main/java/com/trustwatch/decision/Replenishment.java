package com.trustwatch.decision;

import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.util.List;

/**
 * One watched matter's figures, worked out once per session from the rows of the tables
 * ({@link PolicyTables#replenishment}): the one fact per matter that the decisions of
 * rules/replenishment.drl and rules/escalation.drl join with, instead of a fact per candidate figure.
 *
 * @param tier             the tier the matter is treated as; null with neither a tier on the matter nor billing
 * @param threshold        the replenishment threshold and where it comes from; null when there is no basis for
 *                         one and the balance is above zero
 * @param noThresholdBasis whether no floor, runway minimum, practice minimum or retainer share applies
 *                         (a threshold of 0.00 is still set for a balance at or below zero)
 * @param refillTo         the balance a request restores, in dollars; null with no basis for one
 * @param refillBasis      why that figure, in words ("original retainer", "45-day reserve", …)
 * @param bands            the severity-band rows the balance falls in (one, with the shipped table)
 * @param practiceMinimums the practice-minimum rows of the matter's practice area
 * @param rows             the rule names of every table row that applied to the matter
 */
public record Replenishment(MatterFacts matter, Tier tier, Threshold threshold, boolean noThresholdBasis,
                            BigDecimal refillTo, String refillBasis, List<SeverityBandRow> bands,
                            List<PracticeMinimumRow> practiceMinimums, List<String> rows) {

    public String matterNumber() {
        return matter.matterNumber();
    }

    /** Whether there is a threshold and the balance is below it. */
    public boolean belowThreshold() {
        return threshold != null && matter.balance().compareTo(threshold.amount()) < 0;
    }

    /** The first band the balance falls in, or null. */
    public Band firstBand() {
        return bands.isEmpty() ? null : bands.get(0).band();
    }

    /** A fact stands for one matter on one evaluation: identity, not the value of every component. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
