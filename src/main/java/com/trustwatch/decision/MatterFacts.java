package com.trustwatch.decision;

import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One matter as the rules see it on one as-of date: the stored values plus the arithmetic every
 * rule would otherwise repeat (daily burn, runway, days since an event). No policy number lives
 * here; thresholds, tiers and bands come from the decision tables.
 *
 * <p>Daily burn = monthly billing / 30; runway = balance / daily burn (DESIGN.md). The monthly billing
 * is the ledger's when drawdowns are recorded in the {@value #BURN_WINDOW_DAYS} days up to the as-of
 * date (their sum / 3), else the imported figure ({@code burnSource} says which; null without either).
 * A balance at or below zero has no projected depletion date: it is already used up.
 */
public record MatterFacts(
        String matterNumber,
        String clientId,
        Tier explicitTier,
        String jurisdiction,
        String practiceArea,
        FeeType feeType,
        RetainerType retainerType,
        MatterStatus status,
        BigDecimal balance,
        BigDecimal originalRetainer,
        BigDecimal floor,
        BigDecimal refillTarget,
        BigDecimal monthlyBilling,
        BigDecimal dailyBurn,
        BigDecimal runwayDays,
        LocalDate projectedDepletion,
        boolean paymentPlan,
        boolean disputed,
        BigDecimal disputedAmount,
        Boolean smsConsent,
        boolean hasBillingPhone,
        String flatFeeAccount,
        Boolean flatFeeDisclosureSigned,
        BigDecimal flatFeeAmount,
        Boolean nonrefundableFeeTerm,
        LocalDate asOf,
        Integer daysSinceReconciliation,
        Integer daysSinceClosed,
        Integer daysSinceLastDeposit,
        Boolean receiptNotified,
        Integer daysSinceAccounting,
        boolean open,
        boolean activelyBilling,
        boolean replenishable,
        LocalDate episodeStart,
        BurnSource burnSource) {

    /** The ledger's burn rate is the drawdowns dated in the last this many days, up to and including the as-of date. */
    public static final int BURN_WINDOW_DAYS = 90;
    private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30");
    private static final BigDecimal MONTHS_PER_WINDOW = new BigDecimal(BURN_WINDOW_DAYS / 30);

    public static MatterFacts of(Matter m, LocalDate asOf) {
        return of(m, asOf, null);
    }

    public static MatterFacts of(Matter m, LocalDate asOf, LocalDate episodeStart) {
        return of(m, asOf, episodeStart, null);
    }

    /**
     * @param episodeStart      the start of the matter's open low-balance episode, if one is open;
     *                          otherwise a new episode would start on {@code asOf}
     * @param recentDrawdowns   the sum of the drawdowns the trust ledger records for the matter dated
     *                          after {@code asOf} − {@value #BURN_WINDOW_DAYS} days and up to {@code asOf};
     *                          null (or zero) when there are none, and the imported monthly billing applies
     */
    public static MatterFacts of(Matter m, LocalDate asOf, LocalDate episodeStart, BigDecimal recentDrawdowns) {
        BigDecimal monthly;
        BurnSource burnSource;
        BigDecimal dailyBurn;
        if (recentDrawdowns != null && recentDrawdowns.signum() > 0) {
            burnSource = BurnSource.LEDGER;
            monthly = recentDrawdowns.divide(MONTHS_PER_WINDOW, 2, RoundingMode.HALF_UP);
            dailyBurn = recentDrawdowns.divide(BigDecimal.valueOf(BURN_WINDOW_DAYS), 4, RoundingMode.HALF_UP);
        } else {
            monthly = m.monthlyBilling();
            dailyBurn = monthly == null || monthly.signum() <= 0
                    ? null : monthly.divide(DAYS_PER_MONTH, 4, RoundingMode.HALF_UP);
            burnSource = dailyBurn == null ? null : BurnSource.IMPORTED;
        }
        BigDecimal runway = null;
        LocalDate depletion = null;
        if (dailyBurn != null) {
            runway = m.trustBalance().signum() <= 0 ? BigDecimal.ZERO.setScale(1)
                    : m.trustBalance().divide(dailyBurn, 1, RoundingMode.HALF_UP);
            // an empty or overdrawn balance is already used up: there is nothing left to project
            depletion = m.trustBalance().signum() <= 0 ? null
                    : asOf.plusDays(runway.setScale(0, RoundingMode.DOWN).longValueExact());
        }
        Boolean receiptNotified = m.lastDepositOn() == null ? null
                : m.receiptNotifiedOn() != null && !m.receiptNotifiedOn().isBefore(m.lastDepositOn());
        return new MatterFacts(
                m.matterNumber(), m.clientId(), m.clientTier(), m.jurisdiction(),
                m.practiceArea() == null ? null : m.practiceArea().trim().toUpperCase(Locale.ROOT),
                m.feeType(), m.retainerType(), m.status(),
                m.trustBalance(), m.originalRetainer(), m.floor(), m.refillTarget(), monthly, dailyBurn,
                runway, depletion, m.isPaymentPlan(), Boolean.TRUE.equals(m.disputed()), m.disputedAmount(),
                m.smsConsent(), m.billingContactPhone() != null && !m.billingContactPhone().isBlank(),
                m.flatFeeAccount(), m.flatFeeDisclosureSigned(), m.flatFeeAmount(), m.nonrefundableFeeTerm(),
                asOf, daysBetween(m.lastReconciledOn(), asOf), daysBetween(m.closedOn(), asOf),
                daysBetween(m.lastDepositOn(), asOf), receiptNotified, daysBetween(m.lastAccountingOn(), asOf),
                m.status() == MatterStatus.OPEN, dailyBurn != null, replenishable(m),
                episodeStart == null ? asOf : episodeStart, burnSource);
    }

    /**
     * The matters whose balance the replenishment policy watches (DESIGN.md): open, hourly or
     * hybrid, on an evergreen retainer, and not on a payment plan. Compliance rules see every matter.
     */
    private static boolean replenishable(Matter m) {
        return m.status() == MatterStatus.OPEN
                && (m.feeType() == FeeType.HOURLY || m.feeType() == FeeType.HYBRID)
                && m.retainerType() == RetainerType.EVERGREEN
                && !m.isPaymentPlan();
    }

    private static Integer daysBetween(LocalDate from, LocalDate to) {
        return from == null ? null : (int) ChronoUnit.DAYS.between(from, to);
    }

    /**
     * Facts are joined by identity: every derived fact points at the one MatterFacts of its matter.
     * A record's generated equals/hashCode would compare all thirty-odd components on every join,
     * which was a fifth of the rules engine's time on a large book.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The cost of {@code days} days of projected burn, in dollars at cent scale; null without burn data. */
    public BigDecimal burnFor(int days) {
        return dailyBurn == null ? null
                : dailyBurn.multiply(BigDecimal.valueOf(days)).setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code share} (0.25 = 25%) of the original retainer; null when the retainer is unknown. */
    public BigDecimal shareOfOriginal(BigDecimal share) {
        return originalRetainer == null ? null
                : originalRetainer.multiply(share).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The part of the trust balance that is not recorded as disputed: the balance less the disputed
     * amount (the balance itself on an undisputed matter); null when the matter is disputed and the
     * disputed amount is unknown. May be zero or negative when the whole balance is in dispute.
     */
    public BigDecimal undisputedBalance() {
        if (!disputed) {
            return balance;
        }
        return disputedAmount == null ? null : balance.subtract(disputedAmount);
    }

    /** The day of the last deposit; null when none is recorded. */
    public LocalDate lastDepositOn() {
        return daysSinceLastDeposit == null ? null : asOf.minusDays(daysSinceLastDeposit);
    }

    /** The day of the last reconciliation; null when none is recorded. */
    public LocalDate lastReconciledOn() {
        return daysSinceReconciliation == null ? null : asOf.minusDays(daysSinceReconciliation);
    }

    /** The day of the last written accounting to the client; null when none is recorded. */
    public LocalDate lastAccountingOn() {
        return daysSinceAccounting == null ? null : asOf.minusDays(daysSinceAccounting);
    }

    /** The day the matter was closed; null when it is open or the date is unknown. */
    public LocalDate closedOn() {
        return daysSinceClosed == null ? null : asOf.minusDays(daysSinceClosed);
    }
}
