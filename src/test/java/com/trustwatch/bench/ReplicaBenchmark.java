package com.trustwatch.bench;

import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replicas as separate JVM processes sharing one MariaDB: one book evaluated by a single instance,
 * by one replica on the leased path (one and two workers), then by two replicas leasing chunks
 * (docs/scaling.md), with the checks that no matter was checked twice and no action recorded twice,
 * and the throughput of each. Every process first dry-runs the book, so no measured run is its first.
 *
 * <p>{@code mvn -B -ntp -Pbench-e2e test-compile exec:exec -Dbench.e2e.main=com.trustwatch.bench.ReplicaBenchmark -Dbench.sizes=100000}
 */
public final class ReplicaBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String AS_OF = SyntheticBook.AS_OF.toString();

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
        int size = Integer.parseInt(System.getProperty("bench.sizes", "100000").split(",")[0].trim());
        int chunk = Integer.getInteger("bench.chunk", 2000);
        Path out = Path.of(System.getProperty("bench.out", "target/bench-e2e"));
        Files.createDirectories(out);
        Path cache = Files.createTempDirectory("trustwatch-ruleset-cache-");
        List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
                "-Dlogback.configurationFile=src/test/resources/bench/logback-e2e.xml");
        Map<String, String> common = Map.of("trustwatch.rules.cache-dir", cache.toString(),
                "trustwatch.evaluation.chunk-size", Integer.toString(chunk));
        List<String> csv = new ArrayList<>();
        csv.add("mode,replicas,matters,http_s,evaluation_s,matters_per_s,actions_planned,actions_new,chunks_by_replica");
        System.out.printf("%,d matters, chunk size %d, %d cores; each replica a JVM with -Xmx1g%n", size, chunk,
                Runtime.getRuntime().availableProcessors());

        long single = scenario("single instance", 1, size, jvm, common, Map.of(), out, csv, -1);
        scenario("leased, one replica", 1, size, jvm, common, leased(1), out, csv, single);
        scenario("leased, one replica, 2 workers", 1, size, jvm, common, leased(2), out, csv, single);
        scenario("leased, two replicas", 2, size, jvm, common, leased(1), out, csv, single);
        Files.write(out.resolve("replicas.csv"), csv);
        System.out.println("results: " + out.resolve("replicas.csv").toAbsolutePath());
    }

    private static Map<String, String> leased(int workers) {
        return Map.of("trustwatch.evaluation.partitioned", "true", "trustwatch.evaluation.poll-interval", "200ms",
                "trustwatch.evaluation.workers", Integer.toString(workers));
    }

    /** @return the number of actions the scenario recorded */
    private static long scenario(String name, int replicas, int size, List<String> jvm, Map<String, String> common,
                                 Map<String, String> mode, Path out, List<String> csv, long expectedActions)
            throws Exception {
        String url = TestDatabase.freshDatabase();
        Map<String, String> config = new HashMap<>(common);
        config.putAll(mode);
        List<ServiceProcess> services = new ArrayList<>();
        try {
            // the first replica creates the schema; then the book goes in; then the others start
            services.add(BenchService.start(url, config, jvm, out.resolve("replica-" + slug(name) + "-1.log")));
            services.get(0).awaitReady(BenchService.READY_WITHIN);
            try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                new SyntheticBook().insert(c, 42, size);
            }
            for (int i = 2; i <= replicas; i++) {
                services.add(BenchService.start(url, config, jvm, out.resolve("replica-" + slug(name) + "-" + i + ".log")));
            }
            for (ServiceProcess s : services) {
                s.awaitReady(BenchService.READY_WITHIN);
            }
            // each JVM reads and decides the whole book once first, so the measured run is not its first
            for (ServiceProcess s : services) {
                BenchService.evaluate(s, "{\"dryRun\":true,\"asOf\":\"" + AS_OF + "\",\"includeActions\":false}");
            }
            long t0 = System.nanoTime();
            String body = BenchService.evaluate(services.get(0), "{\"asOf\":\"" + AS_OF + "\",\"includeActions\":false}");
            double http = (System.nanoTime() - t0) / 1e9;
            Matcher m = ID.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no evaluation id in " + body);
            }
            String id = m.group(1);
            Result r = check(url, id, size, expectedActions);
            String verify = BenchService.get(services.get(services.size() - 1), "/api/audit/verify");
            if (!verify.contains("\"valid\":true")) {
                throw new IllegalStateException("audit chain does not verify: " + verify);
            }
            System.out.printf(Locale.ROOT, "%-22s HTTP %6.2f s, evaluation %6.2f s (%,.0f matters/s), actions %d new %d,"
                            + " chunks by replica %s; audit chain valid%n", name, http, r.seconds(), size / r.seconds(),
                    r.planned(), r.fresh(), r.chunks().values());
            csv.add(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.3f,%.1f,%d,%d,%s", name, replicas, size, http,
                    r.seconds(), size / r.seconds(), r.planned(), r.fresh(),
                    r.chunks().values().toString().replace(",", " ")));
            if (replicas > 1) {
                // the same day again, triggered on the other replica: nothing new
                String again = BenchService.evaluate(services.get(1), "{\"asOf\":\"" + AS_OF + "\",\"includeActions\":false}");
                if (!again.contains("\"actionsNew\":0")) {
                    throw new IllegalStateException("the second run recorded new actions: "
                            + again.substring(0, Math.min(300, again.length())));
                }
                System.out.println("                       second run of the day on replica 2: 0 new actions");
            }
            return r.planned();
        } finally {
            for (ServiceProcess s : services) {
                s.close();
            }
        }
    }

    private record Result(double seconds, long planned, long fresh, Map<String, Long> chunks) {
    }

    /** Each matter checked once, each action recorded once, as many actions as a single instance recorded. */
    private static Result check(String url, String id, int size, long expectedActions) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            double seconds;
            long planned;
            long fresh;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, matters_evaluated, actions_planned, actions_new,"
                    + " TIMESTAMPDIFF(MICROSECOND, started_at, finished_at) FROM evaluation WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!"DONE".equals(rs.getString(1)) || rs.getInt(2) != size) {
                        throw new IllegalStateException("evaluation " + rs.getString(1) + " with " + rs.getInt(2) + " matters");
                    }
                    planned = rs.getLong(3);
                    fresh = rs.getLong(4);
                    seconds = rs.getLong(5) / 1e6;
                }
            }
            long checked = scalar(c, "SELECT COUNT(*) FROM audit_entry WHERE kind = 'CHECKED' AND evaluation_id = ?", id);
            long distinct = scalar(c, "SELECT COUNT(DISTINCT matter_number) FROM audit_entry WHERE kind = 'CHECKED'"
                    + " AND evaluation_id = ?", id);
            long actions = scalar(c, "SELECT COUNT(*) FROM planned_action WHERE evaluation_id = ?", id);
            long outbox = scalar(c, "SELECT COUNT(*) FROM outbox WHERE evaluation_id = ?", id);
            long outboxActions = scalar(c, "SELECT COUNT(DISTINCT action_id) FROM outbox WHERE evaluation_id = ?", id);
            if (checked != size || distinct != size) {
                throw new IllegalStateException(checked + " CHECKED entries for " + distinct + " matters; expected "
                        + size + " of each");
            }
            if (actions != planned || fresh != planned || outbox != outboxActions
                    || (expectedActions >= 0 && actions != expectedActions)) {
                throw new IllegalStateException("actions " + actions + ", planned " + planned + ", new " + fresh
                        + ", outbox rows " + outbox + " for " + outboxActions + " actions; a single instance recorded "
                        + expectedActions);
            }
            Map<String, Long> chunks = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT owner, COUNT(*) FROM work_lease WHERE evaluation_id = ? GROUP BY owner ORDER BY owner")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunks.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return new Result(seconds, planned, fresh, chunks);
        }
    }

    private static long scalar(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String slug(String s) {
        return s.replaceAll("\\W+", "-");
    }
}
