package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.ThresholdBasis;
import com.trustwatch.fixtures.DemoBook;
import com.trustwatch.matter.Matter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.trustwatch.decision.ActionType.INTERNAL_ALERT;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A threshold knows where it comes from, and the request and the alerts carry that basis, so that a
 * letter never says "your fee agreement" of a figure the fee agreement did not set (issue 10, A1).
 */
class ThresholdSourceRulesTest {

    private static RulesHarness.Result demo(String matterNumber) {
        Matter m = DemoBook.matter(matterNumber);
        return evaluate(AS_OF, List.of(), List.of(m));
    }

    @Test
    @DisplayName("Okafor (floor 4,000, tier 1 billing 6,000 a month): the 6,000.00 threshold is 30 days of projected burn, not the fee agreement")
    void okaforThresholdIsTheRunwayMinimum() {
        ActionProposal request = demo("M-2025-0415").only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("6000.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.runwayMinimum(30));
        assertThat(request.reason()).contains("threshold of $6,000.00 (30 days of projected burn)");
    }

    @Test
    @DisplayName("Atlas M-2025-0112 has no fee-agreement floor: its 9,000.00 threshold is 30 days of projected burn")
    void atlasWithoutAFloor() {
        var result = demo("M-2025-0112");
        ActionProposal request = result.only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("9000.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.runwayMinimum(30));
        assertThat(result.only(INTERNAL_ALERT).thresholdBasis()).isEqualTo(ThresholdBasis.runwayMinimum(30));
    }

    @Test
    @DisplayName("Atlas M-2025-0113's 3,000.00 floor beats 20 days of 2,500 a month (1,666.67): the fee agreement sets its threshold")
    void atlasEmploymentFloorWins() {
        ActionProposal request = demo("M-2025-0113").only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("3000.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.feeAgreementFloor());
    }

    @Test
    @DisplayName("Patel (litigation, no floor, no billing): the 2,500.00 threshold is the practice minimum")
    void patelPracticeMinimum() {
        ActionProposal request = demo("M-2025-0309").only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("2500.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.practiceMinimum());
    }

    @Test
    @DisplayName("with neither a floor nor billing history the threshold is 25% of the original retainer, and says so")
    void fallbackShareOfTheRetainer() {
        ActionProposal request = evaluate(aMatter().holding("1000.00").withoutFloor().withoutBillingHistory()
                .withOriginalRetainer("5200.00")).only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("1300.00");
        assertThat(request.thresholdBasis().source()).isEqualTo(ThresholdBasis.Source.RETAINER_SHARE);
        assertThat(request.thresholdBasis().retainerShare()).isEqualByComparingTo("0.25");
        assertThat(request.thresholdBasis().describe()).isEqualTo("25% of the original retainer");
    }

    @Test
    @DisplayName("Henderson after the demo's drawdowns (1,240.00 left, 2,000.00 drawn in 90 days): the 2,500.00 floor beats 20 days of 666.67 a month")
    void hendersonFloor() {
        Matter henderson = DemoBook.matter("M-2024-0847").withTrustBalance(new BigDecimal("1240.00"));
        MatterFacts facts = MatterFacts.of(henderson, AS_OF, null, new BigDecimal("2000.00"));
        var result = new RulesHarness.Result(new RuleEngine().evaluate(RulesHarness.shippedRuleset(), AS_OF,
                List.of(facts), List.of(), true));
        ActionProposal request = result.fired("TT-3").only(REPLENISHMENT_REQUEST);
        assertThat(request.threshold()).isEqualByComparingTo("2500.00");
        assertThat(request.thresholdBasis()).isEqualTo(ThresholdBasis.feeAgreementFloor());
        assertThat(request.amount()).isEqualByComparingTo("3760.00");
    }
}
