package com.trustwatch.evaluation;

import com.trustwatch.action.ActionPlanner;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.BurnSource;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.UnclearedFunds;
import com.trustwatch.episode.Episodes;
import com.trustwatch.evaluation.EvaluationTimings.Phase;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.matter.Matter;
import com.trustwatch.money.Money;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.Ruleset;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One chunk of the book through the rules and, for a real run, into the database: the work every
 * evaluation path (single instance or leased across replicas) shares. Times each phase when a
 * {@link EvaluationTimings} bean is present.
 */
@Singleton
class ChunkEvaluator {

    private final Episodes episodes;
    private final LedgerRepository ledger;
    private final ActionPlanner planner;
    private final RecordChunk recorder;
    private final EvaluationTimings timings;
    private final RuleEngine engine = new RuleEngine();

    ChunkEvaluator(Episodes episodes, LedgerRepository ledger, ActionPlanner planner, RecordChunk recorder,
                   @Nullable EvaluationTimings timings) {
        this.episodes = episodes;
        this.ledger = ledger;
        this.planner = planner;
        this.recorder = recorder;
        this.timings = timings;
    }

    /** What the rules decided for one chunk, with each matter's facts and the open episodes the rules saw. */
    record Decided(RuleEngine.Outcome outcome, List<PlannedAction> planned, Map<String, MatterFacts> facts,
                   Map<String, OpenEpisode> open) {
    }

    Decided decide(List<Matter> chunk, LocalDate asOf, Ruleset rules) {
        long t0 = tick();
        List<String> numbers = chunk.stream().map(Matter::matterNumber).toList();
        Map<String, OpenEpisode> open = episodes.openOn(numbers, asOf);
        // the burn rate agrees with the ledger: drawdowns recorded in the window come before the imported figure
        Map<String, BigDecimal> drawn = ledger.drawdownTotals(numbers,
                asOf.minusDays(MatterFacts.BURN_WINDOW_DAYS - 1L), asOf);
        long t1 = tock(Phase.LOAD, chunk.size(), t0);
        Map<String, Matter> byNumber = new HashMap<>(chunk.size() * 2);
        Map<String, MatterFacts> facts = new HashMap<>(chunk.size() * 2);
        for (Matter m : chunk) {
            byNumber.put(m.matterNumber(), m);
            OpenEpisode c = open.get(m.matterNumber());
            facts.put(m.matterNumber(), MatterFacts.of(m, asOf, c == null ? null : c.episodeStart(),
                    drawn.get(m.matterNumber())));
        }
        long t2 = tock(Phase.FACTS, chunk.size(), t1);
        RuleEngine.Outcome outcome = engine.evaluate(rules, asOf, facts.values(), open.values(),
                uncleared(byNumber, asOf), false);
        long t3 = tock(Phase.RULES, chunk.size(), t2);
        List<PlannedAction> planned = planner.plan(sorted(outcome.proposals()), byNumber, facts, open, rules.version(),
                asOf);
        tock(Phase.PLAN, chunk.size(), t3);
        return new Decided(outcome, planned, facts, open);
    }

    /**
     * One chunk decided under two rulesets (a what-if): read and turned into facts once, then each
     * ruleset's session, with each matter's figures (tier, threshold, band). Nothing is written.
     */
    Decided[] decideBoth(List<Matter> chunk, LocalDate asOf, Ruleset before, Ruleset after) {
        List<String> numbers = chunk.stream().map(Matter::matterNumber).toList();
        Map<String, OpenEpisode> open = episodes.openOn(numbers, asOf);
        // the same facts as a real run, burn rate from the ledger included, so the preview shows what a run would do
        Map<String, BigDecimal> drawn = ledger.drawdownTotals(numbers,
                asOf.minusDays(MatterFacts.BURN_WINDOW_DAYS - 1L), asOf);
        Map<String, Matter> byNumber = new HashMap<>(chunk.size() * 2);
        Map<String, MatterFacts> facts = new HashMap<>(chunk.size() * 2);
        for (Matter m : chunk) {
            byNumber.put(m.matterNumber(), m);
            OpenEpisode c = open.get(m.matterNumber());
            facts.put(m.matterNumber(), MatterFacts.of(m, asOf, c == null ? null : c.episodeStart(),
                    drawn.get(m.matterNumber())));
        }
        List<UnclearedFunds> uncleared = uncleared(byNumber, asOf);
        Decided[] out = new Decided[2];
        Ruleset[] rulesets = {before, after};
        for (int i = 0; i < 2; i++) {
            RuleEngine.Outcome outcome = engine.evaluate(rulesets[i], asOf, facts.values(), open.values(), uncleared,
                    false, true);
            out[i] = new Decided(outcome, planner.plan(sorted(outcome.proposals()), byNumber, facts, open,
                    rulesets[i].version(), asOf), facts, open);
        }
        return out;
    }

    /**
     * Records a decided chunk in the caller's transaction (one is opened if none is). The RECORD phase is
     * reported from here only when this call is the transaction; a caller that wraps it in its own
     * transaction reports it once that has committed ({@link #recorded}), so a timing listener never runs
     * while the chunk's locks are held. @return new actions
     */
    int record(String evaluationId, Ruleset rules, List<Matter> chunk, Decided decided, LocalDate asOf, String actor) {
        return record(evaluationId, rules, chunk, decided, asOf, actor, true);
    }

    int record(String evaluationId, Ruleset rules, List<Matter> chunk, Decided decided, LocalDate asOf, String actor,
               boolean report) {
        long t0 = tick();
        int fresh = recorder.record(evaluationId, rules.version(), decided.planned(), decided.outcome().stops(),
                checks(chunk, decided), asOf, actor);
        if (report) {
            tock(Phase.RECORD, chunk.size(), t0);
        }
        return fresh;
    }

    /** Reports the RECORD phase of a chunk whose transaction began at {@code t0} ({@link #tick}) and has committed. */
    void recorded(int matters, long t0) {
        tock(Phase.RECORD, matters, t0);
    }

    /** The proposals of a decided chunk that planning left out as the same action as an earlier one. */
    List<ActionPlanner.Collapsed> collapsed(Decided decided) {
        return planner.collapsed(sorted(decided.outcome().proposals()));
    }

    /** The uncleared deposits of the chunk's matters on {@code asOf}, as the rules see them. */
    private List<UnclearedFunds> uncleared(Map<String, Matter> byNumber, LocalDate asOf) {
        Map<String, List<LedgerTransaction>> deposits = ledger
                .findByMatterNumberInAndTypeAndClearsOnGreaterThanAndTxnDateLessThanEquals(byNumber.keySet(),
                        TransactionType.DEPOSIT, asOf, asOf).stream()
                .collect(Collectors.groupingBy(LedgerTransaction::matterNumber));
        List<UnclearedFunds> out = new ArrayList<>(deposits.size());
        deposits.forEach((number, list) -> {
            BigDecimal sum = list.stream().map(LedgerTransaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            LocalDate by = list.stream().map(LedgerTransaction::clearsOn).max(Comparator.naturalOrder()).orElseThrow();
            out.add(new UnclearedFunds(number, sum, byNumber.get(number).trustBalance().subtract(sum), by));
        });
        return out;
    }

    /** Times a page read done by the caller. */
    long tick() {
        return timings == null ? 0 : System.nanoTime();
    }

    long tock(Phase phase, int matters, long start) {
        if (timings == null) {
            return 0;
        }
        long now = System.nanoTime();
        timings.chunk(phase, matters, now - start);
        return now;
    }

    private static List<ActionProposal> sorted(List<ActionProposal> proposals) {
        List<ActionProposal> out = new ArrayList<>(proposals);
        out.sort(Comparator.comparing(ActionProposal::matterNumber).thenComparing(p -> p.type().ordinal())
                .thenComparing(ActionProposal::ruleName));
        return out;
    }

    private static List<RecordChunk.Check> checks(List<Matter> chunk, Decided decided) {
        Map<String, List<PlannedAction>> byMatter = decided.planned().stream()
                .collect(Collectors.groupingBy(PlannedAction::matterNumber));
        List<RecordChunk.Check> out = new ArrayList<>(chunk.size());
        for (Matter m : chunk) {
            List<PlannedAction> acts = byMatter.getOrDefault(m.matterNumber(), List.of());
            MatterFacts f = decided.facts().get(m.matterNumber());
            String billing = f == null || f.burnSource() == null ? orUnknown(m.monthlyBilling())
                    : Money.letter(f.monthlyBilling()) + (f.burnSource() == BurnSource.LEDGER ? " (from the ledger's drawdowns)" : "");
            out.add(new RecordChunk.Check(m.matterNumber(), "checked: balance " + Money.letter(m.trustBalance())
                    + ", floor " + orUnknown(m.floor()) + ", monthly billing " + billing
                    + ", status " + m.status() + "; decided: " + (acts.isEmpty() ? "nothing"
                    : acts.stream().map(a -> a.type() + (a.code() == null ? "" : "/" + a.code()) + " by " + a.ruleId())
                    .collect(Collectors.joining(", ")))));
        }
        return out;
    }

    private static String orUnknown(BigDecimal amount) {
        return amount == null ? "unknown" : Money.letter(amount);
    }
}
