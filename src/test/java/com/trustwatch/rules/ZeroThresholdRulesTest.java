package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.Role;
import com.trustwatch.decision.ThresholdBasis;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.decision.ActionType.EXCEPTION_TASK;
import static com.trustwatch.decision.ActionType.INTERNAL_ALERT;
import static com.trustwatch.decision.ActionType.PAUSE_WORK_NOTICE;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An overdrawn matter with a zero (or missing) threshold is still overdrawn (issue 10, H). A share of
 * a zero threshold is undefined (Threshold.ratio is null): the severity rows that name a share never
 * match it, the rows about a depleted balance do, and the alert's reason says "measured against".
 */
class ZeroThresholdRulesTest {

    @Test
    @DisplayName("case 09b: floor 0.00, balance -200.00, billing 3,000 a month: CRITICAL band, alerts up to the managing partner, stop-work, and a held request for 5,200.00")
    void zeroFloorOverdrawnAndBilling() {
        var result = evaluate(aMatter().holding("-200.00").withFloor("0.00").withOriginalRetainer("5000.00")
                .billingMonthly("3000.00"));
        result.fired("SB-6", "RP-020", "RP-040", "RP-041", "RP-042");
        ActionProposal request = result.only(REPLENISHMENT_REQUEST);
        assertThat(request.band()).isEqualTo(Band.CRITICAL);
        // threshold: max(floor 0.00, tier 2's 25 days of 100.00 = 2500.00); refill: max(5000.00, 45 days = 4500.00)
        assertThat(request.threshold()).isEqualByComparingTo("2500.00");
        assertThat(request.amount()).isEqualByComparingTo("5200.00");
        assertThat(request.holds()).extracting(Hold::code).containsExactly("NEGATIVE_CLIENT_LEDGER");
        assertThat(result.only(INTERNAL_ALERT).to()).containsExactly(Role.ATTORNEY, Role.BILLING_MANAGER, Role.MANAGING_PARTNER);
        assertThat(result.only(PAUSE_WORK_NOTICE).band()).isEqualTo(Band.CRITICAL);
    }

    @Test
    @DisplayName("case 09b exactly (floor 0.00, balance -200.00, no billing history): the threshold stays 0.00, the depleted band SB-5 fires, with an alert, a task and a held request")
    void zeroFloorOverdrawnCaseFile() {
        var result = evaluate(aMatter().numbered("F10-0008").holding("-200.00").withFloor("0.00")
                .withOriginalRetainer("5000.00").withoutBillingHistory());
        result.fired("RP-005", "SB-5", "RP-020", "RP-040", "RP-041").didNotFire("SB-6");
        ActionProposal request = result.only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("0.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.feeAgreementFloor());
        assertThat(request.band()).isEqualTo(Band.BREACH);
        assertThat(request.amount()).as("restores the 5,000.00 original retainer").isEqualByComparingTo("5200.00");
        assertThat(request.holds()).extracting(Hold::code).containsExactly("NEGATIVE_CLIENT_LEDGER");
        ActionProposal alert = result.only(INTERNAL_ALERT);
        assertThat(alert.reason()).isEqualTo("BREACH: balance -$200.00 is below zero, against a threshold of $0.00"
                + " (fee-agreement floor); notify within 8 hours");
        assertThat(result.actions(EXCEPTION_TASK)).extracting(ActionProposal::code)
                .contains("LOW_BALANCE_BREACH", "EMERGENCY_LOW_BALANCE");
    }

    @Test
    @DisplayName("no floor, no billing and no original retainer with -200.00 in trust: measured against zero (RP-005), a held request for 200.00, and still the data-quality item")
    void missingThresholdOverdrawn() {
        var result = evaluate(aMatter().holding("-200.00").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer(null));
        result.fired("RP-005", "SB-5", "RP-020", "RP-090");
        ActionProposal request = result.only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("0.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.none());
        assertThat(request.amount()).as("brings the ledger back to zero").isEqualByComparingTo("200.00");
        assertThat(request.refillTo()).isEqualByComparingTo("0.00");
        assertThat(result.codes()).contains("EXCEPTION_TASK:DATA_QUALITY_NO_THRESHOLD", "INTERNAL_ALERT:LOW_BALANCE_BREACH");
    }

    @Test
    @DisplayName("a zero floor and a balance of exactly 0.00: depleted (SB-5 band and task) but not below the threshold, so no request")
    void zeroFloorEmptyBalance() {
        var result = evaluate(aMatter().holding("0.00").withFloor("0.00").withOriginalRetainer("5000.00")
                .withoutBillingHistory());
        result.fired("SB-5", "RP-040", "RP-041").didNotFire("RP-020");
        assertThat(result.actions(REPLENISHMENT_REQUEST)).isEmpty();
    }

    @Test
    @DisplayName("a zero floor and a positive balance: above the threshold, no band at all")
    void zeroFloorPositiveBalance() {
        var result = evaluate(aMatter().holding("600.00").withFloor("0.00").withOriginalRetainer("5000.00")
                .withoutBillingHistory());
        result.didNotFire("SB-1", "SB-2", "SB-3", "SB-4", "SB-5", "SB-6", "RP-020", "RP-040");
    }

    @Test
    @DisplayName("case 09b's second row (no floor, balance 0.00, original retainer 5,000): 25% of the retainer, SB-5 and a request for 5,000.00")
    void emptyFloorZeroBalance() {
        var result = evaluate(aMatter().numbered("F10-0009").holding("0.00").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer("5000.00"));
        ActionProposal request = result.fired("TF-1", "SB-5").only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("1250.00");
        assertThat(request.amount()).isEqualByComparingTo("5000.00");
        assertThat(request.holds()).isEmpty();
    }
}
