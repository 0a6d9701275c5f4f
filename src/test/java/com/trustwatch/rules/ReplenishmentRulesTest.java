package com.trustwatch.rules;

import com.trustwatch.decision.Band;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.Role;
import com.trustwatch.decision.ThresholdBasis;
import com.trustwatch.fixtures.DefaultTables;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.matter.Tier;
import com.trustwatch.money.Money;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import static com.trustwatch.decision.ActionType.EXCEPTION_TASK;
import static com.trustwatch.decision.ActionType.INTERNAL_ALERT;
import static com.trustwatch.decision.ActionType.PAUSE_WORK_NOTICE;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The replenishment rules (rules/replenishment.drl over the shipped tables), case by case. The seeds'
 * worked examples (Henderson and the others named "seed") state their numbers: they are what those firms
 * asked for. The other cases are about how the rules combine the tables, so they take the tables' numbers
 * (bands, days, minimums) from the default tables' mirrors ({@link DefaultTables}), and a change to a
 * default value does not touch them.
 */
class ReplenishmentRulesTest {

    static final String REQUEST_UNDER = "Request when runway is under (days)";
    static final String REFILL_TO = "Refill to a reserve of (days)";

    /** The tier-reserves row of {@code tier}. */
    static DefaultTables.Row reserves(Tier tier) {
        return DefaultTables.rowWhere("tier-reserves", "Client tier", tier.name());
    }

    /** A monthly billing well inside {@code tier}'s band of the tier-by-monthly-billing table. */
    static BigDecimal monthlyIn(Tier tier) {
        DefaultTables.Row band = DefaultTables.rowWhere("tier-by-monthly-billing", "Client tier", tier.name());
        BigDecimal from = band.number("Monthly billing at least");
        BigDecimal below = band.number("Monthly billing below");
        BigDecimal low = from == null ? BigDecimal.ZERO : from;
        BigDecimal monthly = below == null ? low.multiply(new BigDecimal("1.25"))
                : low.add(below.subtract(low).divide(BigDecimal.valueOf(5), 0, RoundingMode.DOWN));
        return monthly.setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code days} of burn at {@code monthly} a month, as MatterFacts computes it (a month is 30 days). */
    static BigDecimal burn(BigDecimal monthly, int days) {
        return monthly.divide(BigDecimal.valueOf(30), 4, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(days))
                .setScale(2, RoundingMode.HALF_UP);
    }

    /** The share of the threshold halfway into a severity band: its "at least" and "below" edges. */
    static BigDecimal halfwayInto(String bandId) {
        DefaultTables.Row band = DefaultTables.row("severity-bands", bandId);
        return band.number("Balance at least (share of threshold)").add(band.number("Balance below (share of threshold)"))
                .divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    @DisplayName("Henderson's request, alert and exception task write every amount in dollars as people read them ($1,240.00, not 1240.00)")
    void hendersonReasonsInDollars() {
        var result = evaluate(aMatter().holding("1240.00").withOriginalRetainer("5000.00").withFloor("2500.00")
                .withoutBillingHistory());

        assertThat(result.only(REPLENISHMENT_REQUEST).reason()).isEqualTo("Balance $1,240.00 is below the threshold of"
                + " $2,500.00 (fee-agreement floor); requesting $3,760.00 to restore $5,000.00 (original retainer)");
        assertThat(result.only(INTERNAL_ALERT).reason()).isEqualTo("BREACH: balance $1,240.00 is 49.6% of the threshold"
                + " of $2,500.00 (fee-agreement floor); notify within 8 hours");
        assertThat(result.only(EXCEPTION_TASK).reason()).isEqualTo("BREACH: balance $1,240.00 against a threshold of"
                + " $2,500.00 (fee-agreement floor) needs a person today");
    }

    @Test
    @DisplayName("an overdrawn tier-1 matter's request, stop-work notice, emergency task and hold write negative and thousands amounts in dollars (-$1,500.00, $25,500.00)")
    void overdrawnReasonsInDollars() {
        // tier 1 at 12,000.00 a month: the threshold is 30 days of burn (12,000.00), the refill a 60-day reserve
        // (24,000.00, above the 10,000.00 original retainer), so the request is 24,000.00 + 1,500.00
        var result = evaluate(aMatter().holding("-1500.00").withoutFloor().billingMonthly("12000.00")
                .withOriginalRetainer("10000.00"));

        ActionProposal request = result.only(REPLENISHMENT_REQUEST);
        assertThat(request.reason()).isEqualTo("Balance -$1,500.00 is below the threshold of $12,000.00 (30 days of"
                + " projected burn); requesting $25,500.00 to restore $24,000.00 (60-day reserve); held for a person to"
                + " release");
        assertThat(request.holds()).extracting(Hold::reason).containsExactly("the client ledger is negative"
                + " (-$1,500.00): other clients' money may have covered this matter, so a person checks before the"
                + " client is asked");
        assertThat(result.only(PAUSE_WORK_NOTICE).reason()).isEqualTo("CRITICAL: the trust balance is -$1,500.00 and"
                + " the matter is still billing; stop work until the retainer is replenished");
        assertThat(result.only(INTERNAL_ALERT).reason()).isEqualTo("CRITICAL: balance -$1,500.00 is below zero,"
                + " against a threshold of $12,000.00 (30 days of projected burn); notify immediately");
        assertThat(result.actions(EXCEPTION_TASK)).extracting(ActionProposal::reason).contains("Trust balance"
                + " -$1,500.00 is under the emergency level of $500.00");
    }

    @Test
    @DisplayName("seed 000: Henderson, 1240 against a 2500 threshold on a 5000 evergreen retainer, is a BREACH and a request for 3760.00 to the billing contact")
    void hendersonBreach() {
        var result = evaluate(aMatter().numbered("M-2024-0847").named("Henderson Matter")
                .holding("1240.00").withOriginalRetainer("5000.00").withFloor("2500.00").withoutBillingHistory());

        ActionProposal request = result.fired("RP-005", "SB-4", "RP-020").only(REPLENISHMENT_REQUEST);
        assertThat(request.reason()).contains("(fee-agreement floor)").contains("(original retainer)");
        assertThat(request.band()).isEqualTo(Band.BREACH);
        assertThat(request.amount()).isEqualByComparingTo("3760.00");
        assertThat(request.to()).containsExactly(Role.BILLING_CONTACT);
        assertThat(request.ruleId()).isEqualTo("RP-020");
        assertThat(result.only(EXCEPTION_TASK).code()).isEqualTo("LOW_BALANCE_BREACH");
        assertThat(result.only(INTERNAL_ALERT).to()).containsExactly(Role.ATTORNEY, Role.BILLING_MANAGER);
    }

    @Test
    @DisplayName("seed 002: a tier-1 matter billing 9000 a month with 8000 in trust has 26.7 days of runway, a WARNING and a request that restores a 60-day reserve")
    void tierOneWarning() {
        var result = evaluate(aMatter().holding("8000.00").billingMonthly("9000.00").withoutFloor()
                .withOriginalRetainer("10000.00"));

        ActionProposal request = result.fired("TT-1", "TR-1", "RP-005", "SB-3", "RP-020")
                .only(REPLENISHMENT_REQUEST);
        assertThat(request.band()).isEqualTo(Band.WARNING);
        // 60 days x 300.00 a day = 18000.00; 18000.00 - 8000.00
        assertThat(request.amount()).isEqualByComparingTo("10000.00");
        assertThat(request.reason()).contains("30 days of projected burn").contains("60-day reserve");
    }

    @Test
    @DisplayName("a matter healthy in every respect produces no action at all")
    void healthyMatterIsSilent() {
        var result = evaluate(aMatter());
        assertThat(result.actions()).as("actions: %s", result.summary()).isEmpty();
    }

    @Test
    @DisplayName("a balance just above the threshold is an internal WATCH for the attorney, with no client request")
    void watchAboveThresholdIsInternal() {
        BigDecimal balance = money(new BigDecimal("5000.00").multiply(halfwayInto("SB-1")));
        var result = evaluate(aMatter().holding(balance.toPlainString()).withFloor("5000.00").withoutBillingHistory()
                .withOriginalRetainer("10000.00"));
        result.fired("SB-1").didNotFire("RP-020");
        assertThat(result.only(INTERNAL_ALERT).band()).isEqualTo(Band.WATCH);
        assertThat(result.actions(REPLENISHMENT_REQUEST)).isEmpty();
    }

    @Test
    @DisplayName("a balance just below the threshold is a WATCH and the client is asked at once for what restores the retainer")
    void watchBelowThresholdRequests() {
        BigDecimal balance = money(new BigDecimal("5000.00").multiply(halfwayInto("SB-2")));
        var result = evaluate(aMatter().holding(balance.toPlainString()).withFloor("5000.00").withoutBillingHistory()
                .withOriginalRetainer("10000.00"));
        assertThat(result.fired("SB-2").only(REPLENISHMENT_REQUEST).amount())
                .isEqualByComparingTo(new BigDecimal("10000.00").subtract(balance));
    }

    @Test
    @DisplayName("the threshold is the higher of the floor and the runway minimum: a small floor loses to a tier-2 matter's days of burn")
    void higherOfFloorAndRunway() {
        BigDecimal monthly = monthlyIn(Tier.TIER_2);
        int requestUnder = reserves(Tier.TIER_2).days(REQUEST_UNDER);
        BigDecimal runwayMinimum = burn(monthly, requestUnder);
        BigDecimal floor = money(runwayMinimum.divide(BigDecimal.valueOf(3), RoundingMode.DOWN));
        BigDecimal balance = money(runwayMinimum.multiply(new BigDecimal("0.9")));
        var result = evaluate(aMatter().holding(balance.toPlainString()).withFloor(floor.toPlainString())
                .billingMonthly(monthly.toPlainString()).withOriginalRetainer("1000.00"));
        ActionProposal request = result.fired("TT-2", "TR-2").only(REPLENISHMENT_REQUEST);
        assertThat(request.reason()).contains("threshold of " + Money.letter(runwayMinimum) + " (")
                .contains(requestUnder + " days of projected burn");
        // refill: the tier's reserve of days (above the small original retainer), less the balance
        assertThat(request.amount()).isEqualByComparingTo(burn(monthly, reserves(Tier.TIER_2).days(REFILL_TO))
                .subtract(balance));
    }

    @Test
    @DisplayName("a floor above the runway minimum is the threshold")
    void floorWins() {
        BigDecimal monthly = monthlyIn(Tier.TIER_3);
        BigDecimal floor = money(burn(monthly, reserves(Tier.TIER_3).days(REQUEST_UNDER)).multiply(BigDecimal.valueOf(2)));
        BigDecimal balance = money(floor.multiply(new BigDecimal("0.9")));
        var result = evaluate(aMatter().holding(balance.toPlainString()).withFloor(floor.toPlainString())
                .billingMonthly(monthly.toPlainString()).withOriginalRetainer(floor.toPlainString()));
        assertThat(result.only(REPLENISHMENT_REQUEST).reason())
                .contains("threshold of " + Money.letter(floor) + " (fee-agreement floor)");
    }

    @Test
    @DisplayName("a client tier set on the matter overrides the tier its billing would give")
    void explicitTier() {
        BigDecimal monthly = monthlyIn(Tier.TIER_2);
        BigDecimal threshold = burn(monthly, reserves(Tier.TIER_1).days(REQUEST_UNDER));
        BigDecimal balance = money(threshold.multiply(new BigDecimal("0.9")));
        var result = evaluate(aMatter().inTier(Tier.TIER_1).holding(balance.toPlainString())
                .billingMonthly(monthly.toPlainString()).withoutFloor().withOriginalRetainer("1000.00"));
        result.fired("RP-005", "TR-1").didNotFire("TT-2");
        assertThat(result.only(REPLENISHMENT_REQUEST).threshold()).isEqualByComparingTo(threshold);
        assertThat(result.only(REPLENISHMENT_REQUEST).amount())
                .isEqualByComparingTo(burn(monthly, reserves(Tier.TIER_1).days(REFILL_TO)).subtract(balance));
    }

    @Test
    @DisplayName("an agreed refill target on the matter is what the request restores")
    void agreedRefillTarget() {
        var result = evaluate(aMatter().holding("1000.00").withFloor("2500.00").withoutBillingHistory()
                .withOriginalRetainer("5000.00").withRefillTarget("7500.00"));
        ActionProposal request = result.fired("RP-005", "RP-020").only(REPLENISHMENT_REQUEST);
        assertThat(request.amount()).isEqualByComparingTo("6500.00");
        assertThat(request.reason()).contains("to restore $7,500.00 (agreed refill target)");
    }

    @Test
    @DisplayName("flat-fee, contingency, one-time, closed and payment-plan matters never get a replenishment request")
    void ineligibleMattersGetNoRequest() {
        var lowAndBilling = aMatter().holding("100.00").withFloor("5000.00");
        assertThat(evaluate(aMatter().holding("100.00").onFeeType(FeeType.FLAT_FEE)).actions(REPLENISHMENT_REQUEST)).isEmpty();
        assertThat(evaluate(aMatter().holding("100.00").onFeeType(FeeType.CONTINGENCY)).actions(REPLENISHMENT_REQUEST)).isEmpty();
        assertThat(evaluate(aMatter().holding("100.00").onRetainer(RetainerType.ONE_TIME)).actions(REPLENISHMENT_REQUEST)).isEmpty();
        assertThat(evaluate(aMatter().holding("100.00").closedOn(LocalDate.of(2026, 11, 1))).actions(REPLENISHMENT_REQUEST)).isEmpty();
        assertThat(evaluate(aMatter().holding("100.00").onPaymentPlan()).actions(REPLENISHMENT_REQUEST)).isEmpty();
        assertThat(evaluate(lowAndBilling).actions(REPLENISHMENT_REQUEST)).hasSize(1);
    }

    @Test
    @DisplayName("a hybrid-fee evergreen matter below its threshold gets a request")
    void hybridGetsRequest() {
        assertThat(evaluate(aMatter().onFeeType(FeeType.HYBRID).holding("2000.00")).actions(REPLENISHMENT_REQUEST)).hasSize(1);
    }

    @Test
    @DisplayName("an active-litigation matter below its practice-area minimum gets a request for the refill that waits for the attorney instead of going straight to the client")
    void litigationNeedsAttorneyReview() {
        DefaultTables.Row minimum = DefaultTables.row("practice-minimums", "PM-1");
        assertThat(minimum.text("Practice area")).isEqualTo("LITIGATION");
        assertThat(minimum.yes("Attorney review required")).isTrue();
        BigDecimal balance = money(minimum.number("Minimum balance").multiply(new BigDecimal("0.8")));
        BigDecimal retainer = money(minimum.number("Minimum balance").multiply(BigDecimal.valueOf(2)));
        var result = evaluate(aMatter().inPracticeArea("Litigation").holding(balance.toPlainString()).withoutFloor()
                .withoutBillingHistory().withOriginalRetainer(retainer.toPlainString()));
        ActionProposal request = result.fired("PM-1", "RP-005", "RP-021", "RP-020").only(REPLENISHMENT_REQUEST);
        assertThat(request.amount()).isEqualByComparingTo(retainer.subtract(balance));
        assertThat(request.to()).containsExactly(Role.BILLING_CONTACT);
        assertThat(request.holds()).extracting(Hold::code, Hold::ruleId)
                .containsExactly(tuple("ATTORNEY_REVIEW_REQUIRED", "RP-021"));
        assertThat(request.holds().get(0).reason()).contains("litigation matters asks the attorney to review");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.practiceMinimum());
        // the review is the request's own step, not a task beside it
        assertThat(result.actions(EXCEPTION_TASK)).extracting(ActionProposal::code).doesNotContain("ATTORNEY_REVIEW_REQUIRED");
    }

    @Test
    @DisplayName("a depleted retainer on a matter that keeps billing is CRITICAL: managing partner alerted and stop-work recommended")
    void criticalWhenDepletedAndBilling() {
        var result = evaluate(aMatter().holding("-150.00").billingMonthly("6000.00"));
        result.fired("SB-6", "RP-042");
        assertThat(result.only(REPLENISHMENT_REQUEST).band()).isEqualTo(Band.CRITICAL);
        assertThat(result.only(INTERNAL_ALERT).to()).contains(Role.MANAGING_PARTNER);
        assertThat(result.only(PAUSE_WORK_NOTICE).code()).isEqualTo("STOP_WORK_RECOMMENDED");
    }

    @Test
    @DisplayName("a balance under the emergency level on an open hourly matter goes to the emergency queue")
    void emergencyQueue() {
        BigDecimal below = DefaultTables.row("emergency-queue", "EQ-1").number("Balance below");
        var result = evaluate(aMatter().holding(money(below.multiply(new BigDecimal("0.9"))).toPlainString()));
        result.fired("EQ-1");
        assertThat(result.codes()).contains("EXCEPTION_TASK:EMERGENCY_LOW_BALANCE");
    }

    @Test
    @DisplayName("a watched matter with no floor, no billing and no original retainer is a data-quality item, not a breach")
    void unknownIsDataQuality() {
        var result = evaluate(aMatter().holding("100.00").withoutFloor().withoutBillingHistory().withOriginalRetainer(null));
        result.fired("RP-090");
        assertThat(result.actions(REPLENISHMENT_REQUEST)).isEmpty();
        assertThat(result.codes()).contains("EXCEPTION_TASK:DATA_QUALITY_NO_THRESHOLD");
    }

    @Test
    @DisplayName("seed 003: the 220-matter firm's $5,000 floor: a balance under $2,500 (50% of the floor) is a BREACH with a client request and a same-day alert to the attorney")
    void seed003BreachAtHalfTheFloor() {
        var breach = evaluate(aMatter().holding("2499.99").withFloor("5000.00").withoutBillingHistory()
                .withOriginalRetainer("5000.00"));
        assertThat(breach.fired("SB-4").only(REPLENISHMENT_REQUEST).band()).isEqualTo(Band.BREACH);
        assertThat(breach.only(INTERNAL_ALERT).to()).contains(Role.ATTORNEY);
        assertThat(breach.only(INTERNAL_ALERT).reason()).contains("notify within 8 hours");

        var warning = evaluate(aMatter().holding("2500.00").withFloor("5000.00").withoutBillingHistory()
                .withOriginalRetainer("5000.00"));
        assertThat(warning.fired("SB-3").didNotFire("SB-4").only(REPLENISHMENT_REQUEST).band()).isEqualTo(Band.WARNING);
    }

    @Test
    @DisplayName("seed 000: the 42-matter firm's threshold is 25% of each matter's original retainer (1300.00 of 5200.00)")
    void seed000TwentyFivePercentOfOriginal() {
        var below = evaluate(aMatter().holding("1299.99").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer("5200.00"));
        ActionProposal request = below.fired("TF-1", "RP-005").only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("1300.00");
        assertThat(request.reason()).contains("25% of the original retainer");
        assertThat(request.amount()).isEqualByComparingTo("3900.01");

        var above = evaluate(aMatter().holding("1300.00").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer("5200.00"));
        assertThat(above.actions(REPLENISHMENT_REQUEST)).as("at the threshold: %s", above.summary()).isEmpty();
    }

    @Test
    @DisplayName("seed 001: the 180-matter firm's $7,500 retainers trigger at 25% = $1,875 and the request restores $7,500")
    void seed001SeventyFiveHundredAtTwentyFivePercent() {
        var result = evaluate(aMatter().holding("1800.00").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer("7500.00"));
        ActionProposal request = result.only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("1875.00");
        assertThat(request.refillTo()).isEqualByComparingTo("7500.00");
        assertThat(request.amount()).isEqualByComparingTo("5700.00");
        assertThat(evaluate(aMatter().holding("1875.00").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer("7500.00")).actions(REPLENISHMENT_REQUEST)).isEmpty();
    }
}
