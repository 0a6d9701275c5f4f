package com.trustwatch.bench;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.ReviewRequired;
import com.trustwatch.decision.Role;
import com.trustwatch.decision.Severity;
import com.trustwatch.decision.Threshold;
import com.trustwatch.decision.ThresholdBasis;
import com.trustwatch.fixtures.DefaultTables;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Tier;
import com.trustwatch.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The default replenishment policy (DESIGN.md "Default policy", the shipped decision tables and
 * rules/replenishment.drl) written out by hand in plain Java. No Drools. The logic is hand-written; the
 * numbers and flags are the shipped tables' own, read once from their CSV mirrors ({@link DefaultTables}),
 * so a billing manager's change to a default value changes the baseline with it. It exists to check the
 * rules against (every decision must agree) and to measure what the rules engine costs over straight-line
 * code.
 *
 * <p>Like for like: {@link #propose} builds the same outputs the rules build for the replenishment policy,
 * through the same {@link ActionProposal} builder: every proposal with its rule name, reason text, episode
 * key, threshold and its basis, refill target, holds and citation (looked up per proposal, as
 * {@code RuleEngine} does). What it does not do: the compliance packs (rules/compliance), and the escalation
 * ladder of open episodes (the benchmark's book has none).
 *
 * <p>The severity bands compare the balance with the threshold exactly, as DESIGN.md states them
 * ("WARNING: 50–90%"; a request "as soon as the balance is below the threshold, whatever the band").
 * The rules once compared a ratio rounded to four places, which moved balances a cent under an edge
 * onto it (known discrepancy KD-1, found by this baseline and fixed in {@code Threshold}).
 */
public final class BaselinePolicy {

    /** One decision, in the terms the agreement test compares; {@code held}: why a request waits for a person. */
    public record Decision(String matterNumber, ActionType type, String severity, String code, BigDecimal amount,
                           List<Role> to, List<String> held) {
        public Decision {
            Objects.requireNonNull(matterNumber, "matterNumber");
            Objects.requireNonNull(type, "type");
            to = List.copyOf(to);
            held = held == null ? List.of() : List.copyOf(held);
        }

        public Decision(String matterNumber, ActionType type, String severity, String code, BigDecimal amount,
                        List<Role> to) {
            this(matterNumber, type, severity, code, amount, to, List.of());
        }
    }

    private static final String AT_LEAST = "Balance at least (share of threshold)";
    private static final String BELOW = "Balance below (share of threshold)";

    // tier by monthly billing (TT-1..TT-3) and tier reserves (TR-1..TR-3)
    private static final BigDecimal TIER_1_FROM = tierFrom(Tier.TIER_1);
    private static final BigDecimal TIER_2_FROM = tierFrom(Tier.TIER_2);
    private static final Map<Tier, Integer> TRIGGER_DAYS = reserves("Request when runway is under (days)");
    private static final Map<Tier, Integer> RESERVE_DAYS = reserves("Refill to a reserve of (days)");
    // practice minimum (PM-1), fallback threshold (TF-1), emergency queue (EQ-1)
    private static final DefaultTables.Row PRACTICE_MINIMUM = DefaultTables.row("practice-minimums", "PM-1");
    private static final String LITIGATION = PRACTICE_MINIMUM.text("Practice area");
    private static final BigDecimal LITIGATION_MINIMUM = money(PRACTICE_MINIMUM.number("Minimum balance"));
    private static final boolean LITIGATION_REVIEW = PRACTICE_MINIMUM.yes("Attorney review required");
    private static final BigDecimal FALLBACK_SHARE = DefaultTables.row("fallback-threshold", "TF-1")
            .number("Share of original retainer");
    private static final DefaultTables.Row EMERGENCY = DefaultTables.row("emergency-queue", "EQ-1");
    private static final BigDecimal EMERGENCY_BELOW = money(EMERGENCY.number("Balance below"));
    private static final List<Role> EMERGENCY_NOTIFY = roles(EMERGENCY.text("Notify"));
    // severity bands (SB-1..SB-6)
    private static final Band WATCH_ABOVE = Band.of("SB-1");
    private static final Band WATCH_BELOW = Band.of("SB-2");
    private static final Band WARNING = Band.of("SB-3");
    private static final Band BREACH = Band.of("SB-4");
    private static final Band DEPLETED = Band.of("SB-5");
    private static final Band DEPLETED_WHILE_BILLING = Band.of("SB-6");
    private static final BigDecimal WATCH_ABOVE_FROM = WATCH_ABOVE.row.number(AT_LEAST);
    private static final BigDecimal WATCH_ABOVE_TO = WATCH_ABOVE.row.number(BELOW);
    private static final BigDecimal WATCH_FROM = WATCH_BELOW.row.number(AT_LEAST);
    private static final BigDecimal WARNING_FROM = WARNING.row.number(AT_LEAST);

    private static final List<Role> ATTORNEY = List.of(Role.ATTORNEY);

    // the rules' names, as proposals and holds carry them
    private static final String FIGURES = "RP-005 A watched matter's tier, threshold, refill target and band come from the rows of the tables";
    private static final String REQUEST = "RP-020 Ask the billing contact to replenish when the balance is below the threshold";
    private static final String ATTORNEY_REVIEW = "RP-021 An attorney reviews the request first where the practice minimum says so";
    private static final String NEGATIVE_LEDGER = "RP-022 A request on a negative client ledger waits for a person";
    private static final String ALERT = "RP-040 Alert the people the severity band names";
    private static final String TASK = "RP-041 Open an exception task where the severity band asks for one";
    private static final String STOP_WORK = "RP-042 Recommend stopping work where the severity band says so";
    private static final String NO_THRESHOLD = "RP-090 A watched matter with no basis for a threshold is a data-quality item";
    private static final String EMERGENCY_RULE = EMERGENCY.id() + " " + EMERGENCY.name();
    private static final String EMERGENCY_LEVEL = Money.letter(EMERGENCY_BELOW);

    private final Function<String, String> citations;

    /** A baseline that looks up no citations (the replenishment rules cite none). */
    public BaselinePolicy() {
        this(name -> null);
    }

    /** A baseline that looks up each proposal's citation by its rule's name ({@code Ruleset::citationOfRuleNamed}), as {@code RuleEngine} does. */
    public BaselinePolicy(Function<String, String> citations) {
        this.citations = citations;
    }

    /** A severity band and what it asks for: one row of the severity-bands table. */
    private record Band(DefaultTables.Row row, String label, boolean clientRequest, List<Role> alert,
                        boolean exceptionTask, boolean stopWork, com.trustwatch.decision.Band band, int hours) {

        static Band of(String id) {
            DefaultTables.Row row = DefaultTables.row("severity-bands", id);
            List<Role> alert = new ArrayList<>();
            if (row.yes("Alert attorney")) {
                alert.add(Role.ATTORNEY);
            }
            if (row.yes("Alert billing manager")) {
                alert.add(Role.BILLING_MANAGER);
            }
            if (row.yes("Alert managing partner")) {
                alert.add(Role.MANAGING_PARTNER);
            }
            return new Band(row, row.text("Band"), row.yes("Client request"), List.copyOf(alert),
                    row.yes("Exception task"), row.yes("Stop-work recommendation"),
                    com.trustwatch.decision.Band.valueOf(row.text("Band")), row.days("Notify within (hours)"));
        }
    }

    private static BigDecimal tierFrom(Tier tier) {
        return DefaultTables.rowWhere("tier-by-monthly-billing", "Client tier", tier.name())
                .number("Monthly billing at least");
    }

    private static Map<Tier, Integer> reserves(String column) {
        Map<Tier, Integer> days = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            days.put(tier, DefaultTables.rowWhere("tier-reserves", "Client tier", tier.name()).days(column));
        }
        return days;
    }

    private static List<Role> roles(String people) {
        return Arrays.stream(people.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> Role.valueOf(p.toUpperCase(Locale.ROOT).replace(' ', '_'))).toList();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public List<Decision> decide(MatterFacts m) {
        List<Decision> out = new ArrayList<>(4);
        decide(m, out);
        return out;
    }

    /** Adds the matter's decisions to {@code out}. */
    public void decide(MatterFacts m, List<Decision> out) {
        String number = m.matterNumber();
        BigDecimal balance = m.balance();

        // EQ-1: any open hourly or hybrid matter under 500, watched or not
        if (m.open() && (m.feeType() == FeeType.HOURLY || m.feeType() == FeeType.HYBRID)
                && balance.compareTo(EMERGENCY_BELOW) < 0) {
            out.add(new Decision(number, ActionType.EXCEPTION_TASK, "CRITICAL", "EMERGENCY_LOW_BALANCE", null,
                    EMERGENCY_NOTIFY));
        }
        // only open, hourly/hybrid, evergreen matters off a payment plan are watched
        if (!m.replenishable()) {
            return;
        }

        Tier tier = m.explicitTier() != null ? m.explicitTier()
                : m.monthlyBilling() == null ? null
                : m.monthlyBilling().compareTo(TIER_1_FROM) >= 0 ? Tier.TIER_1
                : m.monthlyBilling().compareTo(TIER_2_FROM) >= 0 ? Tier.TIER_2
                : Tier.TIER_3;
        boolean litigation = LITIGATION.equals(m.practiceArea());
        boolean billing = m.activelyBilling();

        // threshold: the highest of floor, the tier's runway minimum, the practice minimum; else 25% of the retainer
        BigDecimal threshold = m.floor();
        if (tier != null && billing) {
            threshold = max(threshold, m.burnFor(TRIGGER_DAYS.get(tier)));
        }
        if (litigation) {
            threshold = max(threshold, LITIGATION_MINIMUM);
        }
        if (m.floor() == null && !billing && m.originalRetainer() != null) {
            threshold = max(threshold, m.shareOfOriginal(FALLBACK_SHARE));
        }
        if (threshold == null) {
            out.add(new Decision(number, ActionType.EXCEPTION_TASK, "LOW", "DATA_QUALITY_NO_THRESHOLD", null,
                    List.of(Role.BILLING_MANAGER)));
            if (balance.signum() > 0) {
                return;
            }
            threshold = BigDecimal.ZERO.setScale(2); // RP-018: an empty or overdrawn balance is measured against zero
        }

        Band band = band(balance, threshold, billing);
        if (band == null) {
            return;
        }
        if (band.clientRequest() && balance.compareTo(threshold) < 0) {
            // refill: an agreed target, else the higher of the original retainer and the tier reserve; never under the threshold
            BigDecimal refill = threshold;
            if (m.refillTarget() != null) {
                refill = max(refill, m.refillTarget());
            } else {
                refill = max(refill, m.originalRetainer());
                if (tier != null && billing) {
                    refill = max(refill, m.burnFor(RESERVE_DAYS.get(tier)));
                }
            }
            BigDecimal amount = refill.subtract(balance);
            // RP-021 and RP-022: litigation and a negative client ledger hold the request for a person
            List<String> held = new ArrayList<>();
            if (litigation && LITIGATION_REVIEW) {
                held.add("ATTORNEY_REVIEW_REQUIRED");
            }
            if (balance.signum() < 0) {
                held.add("NEGATIVE_CLIENT_LEDGER");
            }
            out.add(new Decision(number, ActionType.REPLENISHMENT_REQUEST, band.label(), null, amount,
                    List.of(Role.BILLING_CONTACT), held));
        }
        String code = "LOW_BALANCE_" + band.label();
        out.add(new Decision(number, ActionType.INTERNAL_ALERT, band.label(), code, null, band.alert()));
        if (band.exceptionTask()) {
            out.add(new Decision(number, ActionType.EXCEPTION_TASK, band.label(), code, null,
                    List.of(Role.BILLING_MANAGER)));
        }
        if (band.stopWork()) {
            out.add(new Decision(number, ActionType.PAUSE_WORK_NOTICE, band.label(), "STOP_WORK_RECOMMENDED", null,
                    ATTORNEY));
        }
    }

    /**
     * Adds the proposals the replenishment rules make for the matter to {@code out}: the same objects, field
     * for field, including reason texts, episode keys, thresholds with their basis, holds and citations.
     */
    public void propose(MatterFacts m, List<ActionProposal> out) {
        BigDecimal balance = m.balance();
        if (m.open() && (m.feeType() == FeeType.HOURLY || m.feeType() == FeeType.HYBRID)
                && balance.compareTo(EMERGENCY_BELOW) < 0) {
            add(out, ActionProposal.of(m, ActionType.EXCEPTION_TASK, EMERGENCY_RULE)
                    .severity(Severity.CRITICAL).code("EMERGENCY_LOW_BALANCE").concern(ActionProposal.BALANCE)
                    .to(EMERGENCY_NOTIFY)
                    .reason("Trust balance " + Money.letter(balance) + " is under the emergency level of " + EMERGENCY_LEVEL)
                    .episode(EpisodeKey.emergency(m.episodeStart()))
                    .build());
        }
        if (!m.replenishable()) {
            return;
        }
        Tier tier = m.explicitTier() != null ? m.explicitTier()
                : m.monthlyBilling() == null ? null
                : m.monthlyBilling().compareTo(TIER_1_FROM) >= 0 ? Tier.TIER_1
                : m.monthlyBilling().compareTo(TIER_2_FROM) >= 0 ? Tier.TIER_2
                : Tier.TIER_3;
        boolean litigation = LITIGATION.equals(m.practiceArea());
        boolean billing = m.activelyBilling();

        // threshold: of equal candidates the later names the basis, as the rules do
        BigDecimal amount = m.floor();
        ThresholdBasis basis = amount == null ? null : ThresholdBasis.feeAgreementFloor();
        if (tier != null && billing) {
            int days = TRIGGER_DAYS.get(tier);
            BigDecimal runway = m.burnFor(days);
            if (amount == null || runway.compareTo(amount) >= 0) {
                amount = runway;
                basis = ThresholdBasis.runwayMinimum(days);
            }
        }
        if (litigation && (amount == null || LITIGATION_MINIMUM.compareTo(amount) >= 0)) {
            amount = LITIGATION_MINIMUM;
            basis = ThresholdBasis.practiceMinimum();
        }
        if (m.floor() == null && !billing && m.originalRetainer() != null) {
            BigDecimal share = m.shareOfOriginal(FALLBACK_SHARE);
            if (amount == null || share.compareTo(amount) >= 0) {
                amount = share;
                basis = ThresholdBasis.retainerShare(FALLBACK_SHARE);
            }
        }
        Threshold threshold;
        if (amount == null) {
            add(out, ActionProposal.of(m, ActionType.EXCEPTION_TASK, NO_THRESHOLD)
                    .severity(Severity.LOW).code("DATA_QUALITY_NO_THRESHOLD")
                    .to(Role.BILLING_MANAGER)
                    .reason("No fee-agreement floor, no billing history and no original retainer: "
                            + "the replenishment threshold cannot be computed")
                    .episode(EpisodeKey.dataQuality("no-threshold"))
                    .build());
            if (balance.signum() > 0) {
                return;
            }
            threshold = Threshold.none(m, FIGURES);
        } else {
            threshold = Threshold.of(m, amount, basis, FIGURES);
        }
        Band band = band(balance, threshold.amount(), billing);
        if (band == null) {
            return;
        }
        if (band.clientRequest() && balance.compareTo(threshold.amount()) < 0) {
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
                if (tier != null && billing) {
                    int days = RESERVE_DAYS.get(tier);
                    BigDecimal reserve = m.burnFor(days);
                    if (refill == null || reserve.compareTo(refill) >= 0) {
                        refill = reserve;
                        refillBasis = days + "-day reserve";
                    }
                }
            }
            if (refill == null || threshold.amount().compareTo(refill) >= 0) {
                refill = threshold.amount();
                refillBasis = "replenishment threshold";
            }
            BigDecimal requested = refill.subtract(balance);
            List<ReviewRequired> reviews = List.of();
            if (balance.signum() < 0 || litigation && LITIGATION_REVIEW) {
                reviews = new ArrayList<>(2);
                if (litigation && LITIGATION_REVIEW) {
                    reviews.add(new ReviewRequired(m, "ATTORNEY_REVIEW_REQUIRED", "the practice minimum for "
                            + m.practiceArea().toLowerCase() + " matters asks the attorney to review every figure"
                            + " before it reaches the client", ATTORNEY_REVIEW));
                }
                if (balance.signum() < 0) {
                    reviews.add(new ReviewRequired(m, "NEGATIVE_CLIENT_LEDGER", "the client ledger is negative ("
                            + Money.letter(balance) + "): other clients' money may have covered this matter, so a person checks"
                            + " before the client is asked", NEGATIVE_LEDGER));
                }
            }
            add(out, ActionProposal.of(m, ActionType.REPLENISHMENT_REQUEST, REQUEST)
                    .band(band.band()).amount(requested).threshold(threshold).refillTo(refill)
                    .to(Role.BILLING_CONTACT).heldFor(reviews).concern(ActionProposal.BALANCE)
                    .reason("Balance " + Money.letter(balance) + " is below the threshold of "
                            + Money.letter(threshold.amount()) + " (" + threshold.basis() + "); requesting "
                            + Money.letter(requested) + " to restore " + Money.letter(refill) + " ("
                            + refillBasis + ")" + (reviews.isEmpty() ? "" : "; held for a person to release"))
                    .episode(EpisodeKey.ladderStage(m.episodeStart(), 1))
                    .build());
        }
        String code = "LOW_BALANCE_" + band.label();
        EpisodeKey episode = EpisodeKey.lowBalance(m.episodeStart(), band.label());
        if (!band.alert().isEmpty()) {
            add(out, ActionProposal.of(m, ActionType.INTERNAL_ALERT, ALERT)
                    .band(band.band()).code(code).threshold(threshold).concern(ActionProposal.BALANCE)
                    .to(band.alert())
                    .reason(band.label() + ": balance " + Money.letter(balance) + " is " + threshold.standing() + "; notify "
                            + (band.hours() == 0 ? "immediately" : "within " + band.hours() + " hours"))
                    .episode(episode)
                    .build());
        }
        if (band.exceptionTask()) {
            add(out, ActionProposal.of(m, ActionType.EXCEPTION_TASK, TASK)
                    .band(band.band()).code(code).threshold(threshold).concern(ActionProposal.BALANCE)
                    .to(Role.BILLING_MANAGER)
                    .reason(band.label() + ": balance " + Money.letter(balance) + " against a threshold of "
                            + Money.letter(threshold.amount())
                            + " (" + threshold.basis() + ") needs a person today")
                    .episode(episode)
                    .build());
        }
        if (band.stopWork()) {
            add(out, ActionProposal.of(m, ActionType.PAUSE_WORK_NOTICE, STOP_WORK)
                    .band(band.band()).code("STOP_WORK_RECOMMENDED").concern(ActionProposal.BALANCE)
                    .to(Role.ATTORNEY).cc(Role.MANAGING_PARTNER)
                    .reason(band.label() + ": the trust balance is " + Money.letter(balance)
                            + " and the matter is still billing; stop work until the retainer is replenished")
                    .episode(episode)
                    .build());
        }
    }

    /** A proposal with its rule's citation, looked up as {@code RuleEngine} looks it up. */
    private void add(List<ActionProposal> out, ActionProposal p) {
        String citation = citations.apply(p.ruleName());
        out.add(citation == null ? p : p.withCitation(citation));
    }

    /** The severity band of a balance against a threshold, or null when it is comfortably above. */
    private Band band(BigDecimal balance, BigDecimal threshold, boolean billing) {
        if (balance.signum() <= 0) {
            return billing ? DEPLETED_WHILE_BILLING : DEPLETED;
        }
        if (threshold.signum() <= 0) {
            return null; // a positive balance is above a zero threshold
        }
        return balance.compareTo(threshold.multiply(WATCH_ABOVE_TO)) >= 0 ? null
                : balance.compareTo(threshold.multiply(WATCH_ABOVE_FROM)) >= 0 ? WATCH_ABOVE
                : balance.compareTo(threshold.multiply(WATCH_FROM)) >= 0 ? WATCH_BELOW
                : balance.compareTo(threshold.multiply(WARNING_FROM)) >= 0 ? WARNING
                : BREACH;
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
