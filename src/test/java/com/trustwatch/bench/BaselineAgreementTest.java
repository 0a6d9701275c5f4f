package com.trustwatch.bench;

import com.trustwatch.bench.BaselinePolicy.Decision;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.RulesHarness;
import com.trustwatch.rules.Ruleset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped rules and the hand-written {@link BaselinePolicy} must make the same replenishment
 * decisions on every matter of a synthetic book. Compared per matter as multisets of (matter, type,
 * severity, code, amount, to). Compliance flags and data-quality items other than "no threshold" are
 * left out: the jurisdiction packs add those and are not part of the replenishment policy.
 *
 * <p><b>Known discrepancy KD-1 (rules against DESIGN.md).</b> The severity bands compare
 * {@code Threshold.ratio}, the balance divided by the threshold rounded half-up to four places, not
 * the balance itself (KD-1, now fixed): a balance within 0.005% under a band edge was rounded onto the
 * edge, so 9999.99 against 10000.00 got no client request. The baseline compares exactly, as DESIGN.md
 * states the bands, and the rules must agree with it on every decision.
 */
class BaselineAgreementTest {

    static final long SEED = RulesPhaseBenchmark.DEFAULT_SEED;
    static final int SESSION_CHUNK = 5_000;
    private static final int SHOW = 10;

    private final BookGenerator generator = new BookGenerator();
    private final RuleEngine engine = new RuleEngine();
    private final BaselinePolicy baseline = new BaselinePolicy();

    @Test
    @DisplayName("on a 1,000-matter book the rules and the plain-Java baseline make the same replenishment decisions")
    void smallBookAgrees() {
        Report report = compare(1_000);
        assertAgreement(report);
    }

    @Test
    @DisplayName("on a 100,000-matter book the rules and the plain-Java baseline make the same replenishment decisions")
    void fullBookAgrees() {
        Report report = compare(100_000);
        assertAgreement(report);
        // the book must exercise every decision the policy can make, or agreement proves little
        assertThat(report.decisionCounts.keySet()).as("decisions seen").contains(
                "REPLENISHMENT_REQUEST/WATCH/-", "REPLENISHMENT_REQUEST/WARNING/-", "REPLENISHMENT_REQUEST/BREACH/-",
                "REPLENISHMENT_REQUEST/CRITICAL/-", "REPLENISHMENT_REQUEST/CRITICAL/-/held",
                "REPLENISHMENT_REQUEST/WARNING/-/held", "REPLENISHMENT_REQUEST/BREACH/-/held",
                "INTERNAL_ALERT/WATCH/LOW_BALANCE_WATCH", "INTERNAL_ALERT/WARNING/LOW_BALANCE_WARNING",
                "INTERNAL_ALERT/BREACH/LOW_BALANCE_BREACH", "INTERNAL_ALERT/CRITICAL/LOW_BALANCE_CRITICAL",
                "EXCEPTION_TASK/BREACH/LOW_BALANCE_BREACH", "EXCEPTION_TASK/CRITICAL/LOW_BALANCE_CRITICAL",
                "PAUSE_WORK_NOTICE/CRITICAL/STOP_WORK_RECOMMENDED",
                "EXCEPTION_TASK/CRITICAL/EMERGENCY_LOW_BALANCE", "EXCEPTION_TASK/LOW/DATA_QUALITY_NO_THRESHOLD");
    }

    @Test
    @DisplayName("KD-1 stays fixed: a balance one cent under a 10,000.00 threshold gets the client request, as the baseline says")
    void balanceOneCentUnderTheThresholdIsAsked() {
        Matter matter = aMatter().numbered("M-2026-9999").holding("9999.99").withFloor("10000.00")
                .withoutBillingHistory().withOriginalRetainer("20000.00").build();
        MatterFacts facts = MatterFacts.of(matter, BookGenerator.AS_OF);

        List<String> rules = normalise(engine.evaluate(RulesHarness.shippedRuleset(), BookGenerator.AS_OF,
                List.of(facts), List.of(), false).proposals().stream().map(BaselineAgreementTest::toDecision)
                .filter(BaselineAgreementTest::inScope).toList());
        assertThat(rules).containsExactly(
                "M-2026-9999 INTERNAL_ALERT WATCH LOW_BALANCE_WATCH - [ATTORNEY]",
                "M-2026-9999 REPLENISHMENT_REQUEST WATCH - 10000.01 [BILLING_CONTACT]");
        assertThat(normalise(baseline.decide(facts))).isEqualTo(rules);
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
            List<String> rules = normalise(engine.evaluate(RulesHarness.shippedRuleset(), BookGenerator.AS_OF,
                    List.of(facts), List.of(), false).proposals().stream().map(BaselineAgreementTest::toDecision).toList());
            assertThat(normalise(baseline.decide(facts))).as(matter.matterNumber()).isEqualTo(rules);
        }
    }

    // ---- comparison --------------------------------------------------------------------------

    /** What one book produced: matters whose decisions differ, and a histogram of decisions. */
    static final class Report {
        final int matters;
        final List<String> differs = new ArrayList<>();
        int differing;
        final Map<String, Integer> decisionCounts = new TreeMap<>();

        Report(int matters) {
            this.matters = matters;
        }
    }

    private Report compare(int count) {
        Ruleset ruleset = RulesHarness.shippedRuleset();
        Report report = new Report(count);
        List<Matter> chunk = new ArrayList<>(SESSION_CHUNK);
        generator.matters(SEED, count).forEach(m -> {
            chunk.add(m);
            if (chunk.size() == SESSION_CHUNK) {
                compareChunk(ruleset, chunk, report);
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) {
            compareChunk(ruleset, chunk, report);
        }
        System.out.printf("book of %,d matters (seed %d): %d differ from the baseline%n", count, SEED, report.differing);
        report.decisionCounts.forEach((k, v) -> System.out.printf("  %-55s %,8d%n", k, v));
        return report;
    }

    private void compareChunk(Ruleset ruleset, List<Matter> chunk, Report report) {
        List<MatterFacts> facts = chunk.stream().map(m -> MatterFacts.of(m, BookGenerator.AS_OF)).toList();
        RuleEngine.Outcome outcome = engine.evaluate(ruleset, BookGenerator.AS_OF, facts, List.of(), false);
        Map<String, List<Decision>> byMatter = outcome.proposals().stream()
                .map(BaselineAgreementTest::toDecision)
                .collect(Collectors.groupingBy(Decision::matterNumber));
        for (MatterFacts f : facts) {
            List<String> rules = normalise(byMatter.getOrDefault(f.matterNumber(), List.of()));
            List<String> expected = normalise(baseline.decide(f));
            for (String d : rules) {
                String[] parts = d.split(" ");
                report.decisionCounts.merge(parts[1] + "/" + parts[2] + "/" + (parts[3].equals("-") ? "-" : parts[3])
                        + (d.contains(" held=") ? "/held" : ""), 1, Integer::sum);
            }
            if (!rules.equals(expected)) {
                report.differing++;
                if (report.differs.size() < SHOW) {
                    report.differs.add(describe(f, rules, "baseline", expected));
                }
            }
        }
    }

    private static void assertAgreement(Report report) {
        String shown = String.join("\n", report.differs);
        if (!report.differs.isEmpty()) {
            System.out.println("first " + report.differs.size() + " differing matters:\n" + shown);
        }
        assertThat(report.differing)
                .as("matters of %,d where the rules and the baseline disagree (first %d):%n%s", report.matters,
                        report.differs.size(), shown)
                .isZero();
    }

    /** The replenishment-policy decisions only: compliance packs add flags and data-quality items of their own. */
    static boolean inScope(Decision d) {
        if (d.type() == ActionType.COMPLIANCE_FLAG) {
            return false;
        }
        return d.code() == null || !d.code().startsWith("DATA_QUALITY_") || d.code().equals("DATA_QUALITY_NO_THRESHOLD");
    }

    static Decision toDecision(ActionProposal p) {
        return new Decision(p.matterNumber(), p.type(), p.band() != null ? p.band().name() : p.severity() == null ? null : p.severity().name(), p.code(), p.amount(), p.to(),
                p.holds().stream().map(com.trustwatch.decision.Hold::code).toList());
    }

    /** One line per decision, sorted: a multiset that compares with {@code equals}. */
    static List<String> normalise(List<Decision> decisions) {
        return decisions.stream().filter(BaselineAgreementTest::inScope)
                .map(d -> d.matterNumber() + " " + d.type() + " " + d.severity() + " "
                        + (d.code() == null ? "-" : d.code()) + " "
                        + (d.amount() == null ? "-" : d.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()) + " "
                        + d.to().stream().sorted(Comparator.naturalOrder()).toList()
                        + (d.held().isEmpty() ? "" : " held=" + d.held().stream().sorted().toList()))
                .sorted()
                .toList();
    }

    private static String describe(MatterFacts f, List<String> rules, String otherName, List<String> other) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("status", f.status());
        facts.put("fee", f.feeType());
        facts.put("retainer", f.retainerType());
        facts.put("paymentPlan", f.paymentPlan());
        facts.put("practice", f.practiceArea());
        facts.put("tier", f.explicitTier());
        facts.put("monthly", f.monthlyBilling());
        facts.put("floor", f.floor());
        facts.put("original", f.originalRetainer());
        facts.put("refillTarget", f.refillTarget());
        facts.put("balance", f.balance());
        facts.put("runway", f.runwayDays());
        return f.matterNumber() + " " + facts
                + "\n    rules:    " + rules
                + "\n    " + otherName + ": " + other;
    }
}
