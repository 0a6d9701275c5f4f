package com.trustwatch.decision;

import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    // Worked out once per session from the rows above, so that a matter's figures look rows up instead of
    // filtering every table and describing every basis again: the reserve rows of each tier, the
    // practice-minimum rows of each area (both in the rows' order), and each row's threshold basis and
    // its words.
    private final Map<Tier, List<Reserve>> reservesByTier = new EnumMap<>(Tier.class);
    private final Map<String, List<PracticeMinimumRow>> minimumsByArea = new HashMap<>();
    private final List<Fallback> fallbacks = new ArrayList<>();

    /** A tier-reserve row with its runway basis, the basis's words and the refill basis's words. */
    private record Reserve(TierReserveRow row, ThresholdBasis runway, String runwayWords, String reserveWords) {
    }

    /** A fallback-share row with its basis and the basis's words. */
    private record Fallback(FallbackShareRow row, ThresholdBasis basis, String words) {
    }

    private static final ThresholdBasis FLOOR = ThresholdBasis.feeAgreementFloor();
    private static final String FLOOR_WORDS = FLOOR.describe();
    private static final ThresholdBasis PRACTICE_MINIMUM = ThresholdBasis.practiceMinimum();
    private static final String PRACTICE_MINIMUM_WORDS = PRACTICE_MINIMUM.describe();

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
        for (TierReserveRow r : t.tierReserves) {
            ThresholdBasis runway = ThresholdBasis.runwayMinimum(r.triggerDays());
            t.reservesByTier.computeIfAbsent(r.tier(), k -> new ArrayList<>(1))
                    .add(new Reserve(r, runway, runway.describe(), r.reserveDays() + "-day reserve"));
        }
        for (PracticeMinimumRow r : t.practiceMinimums) {
            t.minimumsByArea.computeIfAbsent(r.practiceArea(), k -> new ArrayList<>(1)).add(r);
        }
        for (FallbackShareRow r : t.fallbackShares) {
            ThresholdBasis basis = ThresholdBasis.retainerShare(r.share());
            t.fallbacks.add(new Fallback(r, basis, basis.describe()));
        }
        // a Replenishment hands its area's rows to the rules: no one may change them
        t.reservesByTier.replaceAll((k, v) -> List.copyOf(v));
        t.minimumsByArea.replaceAll((k, v) -> List.copyOf(v));
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
        Tier tier = m.explicitTier();
        List<Tier> bandTiers = null;
        if (tier == null && m.monthlyBilling() != null) {
            for (TierBandRow band : tierBands) {
                if (band.holds(m.monthlyBilling())) {
                    if (tier == null) {
                        tier = band.tier();
                    } else {
                        if (bandTiers == null) {
                            bandTiers = new ArrayList<>(2);
                            bandTiers.add(tier);
                        }
                        bandTiers.add(band.tier());
                    }
                    rows.add(band.ruleName());
                }
            }
        }
        // the reserve rows of the matter's tier (of each tier, should bands ever overlap), in the rows' order
        List<Reserve> reserves = List.of();
        if (bandTiers != null) {
            reserves = new ArrayList<>(bandTiers.size());
            for (Tier t : bandTiers) {
                reserves.addAll(reservesByTier.getOrDefault(t, List.of()));
            }
        } else if (tier != null) {
            reserves = reservesByTier.getOrDefault(tier, List.of());
        }
        for (Reserve reserve : reserves) {
            rows.add(reserve.row().ruleName());
        }
        boolean billing = m.activelyBilling();

        // threshold candidates
        BigDecimal amount = m.floor();
        ThresholdBasis basis = amount == null ? null : FLOOR;
        String basisWords = amount == null ? null : FLOOR_WORDS;
        if (billing) {
            for (Reserve reserve : reserves) {
                BigDecimal runway = m.burnFor(reserve.row().triggerDays());
                if (amount == null || runway.compareTo(amount) >= 0) {
                    amount = runway;
                    basis = reserve.runway();
                    basisWords = reserve.runwayWords();
                }
            }
        }
        List<PracticeMinimumRow> minimums = m.practiceArea() == null ? null : minimumsByArea.get(m.practiceArea());
        if (minimums == null) {
            minimums = List.of();
        }
        for (PracticeMinimumRow minimum : minimums) {
            rows.add(minimum.ruleName());
            if (amount == null || minimum.minimumBalance().compareTo(amount) >= 0) {
                amount = minimum.minimumBalance();
                basis = PRACTICE_MINIMUM;
                basisWords = PRACTICE_MINIMUM_WORDS;
            }
        }
        if (m.floor() == null && !billing && m.originalRetainer() != null) {
            for (Fallback fallback : fallbacks) {
                rows.add(fallback.row().ruleName());
                BigDecimal share = m.shareOfOriginal(fallback.row().share());
                if (amount == null || share.compareTo(amount) >= 0) {
                    amount = share;
                    basis = fallback.basis();
                    basisWords = fallback.words();
                }
            }
        }
        boolean noBasis = amount == null;
        Threshold threshold = !noBasis ? Threshold.of(m, amount, basis, basisWords, ruleName)
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
                for (Reserve reserve : reserves) {
                    BigDecimal target = m.burnFor(reserve.row().reserveDays());
                    if (refill == null || target.compareTo(refill) >= 0) {
                        refill = target;
                        refillBasis = reserve.reserveWords();
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
        return new Replenishment(m, tier, threshold, noBasis, refill, refillBasis, band, minimums, rows);
    }
}
