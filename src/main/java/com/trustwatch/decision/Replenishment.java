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
 * @param band             the severity-band row the balance falls in, or null (the tables' checks refuse
 *                         overlapping bands, so there is at most one)
 * @param practiceMinimums the practice-minimum rows of the matter's practice area
 * @param rows             the rule names of every table row that applied to the matter
 */
public record Replenishment(MatterFacts matter, Tier tier, Threshold threshold, boolean noThresholdBasis,
                            BigDecimal refillTo, String refillBasis, SeverityBandRow band,
                            List<PracticeMinimumRow> practiceMinimums, List<String> rows) {

    // The getters below are what the rules' patterns read: bean properties the engine reads through its
    // generated field readers (and can index), not expressions it evaluates.

    public String getMatterNumber() {
        return matter.matterNumber();
    }

    /** Whether there is a threshold and the balance is below it. */
    public boolean isBelowThreshold() {
        return threshold != null && matter.balance().compareTo(threshold.amount()) < 0;
    }

    /** Whether the band asks for a client request. */
    public boolean isBandRequestsClient() {
        return band != null && band.clientRequest();
    }

    /** Whether the band alerts anyone. */
    public boolean isBandAlerts() {
        return band != null && band.alertsAnyone();
    }

    /** Whether the band asks for an exception task. */
    public boolean isBandExceptionTask() {
        return band != null && band.exceptionTask();
    }

    /** Whether the band recommends stopping work. */
    public boolean isBandStopWork() {
        return band != null && band.stopWorkRecommendation();
    }

    /** Whether a practice-minimum row of the matter's area asks for an attorney review. */
    public boolean isAttorneyReview() {
        for (PracticeMinimumRow row : practiceMinimums) {
            if (row.attorneyReview()) {
                return true;
            }
        }
        return false;
    }

    /** The band the balance falls in, or null. */
    public Band bandOrNull() {
        return band == null ? null : band.band();
    }

    public String matterNumber() {
        return getMatterNumber();
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
