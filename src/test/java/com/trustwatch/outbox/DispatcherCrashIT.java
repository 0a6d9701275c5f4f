package com.trustwatch.outbox;

import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.Received;
import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.StallingSmtpServer;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of dispatching. The real service runs in a JVM of its own against this
 * test's database and a mail server that takes a message and never acknowledges it; while that
 * message hangs on the wire the process is killed. This test's own application (same database,
 * working mail server) then takes over once the claim lease has run out: nothing is lost, and the
 * one message that may have reached the mail server twice carries the same Message-ID both times.
 */
@MicronautTest(transactional = false)
class DispatcherCrashIT extends IntegrationTest {

    static final String AS_OF = "2026-11-20";
    static final int CLAIM_SECONDS = 300;

    @Inject
    Dispatcher dispatcher;
    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        // the clock is set to 2000 (nothing due) while the test evaluates as of 2026-11-20
        return Map.of("trustwatch.mail.claim-seconds", Integer.toString(CLAIM_SECONDS),
                "trustwatch.input.as-of-past-days", "36500", "trustwatch.input.as-of-future-days", "36500");
    }

    /**
     * The demo book with Henderson 2000.00 lower, and this application's clock in the year 2000: nothing the
     * other process writes is due here until the test moves the clock, so this application's own scheduled
     * pass (5 s after start) cannot dispatch first.
     */
    private void aLowBookAndAClockInTheYear2000() {
        // the book is written on a day after its dates (no date on it may be after the firm's today), then the clock goes back
        given().today(LocalDate.of(2026, 11, 20))
                .theDemoRoster()
                .drawdown("M-2024-0847", "2000.00", "2026-11-12", "Hearing preparation")
                .today(LocalDate.of(2000, 1, 3));
    }

    @Test
    @DisplayName("a dispatcher killed with SIGKILL while a message is on the wire loses nothing; the possible duplicate has the same Message-ID")
    void killDuringDispatchLosesNothing() throws Exception {
        aLowBookAndAClockInTheYear2000();
        List<String> swallowed;
        Map<String, Long> atKill;
        long pid;
        try (StallingSmtpServer stalling = new StallingSmtpServer();
             ServiceProcess service = ServiceProcess.start("dispatcher-crash-it-service", serviceProperties(stalling),
                     Duration.ofSeconds(240))) {
            pid = service.pid();
            HttpResponse<String> evaluation = service.postJson("scheduler", PASSWORD, "/api/evaluations",
                    "{\"asOf\": \"" + AS_OF + "\"}");
            assertThat(evaluation.statusCode()).as(evaluation.body()).isEqualTo(200);
            assertThat(evaluation.body()).contains("\"status\":\"DONE\"");

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((count("SELECT COUNT(*) FROM outbox WHERE state = 'SENDING'") == 0 || stalling.swallowed().isEmpty())
                    && System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service is alive:\n%s", service.logTail()).isTrue();
                Thread.sleep(100);
            }
            assertThat(stalling.swallowed()).as("a message hangs on the wire:\n%s", service.logTail()).isNotEmpty();
            atKill = states();
            assertThat(atKill).as("one group claimed and in flight, the rest still waiting").containsKeys("SENDING", "PENDING");
            service.kill();
            assertThat(service.isAlive()).isFalse();
            swallowed = stalling.swallowedMessageIds();
        }
        System.out.println("killed service " + pid + " with outbox " + atKill + "; unacknowledged on the wire: " + swallowed);
        assertThat(states()).as("the kill changed nothing in the database").isEqualTo(atKill);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE status = 'DONE'")).isEqualTo(1);

        // this application takes over once the lease of the dead process's claim has run out
        clock.set(latest("SELECT MAX(next_attempt_at) FROM outbox"));
        assertThat(dispatcher.dispatchNow().sent()).as("the claim of the dead process is still leased")
                .isEqualTo((int) count("SELECT COUNT(DISTINCT group_key) FROM outbox WHERE state = 'SENT'"));
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'SENDING'")).isEqualTo(atKill.get("SENDING"));
        clock.set(latest("SELECT MAX(claimed_until) FROM outbox WHERE state = 'SENDING'").plusSeconds(1));
        dispatcher.dispatchNow();

        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state <> 'SENT'")).as("nothing lost").isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE attempts = 2"))
                .as("only the rows in flight at the kill were attempted twice").isEqualTo(atKill.get("SENDING"));
        Map<String, Integer> copies = Received.copiesById(TestMail.server().getReceivedMessages());
        assertThat(copies).hasSize((int) count("SELECT COUNT(DISTINCT group_key) FROM outbox"));
        try (Connection c = db()) {
            assertThat(copies).as("each message delivered once here").isEqualTo(Received.expectedCopiesById(c));
        }
        assertThat(copies.keySet()).as("the message the dead process left on the wire went out again under the same Message-ID")
                .containsAll(swallowed);
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    /** This test's configuration, but mail goes to the server that never acknowledges. */
    private Map<String, String> serviceProperties(StallingSmtpServer stalling) {
        Map<String, String> p = configurationForAProcess();
        // the test's clock stands where nothing is due while it evaluates as of its fixed date, and the
        // service process runs on the real clock: the as-of window must reach both
        p.put("trustwatch.input.as-of-past-days", "36500");
        p.put("trustwatch.input.as-of-future-days", "36500");
        p.put("javamail.properties.mail.smtp.port", Integer.toString(stalling.port()));
        // the stalled "250 OK" must outlast the test, not time out into a FAILED row first
        p.put("javamail.properties.mail.smtp.timeout", "600000");
        return p;
    }

    private Map<String, Long> states() throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM outbox GROUP BY state")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private java.time.Instant latest(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
    }
}
