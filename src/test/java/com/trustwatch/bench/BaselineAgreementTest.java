package com.trustwatch.bench;

import com.trustwatch.decision.MatterFacts;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.RulesHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
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
    @DisplayName("like for like with every rule: on the 1,000-matter book the baseline and the packs' baseline build every proposal the shipped rules build, compliance flags and data-quality items included, field by field")
    void smallBookAgreesFieldByFieldWithThePacks() {
        BaselineAgreement.FullReport report = new BaselineAgreement().compareAll(1_000, false);
        assertThat(report.differences()).as("proposals that differ (first 10):%n%s",
                String.join("\n", report.differences().subList(0, Math.min(10, report.differences().size())))).isEmpty();
        assertThat(report.proposalsByRule().keySet()).as("rules that made a proposal on the book")
                // the pack rules the synthetic book reaches; the edge matters below reach every one
                .contains("ABA-002", "ABA-004", "CA-004", "CA-090", "CM-001", "CM-002", "CM-004", "CM-005", "CM-006",
                        "CM-007", "CM-010", "CM-011", "CM-012", "CM-090", "FL-090", "TX-002", "WA-003", "WA-004", "WA-090");
    }

    @Test
    @DisplayName("like for like with every rule, SMS channel on and uncleared funds on every fifth matter: the text-message and uncleared-funds rules agree too")
    void smallBookAgreesWithSmsAndUnclearedFunds() {
        BaselineAgreement.FullReport report = new BaselineAgreement().compareAll(1_000, true);
        assertThat(report.differences()).as("proposals that differ (first 10):%n%s",
                String.join("\n", report.differences().subList(0, Math.min(10, report.differences().size())))).isEmpty();
        assertThat(report.proposalsByRule().keySet()).as("rules that made a proposal on the book")
                .contains("CM-008", "CM-091", "UF-010");
    }

    @Test
    @DisplayName("like for like with every rule, on matters built to make every compliance rule fire in every pack's jurisdiction and at each rule's edges: the packs' baseline agrees field by field, and every pack rule made a proposal")
    void everyPackRuleAgreesAtItsEdges() {
        List<Matter> book = packEdges();
        java.util.Set<String> fired = new java.util.TreeSet<>();
        for (boolean extras : new boolean[] {false, true}) {
            BaselineAgreement.FullReport report = new BaselineAgreement().compareAll(book.iterator(),
                    book.size() + " edge matters", extras);
            assertThat(report.differences()).as("proposals that differ (first 10):%n%s",
                    String.join("\n", report.differences().subList(0, Math.min(10, report.differences().size())))).isEmpty();
            fired.addAll(report.proposalsByRule().keySet());
        }
        List<String> packRules = RulesHarness.shippedRuleset().catalogue().stream()
                .filter(e -> e.jurisdiction() != null).map(e -> e.id()).toList();
        assertThat(packRules).hasSize(39);
        assertThat(fired).as("pack rules that made a proposal on the edge matters").containsAll(packRules);
    }

    /** For every jurisdiction with a pack, Ohio, a state without one and ABA: matters at each pack rule's edges. */
    private static List<Matter> packEdges() {
        LocalDate asOf = BookGenerator.AS_OF;
        List<java.util.function.UnaryOperator<com.trustwatch.fixtures.MatterFixture>> variants = List.of(
                f -> f.flatFeeHeldIn("OPERATING"),
                f -> f.flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(true).flatFeeOf("5000.00"),
                f -> f.flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(false).flatFeeOf("1000.00"),
                f -> f.flatFeeHeldIn("OPERATING").flatFeeOf("1000.01").flatFeeDisclosureSigned(false),
                f -> f.flatFeeHeldIn("OPERATING").flatFeeOf("999.99").flatFeeDisclosureSigned(true),
                f -> f.flatFeeHeldIn(null),
                f -> f.flatFeeHeldIn("TRUST").nonrefundableFeeTerm(true),
                f -> f.holding("-150.00"),
                f -> f.holding("0.00").billingMonthly("3000.00"),
                f -> f.holding("1200.00").closedOn(asOf.minusDays(31)),
                f -> f.holding("1200.00").closedOn(asOf.minusDays(46)),
                f -> f.holding("1200.00").closedOn(asOf.minusDays(90)),
                f -> f.holding("1200.00").closedOn(asOf.minusDays(91)),
                f -> f.holding("1200.00").closedOn(asOf.minusDays(60)).disputed("400.00"),
                f -> f.holding("300.00").disputed("400.00"),
                f -> f.holding("300.00").disputed(null),
                f -> f.holding("0.00").closedOn(asOf.minusDays(45)).lastAccountingOn(asOf.minusDays(50)),
                f -> f.holding("0.00").closedOn(asOf.minusDays(45)).lastAccountingOn(asOf.minusDays(40)),
                f -> f.holding("500.00").with(b -> b.status(com.trustwatch.matter.MatterStatus.CLOSED).closedOn(null)),
                f -> f.holding("0.00").with(b -> b.status(com.trustwatch.matter.MatterStatus.CLOSED).closedOn(null)),
                f -> f.holding("100000.00"),
                f -> f.holding("25000.00").lastDepositOn(asOf.minusDays(91)).receiptNotifiedOn(asOf.minusDays(95)),
                f -> f.holding("2000.00").lastDepositOn(asOf.minusDays(15)),
                f -> f.holding("2000.00").lastDepositOn(asOf.minusDays(40)).receiptNotifiedOn(asOf.minusDays(41)),
                f -> f.reconciledOn(asOf.minusDays(32)),
                f -> f.reconciledOn(asOf.minusDays(45)),
                f -> f.reconciledOn(asOf.minusDays(93)),
                f -> f.reconciledOn(asOf.minusDays(200)),
                f -> f.neverReconciled(),
                f -> f.withoutFloor().billingMonthly("6000.00"),
                f -> f.withFloor("500.00").billingMonthly("6000.00"),
                f -> f.holding("4000.00").lastAccountingOn(asOf.minusDays(366)),
                f -> f.holding("4000.00").lastAccountingOn(null),
                f -> f.withSms("+15555550100", false),
                f -> f.withSms("+15555550101", null));
        List<Matter> book = new java.util.ArrayList<>();
        int n = 0;
        for (String jurisdiction : List.of("ABA", "US-OH", "US-AZ", "US-CA", "US-FL", "US-IL", "US-MA", "US-NJ",
                "US-NY", "US-TX", "US-WA")) {
            for (var variant : variants) {
                book.add(variant.apply(aMatter().numbered(String.format("M-2026-%04d", 5000 + n++))
                        .inJurisdiction(jurisdiction)).build());
            }
        }
        return book;
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
