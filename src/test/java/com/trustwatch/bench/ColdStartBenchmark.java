package com.trustwatch.bench;

import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cold start: process start to HTTP ready, and to the first successful evaluation (a real run of a
 * 1,000-matter book), each in a new JVM as a deployment starts one. Measured for a first start on an
 * empty database, restarts without the compiled-ruleset cache, and restarts with it.
 *
 * <p>{@code mvn -B -ntp -Pbench-e2e test-compile exec:exec -Dbench.e2e.main=com.trustwatch.bench.ColdStartBenchmark}
 */
public final class ColdStartBenchmark {

    private static final Pattern RULESET_MS = Pattern.compile("Ruleset \\w+ .*? rules in (\\d+) ms");

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 3);
        Path out = Path.of(System.getProperty("bench.out", "target/bench-e2e"));
        Files.createDirectories(out);
        String url = TestDatabase.freshDatabase();
        Path cache = Files.createTempDirectory("trustwatch-ruleset-cache-");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
        for (String option : System.getProperty("bench.jvm", "").split("\\s+")) {
            if (!option.isBlank()) {
                jvm.add(option);
            }
        }
        boolean cds = Boolean.getBoolean("bench.cds");
        List<String> csv = new ArrayList<>();
        csv.add("case,attempt,ready_s,first_evaluation_s,ruleset_ms");

        // the first start creates the schema; the book is then loaded as an import would
        measure("first start, empty database, no cache", 1, url, Map.of("trustwatch.rules.cache-dir", ""), jvm, out,
                csv, false);
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            new SyntheticBook().insert(c, 42, 1000);
        }
        for (int i = 1; i <= repeats; i++) {
            measure("restart, no cache", i, url, Map.of("trustwatch.rules.cache-dir", ""), jvm, out, csv, true);
        }
        measure("restart, cache written", 1, url, Map.of("trustwatch.rules.cache-dir", cache.toString()), jvm, out,
                csv, true);
        for (int i = 1; i <= repeats; i++) {
            measure("restart, cache hit", i, url, Map.of("trustwatch.rules.cache-dir", cache.toString()), jvm, out,
                    csv, true);
        }
        if (cds) {
            // class data sharing: one run records the classes it loaded, the next starts map them
            Path archive = out.resolve("trustwatch-cds.jsa");
            Files.deleteIfExists(archive);
            List<String> record = new ArrayList<>(jvm);
            record.add("-XX:ArchiveClassesAtExit=" + archive);
            measure("restart, cache hit, CDS archive written", 1, url,
                    Map.of("trustwatch.rules.cache-dir", cache.toString()), record, out, csv, true);
            List<String> shared = new ArrayList<>(jvm);
            shared.add("-XX:SharedArchiveFile=" + archive);
            for (int i = 1; i <= repeats; i++) {
                measure("restart, cache hit, CDS archive", i, url, Map.of("trustwatch.rules.cache-dir",
                        cache.toString()), shared, out, csv, true);
            }
        }
        Files.write(out.resolve("cold-start.csv"), csv);
        System.out.println("results: " + out.resolve("cold-start.csv").toAbsolutePath());
    }

    private static void measure(String name, int attempt, String url, Map<String, String> config, List<String> jvm,
                                Path out, List<String> csv, boolean evaluate) throws Exception {
        Path log = out.resolve("cold-start-" + name.replaceAll("\\W+", "-") + "-" + attempt + ".log");
        try (ServiceProcess service = BenchService.start(url, config, jvm, log)) {
            double ready = service.awaitReady(BenchService.READY_WITHIN);
            double first = -1;
            if (evaluate) {
                BenchService.evaluate(service, "{\"asOf\":\"2026-11-2" + attempt + "\"}");
                first = service.sinceStart();
            }
            long rulesetMs = service.fromLog(RULESET_MS);
            System.out.printf(Locale.ROOT, "%-40s #%d  ready %.2f s, first evaluation %s, ruleset %d ms%n", name, attempt,
                    ready, first < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", first), rulesetMs);
            csv.add(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%d", name, attempt, ready, first, rulesetMs));
        }
    }
}
