package com.trustwatch.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.evaluation.EvaluationTimings;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.model.Pageable;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * How fast Trustwatch evaluates a book end to end against MariaDB, from 1k to 1M matters
 * (docs/benchmarks.md). For each size: a fresh database on the embedded MariaDB (or
 * TRUSTWATCH_TEST_DB_URL), the application context started against it, the book inserted with JDBC
 * batches, then a keyset read of the whole book, a dry run, a real run, and a second real run of the
 * same day, each timed per phase (through {@link EvaluationTimings}) with peak heap.
 *
 * <p>{@code mvn -B -ntp -Pbench-e2e test-compile exec:exec -Dbench.sizes=1000,10000,100000}
 */
public final class EndToEndBenchmark {

    private static final List<String> CSV_HEADER = List.of("size", "run", "phase", "seconds", "matters_per_s",
            "peak_heap_mb", "live_heap_mb", "actions_planned", "actions_new", "jvm_cpu_s", "db_cpu_s");

    private final int chunk;
    private final Path out;
    private final List<String> csv = new ArrayList<>();
    private final SyntheticBook book = new SyntheticBook();
    private final Phases phases = new Phases();

    private EndToEndBenchmark(int chunk, Path out) {
        this.chunk = chunk;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the embedded server and the application's threads must not keep the JVM alive
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int chunk = Integer.getInteger("bench.chunk", 2000);
        int warmup = Integer.getInteger("bench.warmup", 20000);
        Path out = Path.of(System.getProperty("bench.out", "target/bench-e2e"));
        Files.createDirectories(out);
        EndToEndBenchmark bench = new EndToEndBenchmark(chunk, out);
        bench.machine();
        if (warmup > 0) {
            System.out.printf("warm-up: %,d matters (not reported)%n", warmup);
            bench.size(warmup, false);
        }
        for (int size : sizes) {
            bench.size(size, true);
        }
        bench.writeCsv();
    }

    private void machine() throws SQLException {
        String url = TestDatabase.freshDatabase();
        String version;
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                     "SELECT VERSION(), @@innodb_buffer_pool_size")) {
            rs.next();
            version = rs.getString(1) + ", innodb_buffer_pool_size " + rs.getLong(2) / (1024 * 1024) + " MiB";
        }
        drop(url);
        System.out.printf("machine: %d cores, max heap %d MiB, java %s (%s), database %s: %s, chunk size %d, %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), TestDatabase.describe(),
                version, chunk, path());
    }

    /**
     * Which path the real runs take: {@code -Dbench.workers=N} (N > 0) leases chunks with N workers;
     * {@code -Dbench.partitioned=true|false} sets {@code trustwatch.evaluation.partitioned}; with neither,
     * the service's default for the database (the leased path with two workers on MySQL/MariaDB).
     */
    private static String path() {
        int workers = Integer.getInteger("bench.workers", 0);
        String partitioned = System.getProperty("bench.partitioned", "");
        if (workers > 0) {
            return "leased (partitioned) path with " + workers + " workers";
        }
        if (partitioned.equals("false")) {
            return "single path (trustwatch.evaluation.partitioned=false)";
        }
        return partitioned.equals("true") ? "leased (partitioned) path, default workers"
                : "the service's default path for the database";
    }

    private void size(int size, boolean report) throws Exception {
        String url = TestDatabase.freshDatabase();
        Path mail = Files.createTempDirectory("trustwatch-bench-mail-");
        long t0 = System.nanoTime();
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false)
                .properties(properties(url, mail)).singletons(phases).start()) {
            double started = seconds(t0);
            long t1 = System.nanoTime();
            insert(url, size);
            double inserted = seconds(t1);
            if (report) {
                System.out.printf("%n== %,d matters: context started in %.2f s; book inserted in %.2f s (%,.0f matters/s)%n",
                        size, started, inserted, size / inserted);
                row(size, "insert", "TOTAL", inserted, 0, 0, 0, 0);
            }
            EvaluateMatters evaluate = ctx.getBean(EvaluateMatters.class);
            MatterRepository matters = ctx.getBean(MatterRepository.class);
            String asOf = SyntheticBook.AS_OF.toString();

            Measured read = measure(() -> {
                long after = 0;
                int n = 0;
                for (List<Matter> page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, chunk));
                     !page.isEmpty(); page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, chunk))) {
                    n += page.size();
                    after = page.get(page.size() - 1).id();
                }
                return new int[]{n, 0, 0};
            });
            Measured dry = measure(() -> {
                AtomicLong planned = new AtomicLong();
                EvaluateMatters.Summary s = evaluate.preview(new EvaluationRequest(true, asOf, null),
                        a -> planned.incrementAndGet());
                return new int[]{s.mattersEvaluated(), s.actionsPlanned(), 0};
            });
            Map<String, Long> status0 = status(url);
            boolean digests = digestsOn(url);
            Measured exec = measure(() -> {
                EvaluateMatters.Summary s = evaluate.execute(new EvaluationRequest(false, asOf, null), "bench");
                return new int[]{s.mattersEvaluated(), s.actionsPlanned(), s.actionsNew()};
            });
            Map<String, Long> status1 = status(url);
            String digestTop = digests ? digestTop(url) : "";
            Measured again = measure(() -> {
                EvaluateMatters.Summary s = evaluate.execute(new EvaluationRequest(false, asOf, null), "bench");
                return new int[]{s.mattersEvaluated(), s.actionsPlanned(), s.actionsNew()};
            });
            check(url, size, exec, again);
            if (report) {
                System.out.println("actions by type: " + mix(url));
                System.out.println("rows by table after both real runs: " + rows(url));
                report(size, "keyset-read", read);
                report(size, "dry-run", dry);
                report(size, "executed", exec);
                System.out.println("                  server status during the real run: " + delta(status0, status1));
                if (!digestTop.isEmpty()) {
                    System.out.println(digestTop);
                }
                report(size, "executed-again", again);
            }
        } finally {
            drop(url);
        }
    }

    /** The second run of the same day must find every action recorded; every matter is CHECKED once per run. */
    private static void check(String url, int size, Measured exec, Measured again) throws SQLException {
        if (exec.counts()[0] != size || again.counts()[0] != size) {
            throw new IllegalStateException("expected " + size + " matters evaluated, got " + exec.counts()[0]
                    + " and " + again.counts()[0]);
        }
        // the open episodes the first run started make the second decide no more than the first did
        if (again.counts()[2] != 0 || again.counts()[1] > exec.counts()[1]) {
            throw new IllegalStateException("the second run of the same day recorded " + again.counts()[2]
                    + " new actions of " + again.counts()[1] + "; expected none (first run: " + exec.counts()[1] + ")");
        }
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM audit_entry WHERE kind = 'CHECKED'),"
                     + " (SELECT COUNT(*) FROM evaluation_action WHERE outcome = 'ALREADY_RECORDED'),"
                     + " (SELECT COUNT(*) FROM planned_action)")) {
            rs.next();
            if (rs.getLong(1) != 2L * size || rs.getLong(2) != again.counts()[1] || rs.getLong(3) != exec.counts()[1]) {
                throw new IllegalStateException("expected " + 2L * size + " CHECKED entries, " + again.counts()[1]
                        + " ALREADY_RECORDED links and " + exec.counts()[1] + " actions; found " + rs.getLong(1) + ", "
                        + rs.getLong(2) + ", " + rs.getLong(3));
            }
        }
    }

    /**
     * Rows and bytes (data and indexes, InnoDB's estimate) of each table that holds rows: what the runs
     * wrote, the book and the rows the migrations seed included.
     */
    private static String rows(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE audit_entry, planned_action");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            List<String> out = new ArrayList<>();
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + t + "), data_length + index_length"
                        + " FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '" + t + "'")) {
                    rs.next();
                    if (rs.getLong(1) > 0 && !t.startsWith("flyway")) {
                        out.add(String.format(Locale.ROOT, "%s %d (%.1f MiB)", t, rs.getLong(1), rs.getLong(2) / 1048576.0));
                    }
                }
            }
            return String.join(", ", out);
        }
    }

    /** The server counters that show scans, sorts, temporary tables and statements by kind. */
    private static final List<String> STATUS = List.of("Questions", "Com_insert", "Com_update", "Com_select",
            "Com_delete", "Handler_read_rnd_next", "Handler_read_next", "Handler_read_key", "Handler_write",
            "Handler_update", "Innodb_rows_read", "Innodb_rows_inserted", "Innodb_rows_updated",
            "Created_tmp_tables", "Created_tmp_disk_tables", "Sort_rows", "Sort_scan", "Select_scan",
            "Select_full_join", "Innodb_data_written", "Innodb_os_log_written", "Bytes_received", "Com_stmt_prepare",
            "Com_stmt_execute");

    private static Map<String, Long> status(String url) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS")) {
            while (rs.next()) {
                if (STATUS.contains(rs.getString(1))) {
                    out.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static String delta(Map<String, Long> before, Map<String, Long> after) {
        return STATUS.stream().filter(after::containsKey)
                .map(k -> k + " " + (after.get(k) - before.getOrDefault(k, 0L))).collect(Collectors.joining(", "));
    }

    /**
     * With performance_schema on ({@code -Dbench.db.args='--innodb-buffer-pool-size=2G --performance-schema=ON'}),
     * empties the statement digests before the real run, so that {@link #digestTop} shows that run's.
     */
    private static boolean digestsOn(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@performance_schema")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return false;
            }
        }
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
        }
        return true;
    }

    private static String digestTop(String url) throws SQLException {
        StringBuilder out = new StringBuilder("statement digests of the real run (server time, calls, rows examined/sent/affected, tmp tables, sorts, no-index):");
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM_TIMER_WAIT / 1e12, COUNT_STAR,"
                     + " SUM_ROWS_EXAMINED, SUM_ROWS_SENT, SUM_ROWS_AFFECTED, SUM_CREATED_TMP_TABLES, SUM_SORT_ROWS,"
                     + " SUM_NO_INDEX_USED, LEFT(DIGEST_TEXT, 160) FROM performance_schema.events_statements_summary_by_digest"
                     + " ORDER BY SUM_TIMER_WAIT DESC LIMIT 25")) {
            while (rs.next()) {
                out.append(String.format(Locale.ROOT, "%n  %7.2f s %8d calls  ex %9d sent %8d aff %8d tmp %5d sort %7d noidx %5d  %s",
                        rs.getDouble(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getString(9)));
            }
        }
        return out.toString();
    }

    private static String mix(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, COALESCE(code, ''), COUNT(*) FROM planned_action"
                     + " GROUP BY type, code ORDER BY COUNT(*) DESC")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + (rs.getString(2).isEmpty() ? "" : "/" + rs.getString(2)) + " " + rs.getLong(3));
            }
            return String.join(", ", out);
        }
    }

    private Map<String, Object> properties(String url, Path mail) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("datasources.default.url", url);
        p.put("datasources.default.username", TestDatabase.user());
        p.put("datasources.default.password", TestDatabase.password());
        p.put("trustwatch.evaluation.chunk-size", chunk);
        p.put("trustwatch.mail.mode", "folder");
        p.put("trustwatch.mail.folder", mail.toString());
        // delivery is not part of the evaluation: keep the dispatcher out of the measured window
        p.put("trustwatch.mail.dispatch-interval", "1h");
        p.put("trustwatch.mail.dispatch-initial-delay", "1h");
        int workers = Integer.getInteger("bench.workers", 0);
        String partitioned = System.getProperty("bench.partitioned", "");
        if (!partitioned.isEmpty()) {
            p.put("trustwatch.evaluation.partitioned", Boolean.parseBoolean(partitioned));
        }
        if (workers > 0) {
            // the leased path of docs/scaling.md, with this many worker threads in this one instance
            p.put("trustwatch.evaluation.partitioned", true);
            p.put("trustwatch.evaluation.workers", workers);
        }
        return p;
    }

    private void insert(String url, int size) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            book.insert(c, 42, size);
        }
    }

    private static void drop(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(base, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    // --- measuring ---

    private interface Work {
        int[] run() throws Exception;
    }

    /**
     * One run: wall time, phase times, heap, {matters, actions planned, actions new}, and the CPU time
     * this JVM and the embedded database server (a child process) used, which other load on the machine
     * does not inflate the way it inflates wall time.
     */
    private record Measured(double seconds, Map<EvaluationTimings.Phase, Double> phases, long peakHeap,
                            long liveHeap, int[] counts, double jvmCpu, double dbCpu) {
    }

    private Measured measure(Work work) throws Exception {
        System.gc();
        phases.reset();
        try (HeapWatch heap = new HeapWatch()) {
            double jvm0 = cpu(ProcessHandle.current());
            double db0 = childrenCpu();
            long t = System.nanoTime();
            int[] counts = work.run();
            double s = seconds(t);
            return new Measured(s, phases.seconds(), heap.peakUsed(), heap.peakLive(), counts,
                    cpu(ProcessHandle.current()) - jvm0, childrenCpu() - db0);
        }
    }

    private static double cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static double childrenCpu() {
        return ProcessHandle.current().descendants().mapToDouble(EndToEndBenchmark::cpu).sum();
    }

    private void report(int size, String run, Measured m) {
        int matters = m.counts()[0];
        System.out.printf(Locale.ROOT, "%-15s %8.2f s %10.0f matters/s  peak heap %5d MiB, live after GC %5d MiB,"
                        + " actions planned %d, new %d; cpu: jvm %.1f s, database %.1f s%n", run, m.seconds(),
                matters / m.seconds(), mib(m.peakHeap()), mib(m.liveHeap()), m.counts()[1], m.counts()[2], m.jvmCpu(),
                m.dbCpu());
        csv.add(String.format(Locale.ROOT, "%d,%s,TOTAL,%.4f,%.1f,%d,%d,%d,%d,%.2f,%.2f", size, run, m.seconds(),
                size / m.seconds(), mib(m.peakHeap()), mib(m.liveHeap()), m.counts()[1], m.counts()[2], m.jvmCpu(),
                m.dbCpu()));
        String phaseLine = m.phases().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s (%,.0f/s)", e.getKey(), e.getValue(),
                        matters / e.getValue())).collect(Collectors.joining(", "));
        if (!phaseLine.isEmpty()) {
            System.out.println("                  " + phaseLine);
        }
        m.phases().forEach((phase, s) -> {
            if (s > 0) {
                row(size, run, phase.name(), s, 0, 0, 0, 0);
            }
        });
    }

    private void row(int size, String run, String phase, double seconds, long peak, long live, int planned, int fresh) {
        csv.add(String.format(Locale.ROOT, "%d,%s,%s,%.4f,%.1f,%d,%d,%d,%d,,", size, run, phase, seconds,
                size / seconds, mib(peak), mib(live), planned, fresh));
    }

    private void writeCsv() throws IOException {
        Path file = out.resolve("results.csv");
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", CSV_HEADER));
        lines.addAll(csv);
        Files.write(file, lines);
        System.out.println("\nresults: " + file.toAbsolutePath());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** Sums the phase times the evaluation reports. */
    static final class Phases implements EvaluationTimings {
        private final Map<Phase, AtomicLong> nanos = new EnumMap<>(Phase.class);

        Phases() {
            for (Phase p : Phase.values()) {
                nanos.put(p, new AtomicLong());
            }
        }

        @Override
        public void chunk(Phase phase, int matters, long elapsed) {
            nanos.get(phase).addAndGet(elapsed);
        }

        void reset() {
            nanos.values().forEach(a -> a.set(0));
        }

        Map<Phase, Double> seconds() {
            Map<Phase, Double> out = new EnumMap<>(Phase.class);
            nanos.forEach((p, n) -> out.put(p, n.get() / 1e9));
            return out;
        }
    }

    /**
     * Peak heap while a run is going on: the highest heap use sampled (garbage included, so it depends
     * on -Xmx), and the highest heap use left after a collection (what the run really holds).
     */
    static final class HeapWatch implements AutoCloseable {
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                peakLive.accumulateAndGet(after, Math::max);
            }
        };
        private final Thread sampler;
        private volatile boolean running = true;

        HeapWatch() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
            peakLive.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            sampler = new Thread(() -> {
                while (running) {
                    MemoryUsage u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    peakUsed.accumulateAndGet(u.getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long peakLive() {
            return peakLive.get();
        }

        @Override
        public void close() throws Exception {
            running = false;
            sampler.join();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            }
        }
    }
}
