package com.trustwatch.evaluation;

import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.Received;
import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 between two chunks of an evaluation. The real service runs in a JVM of its own with chunks of
 * six matters; the test holds a lock that one action of the second chunk needs, waits until the first
 * chunk is recorded and the second one is stuck on the lock, and kills the process. The first chunk's
 * actions are recorded for good (no later evaluation records them again) but their evaluation stays
 * RUNNING, which holds their messages back; once it has made no progress for abandon-after it is
 * marked FAILED and they are delivered. An evaluation run again covers the rest; nothing is lost or doubled.
 */
@MicronautTest(transactional = false)
class EvaluationCrashIT extends IntegrationTest {

    static final String AS_OF = "2026-11-20";
    static final int CHUNK = 6;

    @Override
    protected Map<String, String> extraProperties() {
        // the clock is set to 2000 (nothing due) while the test evaluates as of 2026-11-20
        // the single path, whose chunks are the killed process's alone: on the leased path (the default on
        // MariaDB) this test's own context would lease the killed run's second chunk once its lease ran out
        return Map.of("trustwatch.input.as-of-past-days", "36500", "trustwatch.input.as-of-future-days", "36500",
                "trustwatch.evaluation.partitioned", "false");
    }
    /** The demo roster's second half, in import order: the killed evaluation's second chunk. */
    static final Set<String> SECOND_CHUNK = Set.of("M-2025-0520", "M-2023-0990", "M-2025-0601", "M-2025-0702",
            "M-2025-0803", "M-2025-0904");

    @Inject
    Dispatcher dispatcher;
    @Inject
    AbandonedEvaluations abandoned;
    @Inject
    TestClock clock;

    /**
     * The demo book with Henderson 2000.00 lower, and this application's clock in the year 2000: nothing the
     * other process writes is due here until the test says so.
     */
    private void aLowBookAndAClockInTheYear2000() {
        // the book is written on a day after its dates (no date on it may be after the firm's today), then the clock goes back
        given().today(LocalDate.of(2026, 11, 20))
                .theDemoRoster()
                .drawdown("M-2024-0847", "2000.00", "2026-11-12", "Hearing preparation")
                .today(LocalDate.of(2000, 1, 3));
    }

    @Test
    @DisplayName("an evaluation killed between chunks: the recorded chunk is delivered once it is declared abandoned, a new run covers the rest, nothing is lost or sent twice")
    @SuppressWarnings("unchecked")
    void killBetweenChunksLosesNothing() throws Exception {
        aLowBookAndAClockInTheYear2000();
        List<Map<String, Object>> planned = (List<Map<String, Object>>) api().postJson("scheduler", "/api/evaluations",
                Map.of("dryRun", true, "asOf", AS_OF)).json().get("actions");
        Set<String> keys = new HashSet<>();
        planned.forEach(a -> keys.add((String) a.get("idempotencyKey")));
        String blocked = planned.stream().filter(a -> SECOND_CHUNK.contains(a.get("matterNumber")))
                .map(a -> (String) a.get("idempotencyKey")).findFirst().orElseThrow();

        String killed;
        try (Connection blocker = db(); ServiceProcess service = ServiceProcess.start("evaluation-crash-it-service",
                serviceProperties(), Duration.ofSeconds(240))) {
            blocker.setAutoCommit(false);
            holdKey(blocker, blocked); // uncommitted: the second chunk's INSERT waits for it
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    service.postJson("scheduler", PASSWORD, "/api/evaluations", "{\"asOf\": \"" + AS_OF + "\"}");
                } catch (Exception expected) {
                    // the process is killed before it answers
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(count("SELECT COUNT(*) FROM planned_action WHERE evaluation_id <> 'blocker'") > 0 && lockWaits() > 0)
                    && System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service is alive:\n%s", service.logTail()).isTrue();
                Thread.sleep(100);
            }
            assertThat(lockWaits()).as("the second chunk waits for the lock:\n%s", service.logTail()).isPositive();
            service.kill();
            blocker.rollback();
        }
        killed = single("SELECT id FROM evaluation WHERE status = 'RUNNING'");
        long firstChunk = count("SELECT COUNT(*) FROM planned_action");
        assertThat(firstChunk).isPositive().isLessThan(keys.size());
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number IN ("
                + String.join(",", SECOND_CHUNK.stream().map(m -> "'" + m + "'").toList()) + ")")).isZero();
        System.out.println("killed evaluation " + killed + " after its first chunk: " + firstChunk + " of "
                + keys.size() + " actions recorded");

        clock.set(latest("SELECT MAX(next_attempt_at) FROM outbox").plusSeconds(1));
        assertThat(dispatcher.dispatchNow().sent()).as("held back while the evaluation is RUNNING").isZero();
        assertThat(abandoned.release()).as("not abandoned before abandon-after (15 min)").isEmpty();

        clock.set(latest("SELECT COALESCE(progress_at, started_at) FROM evaluation WHERE id = '" + killed + "'")
                .plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertThat(abandoned.release()).containsExactly(killed);
        assertThat(single("SELECT status FROM evaluation WHERE id = '" + killed + "'")).isEqualTo("FAILED");
        assertThat(single("SELECT failure FROM evaluation WHERE id = '" + killed + "'")).startsWith("abandoned: no sign of life since")
                .contains("released for delivery");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EVALUATION_FAILED' AND evaluation_id = '"
                + killed + "'")).isEqualTo(1);
        dispatcher.dispatchNow();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state <> 'SENT'")).as("the first chunk is delivered").isZero();

        Api.Reply rerun = api().postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF));
        assertThat(rerun.status()).isEqualTo(200);
        assertThat(((Number) rerun.json().get("actionsNew")).longValue()).isEqualTo(keys.size() - firstChunk);
        dispatcher.dispatchNow();

        assertThat(count("SELECT COUNT(*) FROM planned_action")).isEqualTo(keys.size());
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state <> 'SENT'")).isZero();
        Map<String, Integer> copies = Received.copiesById(TestMail.server().getReceivedMessages());
        assertThat(copies).hasSize((int) count("SELECT COUNT(DISTINCT group_key) FROM outbox"));
        try (Connection c = db()) {
            assertThat(copies).as("one copy per recipient: nothing sent twice").isEqualTo(Received.expectedCopiesById(c));
        }
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    /** This test's configuration, in chunks of {@value CHUNK}, with a mail server that is not there. */
    private Map<String, String> serviceProperties() throws Exception {
        Map<String, String> p = configurationForAProcess();
        p.put("trustwatch.evaluation.chunk-size", Integer.toString(CHUNK));
        p.put("trustwatch.evaluation.partitioned", "false");
        // the test's clock stands where nothing is due while it evaluates as of its fixed date, and the
        // service process runs on the real clock: the as-of window must reach both
        p.put("trustwatch.input.as-of-past-days", "36500");
        p.put("trustwatch.input.as-of-future-days", "36500");
        try (ServerSocket closed = new ServerSocket(0)) {
            p.put("javamail.properties.mail.smtp.port", Integer.toString(closed.getLocalPort())); // sends nothing
        }
        return p;
    }

    /** Inserts, without committing, a planned action under the key: an INSERT of the same key waits for it. */
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

    private String single(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private java.time.Instant latest(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
    }
}
