package com.trustwatch.bench;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.RulesHarness;
import com.trustwatch.rules.Ruleset;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes everything the shipped rules decide on a synthetic book, every field of every proposal and
 * episode stop (reason texts, episode keys, citations, thresholds and their basis, holds), one line
 * each and sorted, so that a change to the shape of the rules can be checked to change no decision and
 * no word: run it before and after, and compare the files. Every seventh matter has an open episode
 * (ladder stages 1 to 4 sent, 3 to 30 business days open) so the escalation rules are exercised too.
 *
 * <p>{@code mvn -B -ntp -Pbench test-compile exec:exec -Dbench.main=com.trustwatch.bench.OutcomeDump
 * -Dbench.sizes=100000} writes {@code target/bench/outcomes-100000.txt}
 */
public final class OutcomeDump {

    private OutcomeDump() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(System.getProperty("bench.sizes", "100000").split(",")[0].trim());
        int chunkSize = Integer.getInteger("bench.chunk", 1000);
        Path out = Path.of(System.getProperty("bench.out", "target/bench/outcomes-" + count + ".txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> lines = dump(count, chunkSize);
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.printf("%,d lines for %,d matters written to %s%n", lines.size(), count, out);
    }

    static List<String> dump(int count, int chunkSize) {
        Ruleset ruleset = RulesHarness.shippedRuleset();
        RuleEngine engine = new RuleEngine();
        LocalDate asOf = BookGenerator.AS_OF;
        List<String> lines = new ArrayList<>();
        List<Matter> chunk = new ArrayList<>(chunkSize);
        int[] index = {0};
        new BookGenerator().matters(RulesPhaseBenchmark.DEFAULT_SEED, count).forEach(m -> {
            chunk.add(m);
            if (chunk.size() == chunkSize) {
                decide(engine, ruleset, asOf, chunk, index, lines);
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) {
            decide(engine, ruleset, asOf, chunk, index, lines);
        }
        lines.sort(null);
        return lines;
    }

    private static void decide(RuleEngine engine, Ruleset ruleset, LocalDate asOf, List<Matter> chunk, int[] index,
                               List<String> lines) {
        List<MatterFacts> facts = new ArrayList<>(chunk.size());
        List<OpenEpisode> open = new ArrayList<>();
        for (Matter m : chunk) {
            int i = index[0]++;
            if (i % 7 == 3) {
                int days = 3 + (i / 7) % 28;
                LocalDate start = asOf.minusDays(days + days / 5 * 2L);
                open.add(new OpenEpisode(m.matterNumber(), start, 1 + (i / 7) % 4, days));
                facts.add(MatterFacts.of(m, asOf, start));
            } else {
                facts.add(MatterFacts.of(m, asOf));
            }
        }
        RuleEngine.Outcome outcome = engine.evaluate(ruleset, asOf, facts, open, false);
        for (ActionProposal p : outcome.proposals()) {
            lines.add(p.toString());
        }
        for (EpisodeStop s : outcome.stops()) {
            lines.add(s.toString());
        }
    }
}
