package com.trustwatch.decision;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a replenishment threshold comes from, so that what people read about it is true: the
 * fee-agreement floor, the tier's runway minimum ("30 days of projected burn"), a practice-area
 * minimum, a share of the original retainer (the fallback of seeds 000 and 001), or nothing at all
 * (an empty or overdrawn matter with no basis for a threshold is measured against zero).
 *
 * @param runwayDays    for {@link Source#RUNWAY_MINIMUM}: the days of projected burn; otherwise null
 * @param retainerShare for {@link Source#RETAINER_SHARE}: the share of the original retainer (0.25 = 25%); otherwise null
 */
public record ThresholdBasis(Source source, Integer runwayDays, BigDecimal retainerShare) {

    /** The kinds of source, stored by name with a recorded action. */
    public enum Source { FEE_AGREEMENT_FLOOR, RUNWAY_MINIMUM, PRACTICE_MINIMUM, RETAINER_SHARE, NONE }

    public ThresholdBasis {
        Objects.requireNonNull(source, "source");
        if (source == Source.RUNWAY_MINIMUM && runwayDays == null) {
            throw new IllegalArgumentException("a runway minimum needs its number of days");
        }
        if (source == Source.RETAINER_SHARE && retainerShare == null) {
            throw new IllegalArgumentException("a share of the original retainer needs the share");
        }
    }

    public static ThresholdBasis feeAgreementFloor() {
        return new ThresholdBasis(Source.FEE_AGREEMENT_FLOOR, null, null);
    }

    public static ThresholdBasis runwayMinimum(int days) {
        return new ThresholdBasis(Source.RUNWAY_MINIMUM, days, null);
    }

    public static ThresholdBasis practiceMinimum() {
        return new ThresholdBasis(Source.PRACTICE_MINIMUM, null, null);
    }

    public static ThresholdBasis retainerShare(BigDecimal share) {
        return new ThresholdBasis(Source.RETAINER_SHARE, null, share);
    }

    public static ThresholdBasis none() {
        return new ThresholdBasis(Source.NONE, null, null);
    }

    /** The basis as reasons and the audit trail name it: "fee-agreement floor", "30 days of projected burn", … */
    public String describe() {
        return switch (source) {
            case FEE_AGREEMENT_FLOOR -> "fee-agreement floor";
            case RUNWAY_MINIMUM -> runwayDays + " days of projected burn";
            case PRACTICE_MINIMUM -> "practice-area minimum";
            case RETAINER_SHARE -> Percent.label(retainerShare) + " of the original retainer";
            case NONE -> "no floor, billing history or original retainer: measured against zero";
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
