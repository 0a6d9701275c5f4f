package com.trustwatch.bench;

import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.policy.ChangeRuleset;
import com.trustwatch.policy.PreviewRuleset;
import com.trustwatch.policy.PreviewView;
import com.trustwatch.policy.RulesetView;
import com.trustwatch.support.TestDatabase;
import io.micronaut.context.ApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the what-if preview of a ruleset version takes on a whole book (docs/benchmarks.md): for
 * each size, a fresh database with the synthetic book, one real evaluation as of the book's date (so
 * that the preview's "already recorded" look-ups find something), a version that moves tier 2's trigger
 * from 25 to 21 days, then {@code PreviewRuleset.preview} as of the next day, several times (the first
 * includes warming up the JIT and compiling the version).
 *
 * <p>{@code mvn -B -ntp -Pbench-e2e test-compile exec:exec -Dbench.e2e.main=com.trustwatch.bench.PreviewBenchmark -Dbench.sizes=100000}
 */
public final class PreviewBenchmark {

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
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100000").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int chunk = Integer.getInteger("bench.chunk", 1000);
        int repeats = Integer.getInteger("bench.repeats", 3);
        String first = TestDatabase.freshDatabase(); // starts the database, so that it can be described
        System.out.printf("machine: %d cores, max heap %d MiB, java %s, database %s, chunk %d, load average at start %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), TestDatabase.describe(), chunk, load());
        for (int n = 0; n < sizes.length; n++) {
            int size = sizes[n];
            String url = n == 0 ? first : TestDatabase.freshDatabase();
            Path mail = Files.createTempDirectory("trustwatch-bench-mail-");
            Map<String, Object> p = new HashMap<>();
            p.put("micronaut.server.port", -1);
            p.put("datasources.default.url", url);
            p.put("datasources.default.username", TestDatabase.user());
            p.put("datasources.default.password", TestDatabase.password());
            p.put("trustwatch.evaluation.chunk-size", chunk);
            p.put("trustwatch.mail.mode", "folder");
            p.put("trustwatch.mail.folder", mail.toString());
            p.put("trustwatch.mail.dispatch-interval", "1h");
            p.put("trustwatch.mail.dispatch-initial-delay", "1h");
            p.put("trustwatch.rules.cache-dir", "");
            try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(p).start()) {
                try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                    new SyntheticBook().insert(c, 42, size);
                }
                long t = System.nanoTime();
                EvaluateMatters.Summary real = ctx.getBean(EvaluateMatters.class)
                        .execute(new EvaluationRequest(false, SyntheticBook.AS_OF.toString(), null), "bench");
                System.out.printf("%n== %,d matters: real run as of %s recorded %,d actions in %.2f s%n", size,
                        SyntheticBook.AS_OF, real.actionsNew(), (System.nanoTime() - t) / 1e9);
                RulesetView v2 = ctx.getBean(ChangeRuleset.class).upload(List.of(new ChangeRuleset.Upload(
                        "tier-thresholds.xlsx", tier2At21Days())), "benchmark: tier 2 at 21 days", "bench");
                String asOf = SyntheticBook.AS_OF.plusDays(1).toString();
                for (int i = 1; i <= repeats; i++) {
                    double before = load();
                    long cpu0 = cpu();
                    long s = System.nanoTime();
                    PreviewView view = ctx.getBean(PreviewRuleset.class).preview(v2.version(), asOf);
                    double seconds = (System.nanoTime() - s) / 1e9;
                    System.out.printf("preview %d: %.2f s (JVM CPU %.1f s, load average %.1f → %.1f): %,d matters, %,d change;"
                                    + " requests %,d → %,d, requested %s → %s, client emails %,d → %,d, bands %s → %s%n",
                            i, seconds, (cpu() - cpu0) / 1e9, before, load(), view.mattersEvaluated(), view.mattersChanged(),
                            view.before().mattersWithRequest(), view.after().mattersWithRequest(),
                            view.before().amountRequested(), view.after().amountRequested(), view.before().clientEmails(),
                            view.after().clientEmails(), view.before().mattersByBand(), view.after().mattersByBand());
                }
            }
        }
    }

    private static byte[] tier2At21Days() throws Exception {
        byte[] shipped = Files.readAllBytes(Path.of("decision-tables", "tier-thresholds.xlsx"));
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(shipped));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.getSheet("Tier reserves");
            sheet.getRow(5).getCell(3).setCellValue(21);
            sheet.getRow(5).getCell(1).setCellValue("Tier 2: request under 21 days of runway and refill to a 45-day reserve");
            book.write(out);
            return out.toByteArray();
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
