package com.trustwatch.decision;

import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rows of the replenishment tables in one session (tier bands, tier reserves, practice minimums,
 * fallback shares, severity bands), collected once per session from the {@link PolicyRow} facts the
 * rows' rules insert, in the order the rows were inserted. {@link #replenishment} works out one watched
 * matter's figures from them; the numbers stay the rows' own.
 */
public final class PolicyTables {

    private final List<TierBandRow> tierBands = new ArrayList<>();
    private final List<TierReserveRow> tierReserves = new ArrayList<>();
    private final List<PracticeMinimumRow> practiceMinimums = new ArrayList<>();
    private final List<FallbackShareRow> fallbackShares = new ArrayList<>();
    private final List<SeverityBandRow> severityBands = new ArrayList<>();

    private PolicyTables() {
    }

    /** The tables of a session's rows; rows of other kinds (the ladder's, the emergency queue's) are left out. */
    public static PolicyTables of(Collection<?> rows) {
        PolicyTables t = new PolicyTables();
        for (Object row : rows) {
            if (row instanceof TierBandRow r) {
                t.tierBands.add(r);
            } else if (row instanceof TierReserveRow r) {
                t.tierReserves.add(r);
            } else if (row instanceof PracticeMinimumRow r) {
                t.practiceMinimums.add(r);
            } else if (row instanceof FallbackShareRow r) {
                t.fallbackShares.add(r);
            } else if (row instanceof SeverityBandRow r) {
                t.severityBands.add(r);
            }
        }
        return t;
    }

    /**
     * A watched matter's figures, as rules/replenishment.drl states the policy (DESIGN.md "Default policy"):
     * <ul>
     *   <li>tier: the one set on the matter, else the tier-band rows that hold its monthly billing;</li>
     *   <li>threshold: the highest of the fee-agreement floor, each of its tier's runway minimums while it
     *       bills, the practice minimum of its area, and, with neither floor nor billing, each fallback share
     *       of the original retainer (of equal candidates the later in that order names the basis, as the
     *       rules always did); none of these: a matter
     *       at or below zero is measured against 0.00, any other has no threshold (a data-quality item);</li>
     *   <li>refill target: the highest of the agreed refill target, else the original retainer and each
     *       tier reserve while it bills, and the threshold (never below it; of equal candidates, the later);</li>
     *   <li>band: the severity-band row its balance against the threshold falls in.</li>
     * </ul>
     *
     * @param ruleName the rule that asks for the figures; the threshold names it
     */
    public Replenishment replenishment(MatterFacts m, String ruleName) {
        List<String> rows = new ArrayList<>(4);
        List<Tier> tiers = new ArrayList<>(1);
        if (m.explicitTier() != null) {
            tiers.add(m.explicitTier());
        } else if (m.monthlyBilling() != null) {
            for (TierBandRow band : tierBands) {
                if (band.holds(m.monthlyBilling())) {
                    tiers.add(band.tier());
                    rows.add(band.ruleName());
                }
            }
        }
        List<TierReserveRow> reserves = new ArrayList<>(1);
        for (Tier tier : tiers) {
            for (TierReserveRow reserve : tierReserves) {
                if (reserve.tier() == tier) {
                    reserves.add(reserve);
                    rows.add(reserve.ruleName());
                }
            }
        }
        boolean billing = m.activelyBilling();

        // threshold candidates
        BigDecimal amount = m.floor();
        ThresholdBasis basis = amount == null ? null : ThresholdBasis.feeAgreementFloor();
        if (billing) {
            for (TierReserveRow reserve : reserves) {
                BigDecimal runway = m.burnFor(reserve.triggerDays());
                if (amount == null || runway.compareTo(amount) >= 0) {
                    amount = runway;
                    basis = ThresholdBasis.runwayMinimum(reserve.triggerDays());
                }
            }
        }
        List<PracticeMinimumRow> minimums = List.of();
        for (PracticeMinimumRow minimum : practiceMinimums) {
            if (minimum.practiceArea().equals(m.practiceArea())) {
                if (minimums.isEmpty()) {
                    minimums = new ArrayList<>(1);
                }
                minimums.add(minimum);
                rows.add(minimum.ruleName());
                if (amount == null || minimum.minimumBalance().compareTo(amount) >= 0) {
                    amount = minimum.minimumBalance();
                    basis = ThresholdBasis.practiceMinimum();
                }
            }
        }
        if (m.floor() == null && !billing && m.originalRetainer() != null) {
            for (FallbackShareRow fallback : fallbackShares) {
                rows.add(fallback.ruleName());
                BigDecimal share = m.shareOfOriginal(fallback.share());
                if (amount == null || share.compareTo(amount) >= 0) {
                    amount = share;
                    basis = ThresholdBasis.retainerShare(fallback.share());
                }
            }
        }
        boolean noBasis = amount == null;
        Threshold threshold = !noBasis ? Threshold.of(m, amount, basis, ruleName)
                : m.balance().signum() <= 0 ? Threshold.none(m, ruleName) : null;

        // refill-target candidates
        BigDecimal refill = null;
        String refillBasis = null;
        if (m.refillTarget() != null) {
            refill = m.refillTarget();
            refillBasis = "agreed refill target";
        } else {
            if (m.originalRetainer() != null) {
                refill = m.originalRetainer();
                refillBasis = "original retainer";
            }
            if (billing) {
                for (TierReserveRow reserve : reserves) {
                    BigDecimal target = m.burnFor(reserve.reserveDays());
                    if (refill == null || target.compareTo(refill) >= 0) {
                        refill = target;
                        refillBasis = reserve.reserveDays() + "-day reserve";
                    }
                }
            }
        }
        if (threshold != null && (refill == null || threshold.amount().compareTo(refill) >= 0)) {
            refill = threshold.amount();
            refillBasis = "replenishment threshold";
        }

        // the tables' checks refuse overlapping bands (TableChecks), so at most one row holds
        SeverityBandRow band = null;
        if (threshold != null) {
            for (SeverityBandRow row : severityBands) {
                if (row.holds(threshold, m)) {
                    band = row;
                    rows.add(row.ruleName());
                    break;
                }
            }
        }
        return new Replenishment(m, tiers.isEmpty() ? null : tiers.get(0), threshold, noBasis, refill, refillBasis,
                band, minimums, rows);
    }
}
