package com.trustwatch.bench;

import com.trustwatch.bench.BaselinePolicy.Bands;
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
 * the balance itself. A balance within 0.005% under a band edge is rounded onto the edge and lands in
 * the band above. At the 100% edge this drops the client request: a balance of 9999.99 against a
 * threshold of 10000.00 has a ratio of 1.0000, falls in SB-1 (WATCH, internal only) and gets no
 * request, where DESIGN.md says the request goes out "as soon as the balance is below the threshold,
 * whatever the band". At 90% and 50% the matter gets the milder band (WATCH for WARNING, WARNING for
 * BREACH, losing the billing-manager alert or the exception task); at 110% it gets no WATCH alert.
 * DESIGN.md is right. The baseline is therefore compared in its {@link Bands#AS_SHIPPED} reading,
 * which must agree exactly, and the {@link Bands#AS_DESIGNED} reading is reported and pinned by
 * {@link #knownDiscrepancyBalanceJustUnderThreshold()}.
 */
class BaselineAgreementTest {

    static final long SEED = RulesPhaseBenchmark.DEFAULT_SEED;
    static final int SESSION_CHUNK = 5_000;
    private static final int SHOW = 10;

    private final BookGenerator generator = new BookGenerator();
    private final RuleEngine engine = new RuleEngine();
    private final BaselinePolicy shipped = new BaselinePolicy(Bands.AS_SHIPPED);
    private final BaselinePolicy designed = new BaselinePolicy(Bands.AS_DESIGNED);

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
                "REPLENISHMENT_REQUEST/CRITICAL/-",
                "EXCEPTION_TASK/WARNING/ATTORNEY_REVIEW_REQUIRED", "EXCEPTION_TASK/BREACH/ATTORNEY_REVIEW_REQUIRED",
                "INTERNAL_ALERT/WATCH/LOW_BALANCE_WATCH", "INTERNAL_ALERT/WARNING/LOW_BALANCE_WARNING",
                "INTERNAL_ALERT/BREACH/LOW_BALANCE_BREACH", "INTERNAL_ALERT/CRITICAL/LOW_BALANCE_CRITICAL",
                "EXCEPTION_TASK/BREACH/LOW_BALANCE_BREACH", "EXCEPTION_TASK/CRITICAL/LOW_BALANCE_CRITICAL",
                "PAUSE_WORK_NOTICE/CRITICAL/STOP_WORK_RECOMMENDED",
                "EXCEPTION_TASK/CRITICAL/EMERGENCY_LOW_BALANCE", "EXCEPTION_TASK/LOW/DATA_QUALITY_NO_THRESHOLD");
        // KD-1 is real on a realistic book: balances do sit a few cents under their floor
        assertThat(report.designDiffers).as("matters where KD-1 changes a decision").isNotEmpty();
    }

    @Test
    @DisplayName("known discrepancy KD-1: a balance one cent under a 10,000.00 threshold gets no client request, because the bands compare a rounded ratio")
    void knownDiscrepancyBalanceJustUnderThreshold() {
        Matter matter = aMatter().numbered("M-2026-9999").holding("9999.99").withFloor("10000.00")
                .withoutBillingHistory().withOriginalRetainer("20000.00").build();
        MatterFacts facts = MatterFacts.of(matter, BookGenerator.AS_OF);

        List<String> rules = normalise(engine.evaluate(RulesHarness.shippedRuleset(), BookGenerator.AS_OF,
                List.of(facts), List.of(), false).proposals().stream().map(BaselineAgreementTest::toDecision).toList());
        List<String> asDesigned = normalise(designed.decide(facts));

        // what the rules do today: WATCH alert for the attorney, and nothing for the client
        assertThat(rules).as("rules today (if this fails, KD-1 has been fixed: compare against Bands.AS_DESIGNED)")
                .containsExactly("M-2026-9999 INTERNAL_ALERT WATCH LOW_BALANCE_WATCH - [ATTORNEY]");
        assertThat(normalise(shipped.decide(facts))).isEqualTo(rules);
        // what DESIGN.md asks for: the balance is below the threshold, so the client is asked for 10000.01
        assertThat(asDesigned).containsExactly(
                "M-2026-9999 INTERNAL_ALERT WATCH LOW_BALANCE_WATCH - [ATTORNEY]",
                "M-2026-9999 REPLENISHMENT_REQUEST WATCH - 10000.01 [BILLING_CONTACT]");
    }

    // ---- comparison --------------------------------------------------------------------------

    /** What one book produced: matters whose decisions differ, and a histogram of decisions. */
    static final class Report {
        final int matters;
        final List<String> shippedDiffers = new ArrayList<>();
        int shippedDiffering;
        final List<String> designDiffers = new ArrayList<>();
        int designDiffering;
        final Map<String, Integer> designEffects = new TreeMap<>();
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
        System.out.printf("book of %,d matters (seed %d): %d differ from the shipped reading, %d from DESIGN.md (KD-1: %s)%n",
                count, SEED, report.shippedDiffering, report.designDiffering, report.designEffects);
        report.decisionCounts.forEach((k, v) -> System.out.printf("  %-55s %,8d%n", k, v));
        if (!report.designDiffers.isEmpty()) {
            System.out.println("KD-1, first matters where DESIGN.md and the rules disagree:");
            report.designDiffers.stream().limit(3).forEach(System.out::println);
        }
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
            List<String> asShipped = normalise(shipped.decide(f));
            List<String> asDesigned = normalise(designed.decide(f));
            for (String d : rules) {
                String[] parts = d.split(" ");
                report.decisionCounts.merge(parts[1] + "/" + parts[2] + "/" + (parts[3].equals("-") ? "-" : parts[3]),
                        1, Integer::sum);
            }
            if (!rules.equals(asShipped)) {
                report.shippedDiffering++;
                if (report.shippedDiffers.size() < SHOW) {
                    report.shippedDiffers.add(describe(f, rules, "baseline (as shipped)", asShipped));
                }
            }
            if (!rules.equals(asDesigned)) {
                report.designDiffering++;
                report.designEffects.merge(kd1Effect(rules, asDesigned), 1, Integer::sum);
                if (report.designDiffers.size() < SHOW) {
                    report.designDiffers.add(describe(f, rules, "baseline (DESIGN.md)", asDesigned));
                }
            }
        }
    }

    /** What KD-1 changed on one matter, in a billing manager's words. */
    private static String kd1Effect(List<String> rules, List<String> asDesigned) {
        boolean designAsks = asDesigned.stream().anyMatch(d -> d.contains(" REPLENISHMENT_REQUEST ") || d.contains(" ATTORNEY_REVIEW_REQUIRED "));
        boolean rulesAsk = rules.stream().anyMatch(d -> d.contains(" REPLENISHMENT_REQUEST ") || d.contains(" ATTORNEY_REVIEW_REQUIRED "));
        if (designAsks && !rulesAsk) {
            return "below the threshold, no request";
        }
        if (rules.stream().noneMatch(d -> d.contains(" INTERNAL_ALERT "))) {
            return "just under 110%, no WATCH alert";
        }
        return "just under 90% or 50%, milder band";
    }

    private static void assertAgreement(Report report) {
        String shown = String.join("\n", report.shippedDiffers);
        if (!report.shippedDiffers.isEmpty()) {
            System.out.println("first " + report.shippedDiffers.size() + " differing matters:\n" + shown);
        }
        assertThat(report.shippedDiffering)
                .as("matters of %,d where the rules and the baseline disagree (first %d):%n%s", report.matters,
                        report.shippedDiffers.size(), shown)
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
        return new Decision(p.matterNumber(), p.type(), p.severity(), p.code(), p.amount(), p.to());
    }

    /** One line per decision, sorted: a multiset that compares with {@code equals}. */
    static List<String> normalise(List<Decision> decisions) {
        return decisions.stream().filter(BaselineAgreementTest::inScope)
                .map(d -> d.matterNumber() + " " + d.type() + " " + d.severity() + " "
                        + (d.code() == null ? "-" : d.code()) + " "
                        + (d.amount() == null ? "-" : d.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()) + " "
                        + d.to().stream().sorted(Comparator.naturalOrder()).toList())
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
