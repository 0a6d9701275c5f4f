package com.trustwatch.bench;

import com.trustwatch.bench.BaselinePolicy.Decision;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.rules.RulesetBuilder;
import com.trustwatch.rules.SessionVariants;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The rules phase on whole synthetic books: matters are streamed in chunks (never the whole book in
 * memory), each chunk's {@link MatterFacts} are built once, then run through (a) the shipped rules, a
 * fresh Drools session per chunk as {@link RuleEngine} does in production, (b) the replenishment rules
 * alone (the shipped rules without the compliance packs of rules/compliance, built from a copy), (c)
 * the hand-written {@link BaselinePolicy#propose}, which builds the same proposals as (b) field by field
 * (like for like), and (d) the full baseline, {@link BaselinePolicy#propose} and {@link BaselinePacks#propose}
 * together, which builds the same proposals as (a) field by field, on the same facts in the same JVM, the
 * order rotating chunk by chunk. Per phase it reports throughput, both Drools-to-baseline time ratios (all
 * rules against (d), replenishment rules against (c)) within each iteration (machines are noisy;
 * ratios from one run are what compare), and heap: the live heap at the fullest point of a chunk (a full GC while a session
 * holds its chunk, on sampled chunks outside the timed passes; it must stay flat with book size) and
 * the heap pools' peak use including garbage during the timed phases.
 *
 * <p>Hand-rolled rather than JMH: a phase is a pass over a book of up to a million matters that
 * streams and allocates as production will, which is not a microbenchmark. JIT warm-up is a full pass
 * over a warm-up book before anything is measured, and every figure is a median over iterations.
 *
 * <p>Settings (system properties): {@code bench.sizes} (default 1000,10000,100000,1000000; or the first
 * argument), {@code bench.chunk} (10000), {@code bench.iterations} (5, raised for small books so each
 * size runs at least {@code bench.minMatters}, default 1000000, matters), {@code bench.warmup}
 * (200000 matters), {@code bench.builds} (5 repeated KieBase builds), {@code bench.seed},
 * {@code bench.variants} (true: also measure chunk sizes, the fired-rule listener, pooled and reused
 * sessions and two threads on a 100,000-matter book), {@code bench.rules} and {@code bench.tables}
 * (folders to build the ruleset from; default the shipped {@code rules} and {@code decision-tables}),
 * {@code bench.compareRules} (a folder with a changed copy of the rules: only compare it with the
 * shipped rules on a 100,000-matter book, same decisions required, and stop; {@code bench.compareRounds} rounds,
 * default 5, which of the two goes first alternating; wall time and the thread's CPU time), {@code bench.twoThreads}
 * (true: also all rules on two threads, two sessions on two chunks at once, on the last book size; reported
 * apart, never the headline).
 */
public final class RulesPhaseBenchmark {

    /** The seed every benchmark and agreement test book is drawn from, unless told otherwise. */
    public static final long DEFAULT_SEED = 20261120L;
    private static final LocalDate AS_OF = BookGenerator.AS_OF;
    private static final double MIB = 1024.0 * 1024.0;

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final BookGenerator generator = new BookGenerator();
    private final RuleEngine engine = new RuleEngine();
    private final BaselinePolicy baseline = new BaselinePolicy();
    private BaselinePolicy fullBaseline;
    private BaselinePacks packsBaseline;
    private Ruleset replenishmentOnly;
    private final HeapProbe heap = new HeapProbe();
    private final long seed;
    private Ruleset ruleset;

    private RulesPhaseBenchmark(long seed) {
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = parseSizes(args.length > 0 ? args[0]
                : System.getProperty("bench.sizes", "1000,10000,100000,1000000"));
        int chunk = Integer.getInteger("bench.chunk", 10_000);
        int iterations = Integer.getInteger("bench.iterations", 5);
        int minMatters = Integer.getInteger("bench.minMatters", 1_000_000);
        int warmup = Integer.getInteger("bench.warmup", 200_000);
        int builds = Integer.getInteger("bench.builds", 5);
        boolean variants = Boolean.getBoolean("bench.variants");
        long seed = Long.getLong("bench.seed", DEFAULT_SEED);

        RulesPhaseBenchmark bench = new RulesPhaseBenchmark(seed);
        System.out.println(machine());
        System.out.println(bench.kieBaseBuild(builds));

        String other = System.getProperty("bench.compareRules", "");
        if (!other.isBlank()) {
            System.out.println(bench.compareRules(Path.of(other), 100_000));
            return;
        }

        bench.pass(warmup, chunk);   // JIT warm-up: every phase, a full pass, not measured
        System.out.println("warm-up: " + String.format(Locale.ROOT, "%,d", warmup) + " matters through every phase");

        StringBuilder table = new StringBuilder()
                .append("\n| book (matters) | chunk | iterations | facts building (matters/s) | Drools, all rules (matters/s)"
                        + " | Drools, replenishment rules only (matters/s) | full baseline: policy and packs (matters/s)"
                        + " | replenishment baseline (matters/s)"
                        + " | all rules ÷ full baseline (time, like for like) | replenishment only ÷ replenishment baseline (time, like for like)"
                        + " | facts + Drools (matters/s)"
                        + " | live heap at the fullest point: Drools / baseline (MiB) | peak heap used incl. garbage (MiB)"
                        + " | proposals: all rules / full baseline / replenishment only / replenishment baseline |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int size : sizes) {
            int n = Math.max(iterations, Math.min(100, minMatters / Math.max(1, size)));
            List<Pass> passes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                passes.add(bench.pass(size, chunk));
            }
            long[] live = bench.liveHeap(size, chunk);
            String row = row(size, chunk, passes, live);
            table.append(row).append('\n');
            System.out.println("measured: " + row);
        }
        System.out.println(table);
        System.out.println("live heap after a full GC at the end: " + mib(HeapProbe.liveAfterFullGc()) + " MiB");

        if (variants) {
            System.out.println(bench.variants(100_000));
        }
        if (Boolean.getBoolean("bench.twoThreads")) {
            System.out.println(bench.twoThreads(sizes.get(sizes.size() - 1), chunk));
        }
    }

    /**
     * Not the headline figure: all rules on two threads, two sessions on two chunks at once (as the service's
     * two-worker path runs them), against one thread, on the same facts, rounds alternating; medians of 5.
     */
    private String twoThreads(int size, int chunk) throws Exception {
        List<List<MatterFacts>> chunks = factsInChunks(size, chunk);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long[] one = new long[5];
            long[] two = new long[5];
            for (int round = -1; round < 5; round++) {     // one unmeasured round first
                long t = System.nanoTime();
                for (List<MatterFacts> c : chunks) {
                    engine.evaluate(ruleset, AS_OF, c, List.of(), false);
                }
                long single = System.nanoTime() - t;
                t = System.nanoTime();
                List<Future<Integer>> done = new ArrayList<>();
                for (List<MatterFacts> c : chunks) {
                    done.add(pool.submit(() -> engine.evaluate(ruleset, AS_OF, c, List.of(), false).proposals().size()));
                }
                for (Future<Integer> f : done) {
                    f.get();
                }
                long pair = System.nanoTime() - t;
                if (round >= 0) {
                    one[round] = single;
                    two[round] = pair;
                }
            }
            return String.format(Locale.ROOT, "%n| all rules, book of %,d, chunks of %,d (not the headline) | matters/s (median of 5) |%n"
                            + "|---|---:|%n| one thread, one session per chunk | %,.0f |%n"
                            + "| two threads, two sessions on two chunks at once | %,.0f |%n",
                    size, chunk, rate(size, median(one)), rate(size, median(two)));
        } finally {
            pool.shutdown();
        }
    }

    // ---- KieBase build --------------------------------------------------------------------------

    private String kieBaseBuild(int repeats) {
        long t0 = System.nanoTime();
        ruleset = build();
        long first = System.nanoTime() - t0;
        replenishmentOnly = buildWithoutPacks();
        fullBaseline = new BaselinePolicy(ruleset::citationOfRuleNamed);
        packsBaseline = new BaselinePacks(ruleset.obligations(), ruleset.channels().sms(), ruleset::citationOfRuleNamed);
        long[] again = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            build();
            again[i] = System.nanoTime() - t;
        }
        return "\n| KieBase build (RulesetBuilder.build()) | ms |\n|---|---:|\n"
                + "| first in the JVM | " + ms(first) + " |\n"
                + "| repeated, median of " + repeats + " | " + ms(median(again)) + " |\n"
                + "| repeated, fastest | " + ms(Arrays.stream(again).min().orElse(0)) + " |\n"
                + "| rules in the KieBase | " + ruleset.catalogue().size() + " |\n";
    }

    /** The shipped rules and tables, or another copy of them ({@code bench.rules}, {@code bench.tables}) to try a change. */
    private static Ruleset build() {
        return new RulesetBuilder(Path.of(System.getProperty("bench.rules", "rules")),
                Path.of(System.getProperty("bench.tables", "decision-tables"))).build();
    }

    /** The same rules and tables without the compliance packs (a copy of the rules folder without compliance/). */
    private static Ruleset buildWithoutPacks() {
        Path rules = Path.of(System.getProperty("bench.rules", "rules"));
        Path copy = Path.of("target", "bench", "rules-replenishment-only");
        try {
            if (java.nio.file.Files.exists(copy)) {
                try (var old = java.nio.file.Files.walk(copy)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            try (var files = java.nio.file.Files.walk(rules)) {
                for (Path p : files.toList()) {
                    Path relative = rules.relativize(p);
                    if (relative.startsWith("compliance")) {
                        continue;
                    }
                    Path target = copy.resolve(relative.toString());
                    if (java.nio.file.Files.isDirectory(p)) {
                        java.nio.file.Files.createDirectories(target);
                    } else {
                        java.nio.file.Files.copy(p, target);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new RulesetBuilder(copy, Path.of(System.getProperty("bench.tables", "decision-tables"))).build();
    }

    // ---- one pass over a book -------------------------------------------------------------------

    /** Nanoseconds and heap per phase for one pass over a book. */
    static final class Pass {
        long matters;
        long generateNs;
        long factsNs;
        long droolsNs;
        long replenishmentNs;
        long baselineNs;
        long fullBaselineNs;
        long droolsProposals;
        long fullBaselineProposals;
        long replenishmentProposals;
        long baselineDecisions;
        final PhaseHeap factsHeap = new PhaseHeap();
        final PhaseHeap droolsHeap = new PhaseHeap();
        final PhaseHeap baselineHeap = new PhaseHeap();
    }

    private Pass pass(int size, int chunkSize) {
        Pass pass = new Pass();
        Iterator<Matter> book = generator.matters(seed, size).iterator();
        List<Matter> chunk = new ArrayList<>(chunkSize);
        int chunkNo = 0;
        while (book.hasNext()) {
            long t0 = System.nanoTime();
            chunk.clear();
            while (chunk.size() < chunkSize && book.hasNext()) {
                chunk.add(book.next());
            }
            pass.generateNs += System.nanoTime() - t0;
            pass.matters += chunk.size();

            heap.begin();
            long t1 = System.nanoTime();
            List<MatterFacts> facts = new ArrayList<>(chunk.size());
            for (Matter m : chunk) {
                facts.add(MatterFacts.of(m, AS_OF));
            }
            pass.factsNs += System.nanoTime() - t1;
            heap.end(pass.factsHeap);

            // rotate which path goes first, so none always finds the facts warm in cache
            switch (chunkNo++ % 4) {
                case 0 -> {
                    drools(pass, facts);
                    replenishmentOnly(pass, facts);
                    baseline(pass, facts);
                    fullBaseline(pass, facts);
                }
                case 1 -> {
                    fullBaseline(pass, facts);
                    baseline(pass, facts);
                    drools(pass, facts);
                    replenishmentOnly(pass, facts);
                }
                case 2 -> {
                    baseline(pass, facts);
                    drools(pass, facts);
                    fullBaseline(pass, facts);
                    replenishmentOnly(pass, facts);
                }
                default -> {
                    replenishmentOnly(pass, facts);
                    fullBaseline(pass, facts);
                    baseline(pass, facts);
                    drools(pass, facts);
                }
            }
        }
        return pass;
    }

    private void drools(Pass pass, List<MatterFacts> facts) {
        heap.begin();
        long t = System.nanoTime();
        List<ActionProposal> proposals = engine.evaluate(ruleset, AS_OF, facts, List.of(), false).proposals();
        pass.droolsNs += System.nanoTime() - t;
        heap.end(pass.droolsHeap);
        pass.droolsProposals += proposals.size();
    }

    private void replenishmentOnly(Pass pass, List<MatterFacts> facts) {
        long t = System.nanoTime();
        List<ActionProposal> proposals = engine.evaluate(replenishmentOnly, AS_OF, facts, List.of(), false).proposals();
        pass.replenishmentNs += System.nanoTime() - t;
        pass.replenishmentProposals += proposals.size();
    }

    /** The like-for-like baseline: the same proposals the replenishment rules build, field by field. */
    private void baseline(Pass pass, List<MatterFacts> facts) {
        heap.begin();
        long t = System.nanoTime();
        List<ActionProposal> proposals = new ArrayList<>(facts.size());
        for (MatterFacts f : facts) {
            fullBaseline.propose(f, proposals);
        }
        pass.baselineNs += System.nanoTime() - t;
        heap.end(pass.baselineHeap);
        pass.baselineDecisions += proposals.size();
    }

    /**
     * The like-for-like baseline of every rule: the replenishment policy and the compliance packs by hand
     * ({@link BaselinePolicy} and {@link BaselinePacks}), the same proposals the shipped rules build, field by field.
     */
    private void fullBaseline(Pass pass, List<MatterFacts> facts) {
        long t = System.nanoTime();
        List<ActionProposal> proposals = new ArrayList<>(facts.size() * 2);
        for (MatterFacts f : facts) {
            fullBaseline.propose(f, proposals);
            packsBaseline.propose(f, proposals);
        }
        pass.fullBaselineNs += System.nanoTime() - t;
        pass.fullBaselineProposals += proposals.size();
    }

    private static String row(int size, int chunk, List<Pass> passes, long[] live) {
        double facts = median(passes, p -> rate(p.matters, p.factsNs));
        double drools = median(passes, p -> rate(p.matters, p.droolsNs));
        double replenishment = median(passes, p -> rate(p.matters, p.replenishmentNs));
        double base = median(passes, p -> rate(p.matters, p.baselineNs));
        double full = median(passes, p -> rate(p.matters, p.fullBaselineNs));
        double ratio = median(passes, p -> (double) p.droolsNs / p.fullBaselineNs);
        double ratioMin = passes.stream().mapToDouble(p -> (double) p.droolsNs / p.fullBaselineNs).min().orElse(0);
        double ratioMax = passes.stream().mapToDouble(p -> (double) p.droolsNs / p.fullBaselineNs).max().orElse(0);
        double like = median(passes, p -> (double) p.replenishmentNs / p.baselineNs);
        double likeMin = passes.stream().mapToDouble(p -> (double) p.replenishmentNs / p.baselineNs).min().orElse(0);
        double likeMax = passes.stream().mapToDouble(p -> (double) p.replenishmentNs / p.baselineNs).max().orElse(0);
        double rulesPhase = median(passes, p -> rate(p.matters, p.factsNs + p.droolsNs));
        long peakUsed = passes.stream().mapToLong(p -> Math.max(p.droolsHeap.peakUsed,
                Math.max(p.factsHeap.peakUsed, p.baselineHeap.peakUsed))).max().orElse(0);
        Pass last = passes.get(passes.size() - 1);
        if (last.replenishmentProposals != last.baselineDecisions) {
            throw new IllegalStateException("the replenishment rules made " + last.replenishmentProposals
                    + " proposals and the like-for-like baseline " + last.baselineDecisions + ": not like for like");
        }
        if (last.droolsProposals != last.fullBaselineProposals) {
            throw new IllegalStateException("all rules made " + last.droolsProposals + " proposals and the full"
                    + " baseline (policy and packs) " + last.fullBaselineProposals + ": not like for like");
        }
        return String.format(Locale.ROOT, "| %,d | %,d | %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.1f× (%.1f–%.1f) | %.1f× (%.1f–%.1f) | %,.0f | %s / %s | %s | %,d / %,d / %,d / %,d |",
                size, Math.min(chunk, size), passes.size(), facts, drools, replenishment, full, base, ratio, ratioMin, ratioMax,
                like, likeMin, likeMax, rulesPhase,
                mib(live[0]), mib(live[1]), mib(peakUsed), last.droolsProposals, last.fullBaselineProposals,
                last.replenishmentProposals, last.baselineDecisions);
    }

    /**
     * The live heap at the fullest point of a chunk, sampled on about ten chunks spread over the book
     * (never timed): a full GC while the Drools session still holds the chunk's facts, and one while the
     * baseline's decisions for the chunk are held. Flat from 100k to 1M shows nothing accumulates.
     */
    private long[] liveHeap(int size, int chunkSize) {
        SessionVariants sessions = new SessionVariants(ruleset);
        int chunks = (size + chunkSize - 1) / chunkSize;
        int every = Math.max(1, chunks / 10);
        long[] peak = new long[2];
        Iterator<Matter> book = generator.matters(seed, size).iterator();
        List<Matter> chunk = new ArrayList<>(chunkSize);
        for (int chunkNo = 0; book.hasNext(); chunkNo++) {
            chunk.clear();
            while (chunk.size() < chunkSize && book.hasNext()) {
                chunk.add(book.next());
            }
            if (chunkNo % every != 0 && book.hasNext()) {
                continue;
            }
            List<MatterFacts> facts = new ArrayList<>(chunk.size());
            for (Matter m : chunk) {
                facts.add(MatterFacts.of(m, AS_OF));
            }
            sessions.fresh(AS_OF, facts, () -> peak[0] = Math.max(peak[0], HeapProbe.liveAfterFullGc()));
            List<ActionProposal> decisions = new ArrayList<>(facts.size());
            facts.forEach(f -> fullBaseline.propose(f, decisions));
            peak[1] = Math.max(peak[1], HeapProbe.liveAfterFullGc());
            if (decisions.isEmpty() && facts.size() > 1_000) {
                throw new IllegalStateException("the baseline decided nothing on a chunk of " + facts.size());
            }
        }
        return peak;
    }

    /**
     * The shipped rules (A) against a changed copy (B) on the same facts, rounds alternating A and B so
     * machine noise falls on both; B must make exactly the same decisions.
     */
    private String compareRules(Path otherRules, int size) {
        Ruleset other = new RulesetBuilder(otherRules, Path.of(System.getProperty("bench.tables", "decision-tables"))).build();
        int rounds = Integer.getInteger("bench.compareRounds", 5);
        StringBuilder out = new StringBuilder("\n| chunk | rounds | shipped rules (matters/s) | changed copy (matters/s) | changed ÷ shipped (throughput) "
                + "| shipped rules (matters per CPU second of the thread) | changed copy (matters per CPU second) | changed ÷ shipped (CPU) |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int chunk : new int[] {1_000, 10_000}) {
            List<List<MatterFacts>> chunks = factsInChunks(size, chunk);
            for (List<MatterFacts> c : chunks) {
                List<String> a = BaselineAgreement.normalise(engine.evaluate(ruleset, AS_OF, c, List.of(), false)
                        .proposals().stream().map(BaselineAgreement::toDecision).toList());
                List<String> b = BaselineAgreement.normalise(engine.evaluate(other, AS_OF, c, List.of(), false)
                        .proposals().stream().map(BaselineAgreement::toDecision).toList());
                if (!a.equals(b)) {
                    throw new IllegalStateException("the changed rules decide differently on a chunk of " + c.size());
                }
            }
            // wall time and the benchmark thread's CPU time: on a shared machine the CPU time is what other
            // processes disturb least (it leaves out the collector's threads, which work for both alike)
            long[] a = new long[rounds];
            long[] b = new long[rounds];
            long[] aCpu = new long[rounds];
            long[] bCpu = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean shippedFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean shipped = (turn == 0) == shippedFirst;
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long wall = timeRules(shipped ? ruleset : other, chunks);
                    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                    if (shipped) {
                        a[round] = wall;
                        aCpu[round] = cpu;
                    } else {
                        b[round] = wall;
                        bCpu[round] = cpu;
                    }
                }
            }
            double ra = rate(size, median(a));
            double rb = rate(size, median(b));
            double ca = rate(size, median(aCpu));
            double cb = rate(size, median(bCpu));
            out.append(String.format(Locale.ROOT, "| %,d | %d | %,.0f | %,.0f | %.2f× | %,.0f | %,.0f | %.2f× |%n",
                    chunk, rounds, ra, rb, rb / ra, ca, cb, cb / ca));
        }
        return out.toString();
    }

    private long timeRules(Ruleset rules, List<List<MatterFacts>> chunks) {
        long t = System.nanoTime();
        for (List<MatterFacts> c : chunks) {
            engine.evaluate(rules, AS_OF, c, List.of(), false);
        }
        return System.nanoTime() - t;
    }

    // ---- what would close the gap ---------------------------------------------------------------

    private String variants(int size) throws Exception {
        List<List<MatterFacts>> chunks10k = factsInChunks(size, 10_000);
        StringBuilder out = new StringBuilder("\n| Drools variant (book of " + String.format(Locale.ROOT, "%,d", size)
                + ") | matters/s (median of 3) |\n|---|---:|\n");
        for (int chunk : new int[] {100, 250, 1_000, 5_000, 10_000, 50_000}) {
            List<List<MatterFacts>> chunks = chunk == 10_000 ? chunks10k : factsInChunks(size, chunk);
            out.append(variantRow("fresh session per chunk of " + String.format(Locale.ROOT, "%,d", chunk), size, chunks,
                    c -> engine.evaluate(ruleset, AS_OF, c, List.of(), false).proposals().size()));
        }
        out.append(variantRow("fresh session per 10,000, fired-rule listener on", size, chunks10k,
                c -> engine.evaluate(ruleset, AS_OF, c, List.of(), true).proposals().size()));
        SessionVariants sessions = new SessionVariants(ruleset);
        try {
            out.append(variantRow("pooled session (KieSessionsPool) per 10,000", size, chunks10k,
                    c -> sessions.pooled(AS_OF, c).size()));
            out.append(variantRow("one reused session, facts deleted after each 10,000", size, chunks10k,
                    c -> sessions.reusedWithDelete(AS_OF, c).size()));
        } finally {
            sessions.close();
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            out.append(variantRow("fresh session per 10,000, " + threads + " threads", size, chunks10k, null, pool));
        } finally {
            pool.shutdown();
        }
        long[] base = new long[3];
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            for (List<MatterFacts> c : chunks10k) {
                List<Decision> d = new ArrayList<>(c.size());
                c.forEach(f -> baseline.decide(f, d));
            }
            base[i] = System.nanoTime() - t;
        }
        out.append(String.format(Locale.ROOT, "| baseline, for scale | %,.0f |%n", rate(size, median(base))));
        return out.toString();
    }

    private String variantRow(String name, int size, List<List<MatterFacts>> chunks, Function<List<MatterFacts>, Integer> run) throws Exception {
        return variantRow(name, size, chunks, run, null);
    }

    private String variantRow(String name, int size, List<List<MatterFacts>> chunks,
                              Function<List<MatterFacts>, Integer> run, ExecutorService pool) throws Exception {
        long[] ns = new long[3];
        for (int i = -1; i < 3; i++) {      // one unmeasured round first
            long t = System.nanoTime();
            if (pool == null) {
                for (List<MatterFacts> c : chunks) {
                    run.apply(c);
                }
            } else {
                List<Future<Integer>> done = new ArrayList<>();
                for (List<MatterFacts> c : chunks) {
                    done.add(pool.submit(() -> engine.evaluate(ruleset, AS_OF, c, List.of(), false).proposals().size()));
                }
                for (Future<Integer> f : done) {
                    f.get();
                }
            }
            if (i >= 0) {
                ns[i] = System.nanoTime() - t;
            }
        }
        return String.format(Locale.ROOT, "| %s | %,.0f |%n", name, rate(size, median(ns)));
    }

    private List<List<MatterFacts>> factsInChunks(int size, int chunk) {
        List<List<MatterFacts>> chunks = new ArrayList<>();
        List<MatterFacts> current = new ArrayList<>(chunk);
        for (Iterator<Matter> it = generator.matters(seed, size).iterator(); it.hasNext(); ) {
            current.add(MatterFacts.of(it.next(), AS_OF));
            if (current.size() == chunk) {
                chunks.add(current);
                current = new ArrayList<>(chunk);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    // ---- heap -----------------------------------------------------------------------------------

    /** The most heap in use during one phase, garbage included (heap pools' peak use). */
    static final class PhaseHeap {
        long peakUsed;
    }

    /** Reads heap around one phase call: the heap pools' peak use is reset before and read after. */
    static final class HeapProbe {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();

        void begin() {
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        void end(PhaseHeap into) {
            long peak = 0;
            for (MemoryPoolMXBean p : pools) {
                peak += p.getPeakUsage().getUsed();
            }
            into.peakUsed = Math.max(into.peakUsed, peak);
        }

        static long liveAfterFullGc() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
    }

    // ---- reporting ------------------------------------------------------------------------------

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList();
        return String.format(Locale.ROOT, "java %s (%s), %d processors, max heap %s MiB, JVM options %s, GC %s",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"), rt.availableProcessors(),
                mib(rt.maxMemory()), jvmArgs,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    }

    static List<Integer> parseSizes(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Integer.parseInt(s.replace("_", ""))).toList();
    }

    private static double rate(long matters, double nanos) {
        return nanos <= 0 ? 0 : matters / (nanos / 1e9);
    }

    private static double median(List<Pass> passes, java.util.function.ToDoubleFunction<Pass> f) {
        double[] v = passes.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%,.0f", nanos / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / MIB);
    }

}
