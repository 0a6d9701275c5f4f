package com.trustwatch.lifecycle;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM in the middle of an evaluation. The real service runs in a JVM of its own; the test holds
 * locks that chunks need, waits until they are stuck on them, and sends SIGTERM. The service starts
 * draining; the test then lets the stuck chunks through. They are recorded whole, no later chunk is
 * started, the evaluation is marked FAILED saying why, the trigger is answered 503, and the process
 * exits by itself. Both paths are covered: the single path (one chunk after another, what H2 runs) and
 * the leased path with two workers (the default on MySQL/MariaDB), where each worker is stuck in a chunk.
 */
@MicronautTest(transactional = false)
class GracefulShutdownIT extends IntegrationTest {

    static final String AS_OF = "2026-11-20";
    static final int CHUNK = 4;
    /** Chunks of the leased run: small, so that chunks are left to withdraw after the two stuck ones. */
    static final int LEASED_CHUNK = 2;

    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        // the test's clock stands where nothing is due while it evaluates as of its fixed date. This JVM's own
        // context shares the database with the service process under test, so it is a replica too: polling, it
        // would lease and finish the chunks the stopping service withdraws, as a live replica should, and the
        // test would watch the wrong thing. It does not poll here (as in RulesetReplicasIT)
        return Map.of("trustwatch.input.as-of-past-days", "36500", "trustwatch.input.as-of-future-days", "36500",
                "trustwatch.evaluation.poll-interval", "1h");
    }

    @Test
    @DisplayName("SIGTERM during an evaluation on the single path: the chunk being recorded is finished, no further chunk starts, the evaluation says it stopped, and the process exits on its own")
    @SuppressWarnings("unchecked")
    void sigtermLetsTheChunkFinish() throws Exception {
        given().roster(demoRoster());
        clock.set(LocalDate.of(2000, 1, 3));
        Api api = api();
        List<String> secondChunk = column("SELECT matter_number FROM matter ORDER BY id LIMIT " + CHUNK + " OFFSET " + CHUNK);
        List<String> thirdChunk = column("SELECT matter_number FROM matter ORDER BY id LIMIT " + CHUNK + " OFFSET " + 2 * CHUNK);
        List<Map<String, Object>> planned = (List<Map<String, Object>>) api.postJson("scheduler", "/api/evaluations",
                Map.of("dryRun", true, "asOf", AS_OF)).json().get("actions");
        String blocked = planned.stream().filter(a -> secondChunk.contains(a.get("matterNumber")))
                .map(a -> (String) a.get("idempotencyKey")).findFirst().orElseThrow();
        assertThat(planned).as("the third chunk has work that must not be started")
                .anySatisfy(a -> assertThat(thirdChunk).contains((String) a.get("matterNumber")));

        try (Connection blocker = db(); ServiceProcess service = ServiceProcess.start("graceful-shutdown-it-service",
                serviceProperties(CHUNK, false), Duration.ofSeconds(240))) {
            blocker.setAutoCommit(false);
            holdKey(blocker, blocked);
            CompletableFuture<HttpResponse<String>> trigger = trigger(service);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(count("SELECT COUNT(*) FROM planned_action WHERE evaluation_id <> 'blocker'") > 0 && lockWaits() > 0)
                    && System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service is alive:\n%s", service.logTail()).isTrue();
                Thread.sleep(100);
            }
            assertThat(lockWaits()).as("the second chunk waits for the lock:\n%s", service.logTail()).isPositive();

            service.terminate();
            assertThat(service.awaitLog("stopping: waiting for", Duration.ofSeconds(60)))
                    .as("the service drains:\n%s", service.logTail()).isTrue();
            assertThat(service.isAlive()).as("still finishing its chunk").isTrue();
            blocker.rollback(); // the second chunk may go on

            Integer exit = service.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as("the process ended by itself:\n%s", service.logTail()).isNotNull();
            HttpResponse<String> answer = trigger.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("stopping").contains("trigger an evaluation again");
            assertThat(service.log()).contains("has ended").doesNotContain("Timeout hit in graceful shutdown");
        }
        String id = single("SELECT id FROM evaluation WHERE dry_run = FALSE");
        assertThat(single("SELECT status FROM evaluation WHERE id = '" + id + "'")).isEqualTo("FAILED");
        assertThat(single("SELECT failure FROM evaluation WHERE id = '" + id + "'")).contains("stopped after " + 2 * CHUNK + " matters");
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number IN (" + quoted(secondChunk) + ")"))
                .as("the second chunk was recorded whole").isEqualTo(planned.stream()
                        .filter(a -> secondChunk.contains(a.get("matterNumber"))).count());
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number IN (" + quoted(thirdChunk) + ")"))
                .as("the third chunk was not started").isZero();
        assertThat(api.get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    @Test
    @DisplayName("SIGTERM during a leased run with two workers (the default on MySQL/MariaDB): the two chunks in hand are finished, the chunks not yet leased are withdrawn, the evaluation says it stopped, and the process exits on its own")
    @SuppressWarnings("unchecked")
    void sigtermOnTheLeasedPathLetsTheChunksInHandFinish() throws Exception {
        given().roster(demoRoster());
        clock.set(LocalDate.of(2000, 1, 3));
        Api api = api();
        List<String> numbers = column("SELECT matter_number FROM matter ORDER BY id");
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += LEASED_CHUNK) {
            chunks.add(numbers.subList(i, Math.min(numbers.size(), i + LEASED_CHUNK)));
        }
        List<Map<String, Object>> planned = (List<Map<String, Object>>) api.postJson("scheduler", "/api/evaluations",
                Map.of("dryRun", true, "asOf", AS_OF)).json().get("actions");
        // workers lease chunks in order, so each stops at one of the first two chunks that have work
        List<Integer> withWork = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<String> chunk = chunks.get(i);
            if (planned.stream().anyMatch(a -> chunk.contains(a.get("matterNumber")))) {
                withWork.add(i);
            }
        }
        assertThat(withWork).as("two chunks to hold and work after them").hasSizeGreaterThanOrEqualTo(3);
        int last = withWork.get(1);
        List<String> later = numbers.subList((last + 1) * LEASED_CHUNK, numbers.size());

        try (Connection blocker = db(); ServiceProcess service = ServiceProcess.start("graceful-shutdown-leased-it-service",
                serviceProperties(LEASED_CHUNK, null), Duration.ofSeconds(240))) {
            blocker.setAutoCommit(false);
            for (int i : withWork.subList(0, 2)) {
                List<String> chunk = chunks.get(i);
                holdKey(blocker, planned.stream().filter(a -> chunk.contains(a.get("matterNumber")))
                        .map(a -> (String) a.get("idempotencyKey")).findFirst().orElseThrow());
            }
            CompletableFuture<HttpResponse<String>> trigger = trigger(service);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (lockWaits() < 2 && System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service is alive:\n%s", service.logTail()).isTrue();
                Thread.sleep(100);
            }
            assertThat(lockWaits()).as("both workers wait for a lock:\n%s", service.logTail()).isEqualTo(2);
            assertThat(service.log()).as("the run took the leased path").contains("offered to every replica");

            service.terminate();
            assertThat(service.awaitLog("stopping: waiting for", Duration.ofSeconds(60)))
                    .as("the service drains:\n%s", service.logTail()).isTrue();
            assertThat(service.isAlive()).as("still finishing its chunks").isTrue();
            blocker.rollback(); // the two chunks may go on

            Integer exit = service.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as("the process ended by itself:\n%s", service.logTail()).isNotNull();
            HttpResponse<String> answer = trigger.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("stopping").contains("trigger an evaluation again");
            assertThat(service.log()).contains("not yet leased withdrawn").contains("has ended")
                    .doesNotContain("Timeout hit in graceful shutdown");
        }
        // Which chunks end up recorded depends on InnoDB: the two inserts let go at once may deadlock on
        // the index gap between the held keys, and the loser's chunk goes back to the pool, where the
        // stopping service leaves it. What must hold in every case: the evaluation says how many matters
        // it recorded, those are exactly the finished chunks' matters, recorded whole, and nothing else.
        String id = single("SELECT id FROM evaluation WHERE dry_run = FALSE");
        assertThat(single("SELECT status FROM evaluation WHERE id = '" + id + "'")).isEqualTo("FAILED");
        List<String> done = new ArrayList<>();
        List<String> notDone = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String state = single("SELECT state FROM work_lease WHERE evaluation_id = '" + id + "' AND chunk_no = " + (i + 1));
            assertThat(state).as("chunk %d: nothing left for another replica to lease", i).isIn("DONE", "CANCELLED");
            ("DONE".equals(state) ? done : notDone).addAll(chunks.get(i));
        }
        assertThat(done).as("every chunk in hand at the stop was finished or rolled back whole").isNotEmpty();
        assertThat(notDone).as("the chunks not yet leased were withdrawn").containsAll(later);
        assertThat(single("SELECT failure FROM evaluation WHERE id = '" + id + "'"))
                .contains("stopped after " + done.size() + " matters");
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number IN (" + quoted(done) + ")"))
                .as("the finished chunks were recorded whole").isEqualTo(planned.stream()
                        .filter(a -> done.contains(a.get("matterNumber"))).count());
        assertThat(planned).as("the later chunks had work").anySatisfy(a -> assertThat(later).contains((String) a.get("matterNumber")));
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number IN (" + quoted(notDone) + ")"))
                .as("nothing of a withdrawn chunk was recorded").isZero();
        assertThat(api.get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    /** The scheduler's trigger of a real run, answered when the run ends (or the service stops it). */
    private static CompletableFuture<HttpResponse<String>> trigger(ServiceProcess service) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return service.postJson("scheduler", PASSWORD, "/api/evaluations", "{\"asOf\": \"" + AS_OF + "\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** @param partitioned {@code trustwatch.evaluation.partitioned}, or null for the service's default */
    private Map<String, String> serviceProperties(int chunkSize, Boolean partitioned) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        if (partitioned != null) {
            p.put("trustwatch.evaluation.partitioned", partitioned.toString());
        }
        p.putAll(checkpointProperties());
        p.put("datasources.default.url", jdbcUrl);
        p.put("datasources.default.username", TestDatabase.user());
        p.put("datasources.default.password", TestDatabase.password());
        p.put("trustwatch.evaluation.chunk-size", Integer.toString(chunkSize));
        p.put("trustwatch.mail.mode", "smtp");
        p.put("trustwatch.mail.dispatch-interval", "1h");
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        try (ServerSocket closed = new ServerSocket(0)) {
            p.put("javamail.properties.mail.smtp.port", Integer.toString(closed.getLocalPort())); // sends nothing
        }
        p.put("micronaut.lifecycle.graceful-shutdown.grace-period", "120s");
        p.put("trustwatch.security.users.scheduler.password", PASSWORD_HASH);
        p.put("trustwatch.security.users.scheduler.roles", "SCHEDULER");
        return p;
    }

    private static void holdKey(Connection c, String key) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO planned_action (idempotency_key, evaluation_id,"
                + " matter_number, client_id, type, balance, to_addresses, cc_addresses, bcc_addresses, rule_id,"
                + " rule_name, reason, episode, ruleset_version, created_at) VALUES (?, 'blocker', 'X', 'X',"
                + " 'INTERNAL_ALERT', 0, '', '', '', 'X', 'X', 'held by the test', 'X', 'X', CURRENT_TIMESTAMP)")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    private long lockWaits() throws Exception {
        return count("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'");
    }

    private List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private String single(String sql) throws Exception {
        List<String> values = column(sql);
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + v + "'").toList());
    }
}
