package com.trustwatch.bench;

import com.trustwatch.decision.MatterFacts;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.RulesHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped rules and the hand-written {@link BaselinePolicy} must make the same replenishment
 * decisions on every matter of a synthetic book ({@link BaselineAgreement}). A 1,000-matter book already
 * makes every decision the policy can make, so it runs here; the 100,000-matter book runs under the bench
 * profile, where large books belong (see {@link BaselineAgreement}).
 *
 * <p><b>Known discrepancy KD-1 (rules against DESIGN.md).</b> The severity bands compare
 * {@code Threshold.ratio}, the balance divided by the threshold rounded half-up to four places, not
 * the balance itself (KD-1, now fixed): a balance within 0.005% under a band edge was rounded onto the
 * edge, so 9999.99 against 10000.00 got no client request. The baseline compares exactly, as DESIGN.md
 * states the bands, and the rules must agree with it on every decision.
 */
class BaselineAgreementTest {

    static final long SEED = BaselineAgreement.SEED;

    private final RuleEngine engine = new RuleEngine();
    private final BaselinePolicy baseline = new BaselinePolicy();

    @Test
    @DisplayName("on a 1,000-matter book that makes every decision of the policy, the rules and the plain-Java baseline make the same replenishment decisions")
    void smallBookAgrees() {
        BaselineAgreement.Report report = new BaselineAgreement().compare(1_000);
        assertThat(report.differing).as("matters of %,d where the rules and the baseline disagree (first %d):%n%s",
                report.matters, report.differs.size(), String.join("\n", report.differs)).isZero();
        // the book must exercise every decision the policy can make, or agreement proves little
        assertThat(report.decisionsMissing()).as("decisions the book never made").isEmpty();
    }

    @Test
    @DisplayName("like for like: on the same 1,000-matter book the baseline builds every replenishment proposal the rules build, field by field (rule name, reason text, episode key, threshold and basis, refill target, holds, citation)")
    void smallBookAgreesFieldByField() {
        List<String> differences = new BaselineAgreement().compareProposals(1_000);
        assertThat(differences).as("proposals that differ (first 10):%n%s",
                String.join("\n", differences.subList(0, Math.min(10, differences.size())))).isEmpty();
    }

    @Test
    @DisplayName("KD-1 stays fixed: a balance one cent under a 10,000.00 threshold gets the client request, as the baseline says")
    void balanceOneCentUnderTheThresholdIsAsked() {
        Matter matter = aMatter().numbered("M-2026-9999").holding("9999.99").withFloor("10000.00")
                .withoutBillingHistory().withOriginalRetainer("20000.00").build();
        MatterFacts facts = MatterFacts.of(matter, BookGenerator.AS_OF);

        List<String> rules = BaselineAgreement.normalise(engine.evaluate(RulesHarness.shippedRuleset(), BookGenerator.AS_OF,
                List.of(facts), List.of(), false).proposals().stream().map(BaselineAgreement::toDecision)
                .filter(BaselineAgreement::inScope).toList());
        assertThat(rules).containsExactly(
                "M-2026-9999 INTERNAL_ALERT WATCH LOW_BALANCE_WATCH - [ATTORNEY]",
                "M-2026-9999 REPLENISHMENT_REQUEST WATCH - 10000.01 [BILLING_CONTACT]");
        assertThat(BaselineAgreement.normalise(baseline.decide(facts))).isEqualTo(rules);
    }

    @Test
    @DisplayName("a zero or missing threshold: the rules and the baseline agree that an overdrawn matter gets the depleted band, and a positive balance none")
    void zeroAndMissingThresholdsAgree() {
        List<Matter> matters = List.of(
                aMatter().numbered("M-2026-9901").holding("-200.00").withFloor("0.00").withOriginalRetainer("5000.00")
                        .withoutBillingHistory().build(),
                aMatter().numbered("M-2026-9902").holding("-200.00").withFloor("0.00").withOriginalRetainer("5000.00")
                        .billingMonthly("3000.00").build(),
                aMatter().numbered("M-2026-9903").holding("-200.00").withoutFloor().withOriginalRetainer(null)
                        .withoutBillingHistory().build(),
                aMatter().numbered("M-2026-9904").holding("0.00").withFloor("0.00").withOriginalRetainer("5000.00")
                        .withoutBillingHistory().build(),
                aMatter().numbered("M-2026-9905").holding("600.00").withFloor("0.00").withOriginalRetainer("5000.00")
                        .withoutBillingHistory().build());
        for (Matter matter : matters) {
            MatterFacts facts = MatterFacts.of(matter, BookGenerator.AS_OF);
            List<String> rules = BaselineAgreement.normalise(engine.evaluate(RulesHarness.shippedRuleset(),
                    BookGenerator.AS_OF, List.of(facts), List.of(), false).proposals().stream()
                    .map(BaselineAgreement::toDecision).filter(BaselineAgreement::inScope).toList());
            assertThat(BaselineAgreement.normalise(baseline.decide(facts))).as(matter.matterNumber()).isEqualTo(rules);
        }
    }
}
