package com.trustwatch.bench;

import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.TestDatabase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>With {@code -Dbench.jar=target/trustwatch-<version>.jar} (after {@code mvn -B -ntp clean package
 * -DskipTests}): the packaged service with and without its class-data archive and the warm-up, on the
 * embedded MariaDB and on an H2 file ({@code -Dbench.db=mariadb,h2}); see {@link #runPackaged}.
 */
public final class ColdStartBenchmark {

    private static final Pattern RULESET_MS = Pattern.compile("Ruleset version \\S+ in force .*? in (\\d+) ms");

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
        String jar = System.getProperty("bench.jar", "");
        if (!jar.isBlank()) {
            runPackaged(Path.of(jar).toAbsolutePath());
            return;
        }
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

    /** One way of launching the packaged service: JVM options and configuration on top of the common ones. */
    private record Launch(String name, List<String> jvm, Map<String, String> config) {
    }

    /** A database the packaged service is measured on, and how to put its book back before each start. */
    private interface Book {
        String name();

        String url();

        String user();

        String password();

        /** Remembers the state now (first call) or puts the database back to it (later calls). */
        void backToStart() throws Exception;
    }

    /**
     * The packaged service ({@code java -jar}), as the operator's guide starts it, against each database of
     * {@code bench.db} (mariadb, h2) holding a 1,000-matter book: every launch of {@link #launches} is a
     * restart with the compiled-ruleset cache written, the database put back to the same book before it,
     * and the same first evaluation (as of 2026-11-20, every action new). The launches take turns, so that
     * a change in the machine's load hits them alike.
     */
    private static void runPackaged(Path jar) throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 3);
        Path out = Path.of(System.getProperty("bench.out", "target/bench-e2e"));
        Files.createDirectories(out);
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        if (!Files.exists(jar) || !Files.exists(archive)) {
            throw new IllegalStateException("no " + jar + " with its class-data archive " + archive
                    + ": run mvn -B -ntp clean package -DskipTests first");
        }
        List<String> base = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
        for (String option : System.getProperty("bench.jvm", "").split("\\s+")) {
            if (!option.isBlank()) {
                base.add(option);
            }
        }
        List<String> withArchive = new ArrayList<>(base);
        withArchive.add("-XX:SharedArchiveFile=" + archive);
        List<String> c1 = new ArrayList<>(withArchive);
        c1.add("-XX:TieredStopAtLevel=1");
        List<String> serial = new ArrayList<>(withArchive);
        serial.replaceAll(o -> o.equals("-XX:+UseG1GC") ? "-XX:+UseSerialGC" : o);
        Map<String, String> noWarmUp = Map.of("trustwatch.startup.warm-up", "false");
        List<Launch> all = List.of(
                new Launch("jar", base, noWarmUp),
                new Launch("jar + warm-up", base, Map.of()),
                new Launch("jar + archive", withArchive, noWarmUp),
                new Launch("jar + archive + warm-up", withArchive, Map.of()),
                new Launch("jar + archive + warm-up + C1", c1, Map.of()),
                // the documented launch with Flyway validating at every start, as before the unchanged-migrations check
                new Launch("jar + archive + warm-up, Flyway validating", withArchive,
                        Map.of("trustwatch.startup.skip-unchanged-migrations", "false")),
                new Launch("jar + archive + warm-up + SerialGC", serial, Map.of()));
        // -Dbench.launches=4,6 measures only those launches (1-based, in the order above), e.g. while iterating
        String only = System.getProperty("bench.launches", "");
        List<Launch> launches = only.isBlank() ? all : java.util.Arrays.stream(only.split(","))
                .map(n -> all.get(Integer.parseInt(n.strip()) - 1)).toList();
        List<String> csv = new ArrayList<>();
        csv.add("database,launch,attempt,ready_s,first_evaluation_s,ruleset_ms,cpu_ready_s,cpu_first_evaluation_s,"
                + "load_before,load_after");
        for (String db : System.getProperty("bench.db", "mariadb,h2").split(",")) {
            Book book = db.strip().equals("h2") ? h2Book() : mariaDbBook();
            Path cache = Files.createTempDirectory("trustwatch-ruleset-cache-");
            Map<String, String> cached = Map.of("trustwatch.rules.cache-dir", cache.toString());
            // the first start creates the schema and writes the ruleset cache; then the book goes in
            try (ServiceProcess service = BenchService.start(book.url(), book.user(), book.password(), cached, base, jar,
                    out.resolve("cold-start-" + book.name() + "-schema.log"))) {
                service.awaitReady(BenchService.READY_WITHIN);
            }
            try (Connection c = DriverManager.getConnection(book.url(), book.user(), book.password())) {
                new SyntheticBook().insert(c, 42, 1000);
            }
            book.backToStart();
            for (int i = 1; i <= repeats; i++) {
                for (Launch launch : launches) {
                    book.backToStart();
                    Map<String, String> config = new java.util.HashMap<>(cached);
                    config.putAll(launch.config());
                    double load = loadAverage();
                    Path log = out.resolve("cold-start-" + book.name() + "-" + launch.name().replaceAll("\\W+", "-")
                            + "-" + i + ".log");
                    try (ServiceProcess service = BenchService.start(book.url(), book.user(), book.password(), config,
                            launch.jvm(), jar, log)) {
                        double ready = service.awaitReady(BenchService.READY_WITHIN);
                        double cpuReady = cpuSeconds(service);
                        BenchService.evaluate(service, "{\"asOf\":\"" + SyntheticBook.AS_OF + "\"}");
                        double first = service.sinceStart();
                        double cpuFirst = cpuSeconds(service);
                        long rulesetMs = service.fromLog(RULESET_MS);
                        if (launch.jvm().contains("-XX:SharedArchiveFile=" + archive)
                                && service.log().contains("Unable to use shared archive")) {
                            throw new IllegalStateException("the JVM could not map " + archive + ":\n" + service.logTail());
                        }
                        double loadAfter = loadAverage();
                        System.out.printf(Locale.ROOT, "%-8s %-42s #%d  ready %.2f s (CPU %.2f s), first evaluation %.2f s"
                                + " (CPU %.2f s), ruleset %d ms, load %.1f -> %.1f%n", book.name(), launch.name(), i, ready,
                                cpuReady, first, cpuFirst, rulesetMs, load, loadAfter);
                        csv.add(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.3f,%d,%.2f,%.2f,%.2f,%.2f", book.name(),
                                launch.name(), i, ready, first, rulesetMs, cpuReady, cpuFirst, load, loadAfter));
                    }
                }
            }
        }
        Files.write(out.resolve("cold-start-jar.csv"), csv);
        System.out.println("results: " + out.resolve("cold-start-jar.csv").toAbsolutePath());
    }

    private static Book mariaDbBook() {
        String url = TestDatabase.freshDatabase();
        return new Book() {
            public String name() { return "mariadb"; }
            public String url() { return url; }
            public String user() { return TestDatabase.user(); }
            public String password() { return TestDatabase.password(); }
            public void backToStart() { TestDatabase.backToStart(url); }
        };
    }

    /** The embedded default: an H2 file, put back by copying the file saved after the book went in. */
    private static Book h2Book() throws IOException {
        Path dir = Files.createTempDirectory("trustwatch-cold-start-h2-");
        Path file = dir.resolve("trustwatch.mv.db");
        Path saved = dir.resolve("book.mv.db.saved");
        String url = "jdbc:h2:file:" + dir.resolve("trustwatch") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE";
        return new Book() {
            public String name() { return "h2"; }
            public String url() { return url; }
            public String user() { return "sa"; }
            public String password() { return ""; }
            public void backToStart() throws IOException {
                if (Files.exists(saved)) {
                    Files.copy(saved, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.copy(file, saved);
                }
            }
        };
    }

    /**
     * The CPU time the service's JVM has used so far (all its threads, user and system), in seconds: far
     * less sensitive to the machine's load than wall time. -1 where the platform does not report it.
     */
    private static double cpuSeconds(ServiceProcess service) {
        return ProcessHandle.of(service.pid()).flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    /** The one-minute load average, as uptime shows it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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
