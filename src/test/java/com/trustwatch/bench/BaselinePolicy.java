package com.trustwatch.bench;

import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Role;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default replenishment policy (DESIGN.md "Default policy", the shipped decision tables and
 * rules/replenishment.drl) written out by hand in plain Java, with the default numbers hard-coded.
 * No Drools. It exists to check the rules against (every decision must agree) and to measure what
 * the rules engine costs over straight-line code.
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

    // tier by monthly billing (TT-1..TT-3) and tier reserves (TR-1..TR-3)
    private static final BigDecimal TIER_1_FROM = new BigDecimal("8000");
    private static final BigDecimal TIER_2_FROM = new BigDecimal("3000");
    // practice minimum (PM-1), fallback threshold (TF-1), emergency queue (EQ-1)
    private static final String LITIGATION = "LITIGATION";
    private static final BigDecimal LITIGATION_MINIMUM = new BigDecimal("2500.00");
    private static final BigDecimal FALLBACK_SHARE = new BigDecimal("0.25");
    private static final BigDecimal EMERGENCY_BELOW = new BigDecimal("500.00");
    // severity bands (SB-1..SB-6)
    private static final BigDecimal WATCH_ABOVE_TO = new BigDecimal("1.10");
    private static final BigDecimal WATCH_FROM = new BigDecimal("0.90");
    private static final BigDecimal WARNING_FROM = new BigDecimal("0.50");

    private static final List<Role> ATTORNEY = List.of(Role.ATTORNEY);
    private static final List<Role> ATTORNEY_AND_BILLING_MANAGER = List.of(Role.ATTORNEY, Role.BILLING_MANAGER);
    private static final List<Role> EVERYONE = List.of(Role.ATTORNEY, Role.BILLING_MANAGER, Role.MANAGING_PARTNER);


    public BaselinePolicy() {
    }

    /** A severity band and what it asks for (one row of the severity-bands table). */
    private enum Band {
        WATCH_ABOVE("WATCH", false, ATTORNEY, false, false),                   // SB-1
        WATCH_BELOW("WATCH", true, ATTORNEY, false, false),                    // SB-2
        WARNING("WARNING", true, ATTORNEY_AND_BILLING_MANAGER, false, false),  // SB-3
        BREACH("BREACH", true, ATTORNEY_AND_BILLING_MANAGER, true, false),     // SB-4, SB-5
        CRITICAL("CRITICAL", true, EVERYONE, true, true);                      // SB-6

        final String label;
        final boolean clientRequest;
        final List<Role> alert;
        final boolean exceptionTask;
        final boolean stopWork;

        Band(String label, boolean clientRequest, List<Role> alert, boolean exceptionTask, boolean stopWork) {
            this.label = label;
            this.clientRequest = clientRequest;
            this.alert = alert;
            this.exceptionTask = exceptionTask;
            this.stopWork = stopWork;
        }
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
                    List.of(Role.BILLING_MANAGER, Role.ATTORNEY)));
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
            threshold = max(threshold, m.burnFor(triggerDays(tier)));
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
        if (band.clientRequest && balance.compareTo(threshold) < 0) {
            // refill: an agreed target, else the higher of the original retainer and the tier reserve; never under the threshold
            BigDecimal refill = threshold;
            if (m.refillTarget() != null) {
                refill = max(refill, m.refillTarget());
            } else {
                refill = max(refill, m.originalRetainer());
                if (tier != null && billing) {
                    refill = max(refill, m.burnFor(reserveDays(tier)));
                }
            }
            BigDecimal amount = refill.subtract(balance);
            // RP-021 and RP-022: litigation and a negative client ledger hold the request for a person
            List<String> held = new ArrayList<>();
            if (litigation) {
                held.add("ATTORNEY_REVIEW_REQUIRED");
            }
            if (balance.signum() < 0) {
                held.add("NEGATIVE_CLIENT_LEDGER");
            }
            out.add(new Decision(number, ActionType.REPLENISHMENT_REQUEST, band.label, null, amount,
                    List.of(Role.BILLING_CONTACT), held));
        }
        String code = "LOW_BALANCE_" + band.label;
        out.add(new Decision(number, ActionType.INTERNAL_ALERT, band.label, code, null, band.alert));
        if (band.exceptionTask) {
            out.add(new Decision(number, ActionType.EXCEPTION_TASK, band.label, code, null,
                    List.of(Role.BILLING_MANAGER)));
        }
        if (band.stopWork) {
            out.add(new Decision(number, ActionType.PAUSE_WORK_NOTICE, band.label, "STOP_WORK_RECOMMENDED", null,
                    ATTORNEY));
        }
    }

    /**
     * The severity band of a balance against a threshold, or null when it is comfortably above. A share
     * of a zero threshold is undefined: only the depleted bands apply to it.
     */
    private Band band(BigDecimal balance, BigDecimal threshold, boolean billing) {
        if (balance.signum() <= 0) {
            return billing ? Band.CRITICAL : Band.BREACH;
        }
        if (threshold.signum() <= 0) {
            return null; // a positive balance is above a zero threshold
        }
        return balance.compareTo(threshold.multiply(WATCH_ABOVE_TO)) >= 0 ? null
                : balance.compareTo(threshold) >= 0 ? Band.WATCH_ABOVE
                : balance.compareTo(threshold.multiply(WATCH_FROM)) >= 0 ? Band.WATCH_BELOW
                : balance.compareTo(threshold.multiply(WARNING_FROM)) >= 0 ? Band.WARNING
                : Band.BREACH;
    }

    private static int triggerDays(Tier tier) {
        return switch (tier) {
            case TIER_1 -> 30;
            case TIER_2 -> 25;
            case TIER_3 -> 20;
        };
    }

    private static int reserveDays(Tier tier) {
        return switch (tier) {
            case TIER_1 -> 60;
            case TIER_2 -> 45;
            case TIER_3 -> 30;
        };
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
