package com.trustwatch.bench;

import com.trustwatch.bench.BaselinePolicy.Decision;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.DeliveryChannels;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.UnclearedFunds;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.RulesHarness;
import com.trustwatch.rules.Ruleset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The shipped rules and the hand-written {@link BaselinePolicy} compared on every matter of a synthetic
 * book ({@link BookGenerator}), per matter as multisets of (matter, type, severity, code, amount, to).
 * Compliance flags and data-quality items other than "no threshold" are left out there: the jurisdiction
 * packs add those and are not part of the replenishment policy. {@link #compareAll} compares every proposal
 * of every rule, the packs' included, with {@link BaselinePolicy} and {@link BaselinePacks} together.
 *
 * <p>{@code BaselineAgreementTest} runs a 1,000-matter book with every unit-test run; the 100,000-matter
 * book runs here, under the bench profile:
 * {@code mvn -B -ntp -Pbench test-compile exec:exec -Dbench.main=com.trustwatch.bench.BaselineAgreement -Dbench.sizes=100000}
 * (exit status 1 when a matter's decisions differ or the book misses a decision of {@link #EVERY_DECISION}).
 */
public final class BaselineAgreement {

    static final long SEED = RulesPhaseBenchmark.DEFAULT_SEED;
    static final int SESSION_CHUNK = 5_000;
    private static final int SHOW = 10;

    /** Every decision the default policy can make, as type/severity/code: a book must exercise them all. */
    static final List<String> EVERY_DECISION = List.of(
            "REPLENISHMENT_REQUEST/WATCH/-", "REPLENISHMENT_REQUEST/WARNING/-", "REPLENISHMENT_REQUEST/BREACH/-",
            "REPLENISHMENT_REQUEST/CRITICAL/-", "REPLENISHMENT_REQUEST/CRITICAL/-/held",
            "REPLENISHMENT_REQUEST/WARNING/-/held", "REPLENISHMENT_REQUEST/BREACH/-/held",
            "INTERNAL_ALERT/WATCH/LOW_BALANCE_WATCH", "INTERNAL_ALERT/WARNING/LOW_BALANCE_WARNING",
            "INTERNAL_ALERT/BREACH/LOW_BALANCE_BREACH", "INTERNAL_ALERT/CRITICAL/LOW_BALANCE_CRITICAL",
            "EXCEPTION_TASK/BREACH/LOW_BALANCE_BREACH", "EXCEPTION_TASK/CRITICAL/LOW_BALANCE_CRITICAL",
            "PAUSE_WORK_NOTICE/CRITICAL/STOP_WORK_RECOMMENDED",
            "EXCEPTION_TASK/CRITICAL/EMERGENCY_LOW_BALANCE", "EXCEPTION_TASK/LOW/DATA_QUALITY_NO_THRESHOLD");

    private final BookGenerator generator = new BookGenerator();
    private final RuleEngine engine = new RuleEngine();
    private final BaselinePolicy baseline = new BaselinePolicy();

    /** Compares books of {@code -Dbench.sizes} matters (default 100000); exits 1 on any disagreement. */
    public static void main(String[] args) {
        boolean agreed = true;
        for (String size : System.getProperty("bench.sizes", "100000").split(",")) {
            Report report = new BaselineAgreement().compare(Integer.parseInt(size.trim()));
            if (!report.disagreements().isEmpty()) {
                System.out.println(report.disagreements());
                agreed = false;
            }
            List<String> unlike = new BaselineAgreement().compareProposals(Integer.parseInt(size.trim()));
            System.out.printf("like for like: %d proposals differ field by field%n", unlike.size());
            if (!unlike.isEmpty()) {
                System.out.println(String.join("\n", unlike.subList(0, Math.min(SHOW, unlike.size()))));
                agreed = false;
            }
            for (boolean extras : new boolean[] {false, true}) {
                FullReport all = new BaselineAgreement().compareAll(Integer.parseInt(size.trim()), extras);
                if (!all.differences().isEmpty()) {
                    System.out.println(String.join("\n", all.differences().subList(0, Math.min(SHOW, all.differences().size()))));
                    agreed = false;
                }
            }
        }
        System.exit(agreed ? 0 : 1);
    }

    /** What one book produced: matters whose decisions differ, and a histogram of decisions. */
    static final class Report {
        final int matters;
        final List<String> differs = new ArrayList<>();
        int differing;
        final Map<String, Integer> decisionCounts = new TreeMap<>();

        Report(int matters) {
            this.matters = matters;
        }

        /** The decisions of {@link #EVERY_DECISION} the book never produced. */
        Set<String> decisionsMissing() {
            Set<String> missing = new TreeSet<>(EVERY_DECISION);
            missing.removeAll(decisionCounts.keySet());
            return missing;
        }

        /** Empty when the rules and the baseline agree on every matter and the book made every decision. */
        String disagreements() {
            StringBuilder out = new StringBuilder();
            if (differing > 0) {
                out.append(String.format("matters of %,d where the rules and the baseline disagree: %,d (first %d):%n%s%n",
                        matters, differing, differs.size(), String.join("\n", differs)));
            }
            if (!decisionsMissing().isEmpty()) {
                out.append("decisions the book of ").append(matters).append(" matters never made: ")
                        .append(decisionsMissing());
            }
            return out.toString();
        }
    }

    Report compare(int count) {
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

    /**
     * Like for like: every replenishment-policy proposal the rules make on a book of {@code count} matters,
     * compared field by field (rule name, reason, episode key, threshold and basis, refill target, holds,
     * citation) with what {@link BaselinePolicy#propose} builds. Returns the differences, "rules:" and
     * "baseline:" lines, empty when they agree.
     */
    List<String> compareProposals(int count) {
        Ruleset ruleset = RulesHarness.shippedRuleset();
        BaselinePolicy full = new BaselinePolicy(ruleset::citationOfRuleNamed);
        List<String> differences = new ArrayList<>();
        List<Matter> chunk = new ArrayList<>(SESSION_CHUNK);
        Runnable decide = () -> {
            List<MatterFacts> facts = chunk.stream().map(m -> MatterFacts.of(m, BookGenerator.AS_OF)).toList();
            List<String> rules = engine.evaluate(ruleset, BookGenerator.AS_OF, facts, List.of(), false).proposals()
                    .stream().filter(p -> inScope(toDecision(p))).map(ActionProposal::toString).sorted().toList();
            List<ActionProposal> out = new ArrayList<>();
            facts.forEach(f -> full.propose(f, out));
            List<String> baseline = out.stream().map(ActionProposal::toString).sorted().toList();
            if (!rules.equals(baseline)) {
                List<String> onlyRules = new ArrayList<>(rules);
                onlyRules.removeAll(baseline);
                List<String> onlyBaseline = new ArrayList<>(baseline);
                onlyBaseline.removeAll(rules);
                onlyRules.forEach(r -> differences.add("rules:    " + r));
                onlyBaseline.forEach(b -> differences.add("baseline: " + b));
            }
            chunk.clear();
        };
        generator.matters(SEED, count).forEach(m -> {
            chunk.add(m);
            if (chunk.size() == SESSION_CHUNK) {
                decide.run();
            }
        });
        if (!chunk.isEmpty()) {
            decide.run();
        }
        return differences;
    }

    /** What the all-rules comparison found: proposals that differ, and how often each rule id made a proposal. */
    record FullReport(List<String> differences, Map<String, Integer> proposalsByRule, int proposals) {
    }

    /**
     * Like for like with every rule: all the proposals the shipped rules make on a book of {@code count}
     * matters (the replenishment policy and the compliance packs), compared field by field with what
     * {@link BaselinePolicy#propose} and {@link BaselinePacks#propose} build together. With {@code extras}
     * the SMS channel is on (CM-008, CM-091) and every fifth matter has uncleared funds that the cleared
     * balance does not cover (UF-001 to UF-010), every tenth uncleared funds that it does; without, the
     * rules run as the benchmark runs them (email only, no uncleared funds).
     */
    FullReport compareAll(int count, boolean extras) {
        return compareAll(generator.matters(SEED, count).iterator(), String.format("book of %,d", count), extras);
    }

    /** As {@link #compareAll(int, boolean)}, on the given matters. */
    FullReport compareAll(java.util.Iterator<Matter> matters, String name, boolean extras) {
        Ruleset shipped = RulesHarness.shippedRuleset();
        Ruleset ruleset = extras ? shipped.withChannels(new DeliveryChannels(true)) : shipped;
        BaselinePolicy policy = new BaselinePolicy(ruleset::citationOfRuleNamed);
        BaselinePacks packs = new BaselinePacks(ruleset.obligations(), ruleset.channels().sms(), ruleset::citationOfRuleNamed);
        List<String> differences = new ArrayList<>();
        Map<String, Integer> byRule = new TreeMap<>();
        int[] proposals = {0};
        int[] index = {0};
        List<Matter> chunk = new ArrayList<>(SESSION_CHUNK);
        Runnable decide = () -> {
            List<MatterFacts> facts = chunk.stream().map(m -> MatterFacts.of(m, BookGenerator.AS_OF)).toList();
            Map<String, UnclearedFunds> uncleared = new HashMap<>();
            if (extras) {
                for (MatterFacts f : facts) {
                    int i = index[0]++;
                    // more pending than the balance: the cleared part is below zero, money was paid out against it
                    BigDecimal pending = i % 5 == 0 ? f.balance().abs().add(new BigDecimal("250.00"))
                            // less pending than a positive balance: the cleared funds cover what was paid out
                            : i % 10 == 7 && f.balance().signum() > 0 ? f.balance().divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN)
                            : null;
                    if (pending != null) {
                        uncleared.put(f.matterNumber(), new UnclearedFunds(f.matterNumber(), pending,
                                f.balance().subtract(pending), BookGenerator.AS_OF.plusDays(1 + i % 6)));
                    }
                }
            }
            List<ActionProposal> fromRules = engine.evaluate(ruleset, BookGenerator.AS_OF, facts, List.of(),
                    List.copyOf(uncleared.values()), false).proposals();
            List<String> rules = fromRules.stream().map(ActionProposal::toString).sorted().toList();
            fromRules.forEach(p -> byRule.merge(p.ruleId(), 1, Integer::sum));
            proposals[0] += fromRules.size();
            List<ActionProposal> out = new ArrayList<>();
            for (MatterFacts f : facts) {
                policy.propose(f, out);
                packs.propose(f, uncleared.get(f.matterNumber()), out);
            }
            List<String> baseline = out.stream().map(ActionProposal::toString).sorted().toList();
            if (!rules.equals(baseline)) {
                List<String> onlyRules = new ArrayList<>(rules);
                onlyRules.removeAll(baseline);
                List<String> onlyBaseline = new ArrayList<>(baseline);
                onlyBaseline.removeAll(rules);
                onlyRules.forEach(r -> differences.add("rules:    " + r));
                onlyBaseline.forEach(b -> differences.add("baseline: " + b));
            }
            chunk.clear();
        };
        matters.forEachRemaining(m -> {
            chunk.add(m);
            if (chunk.size() == SESSION_CHUNK) {
                decide.run();
            }
        });
        if (!chunk.isEmpty()) {
            decide.run();
        }
        System.out.printf("all rules, like for like%s, %s: %,d proposals, %d differ field by field%n",
                extras ? " (SMS on, uncleared funds)" : "", name, proposals[0], differences.size());
        return new FullReport(differences, byRule, proposals[0]);
    }

    private void compareChunk(Ruleset ruleset, List<Matter> chunk, Report report) {
        List<MatterFacts> facts = chunk.stream().map(m -> MatterFacts.of(m, BookGenerator.AS_OF)).toList();
        RuleEngine.Outcome outcome = engine.evaluate(ruleset, BookGenerator.AS_OF, facts, List.of(), false);
        Map<String, List<Decision>> byMatter = outcome.proposals().stream()
                .map(BaselineAgreement::toDecision)
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
        return decisions.stream().filter(BaselineAgreement::inScope)
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
