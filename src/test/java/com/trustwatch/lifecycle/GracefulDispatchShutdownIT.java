package com.trustwatch.lifecycle;

import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.StallingSmtpServer;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestDatabase;
import com.trustwatch.support.Api;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while the dispatcher is sending. The real service runs in a JVM of its own against an SMTP
 * server that takes a message and holds back its "250 OK" until the test releases it. The test sends
 * SIGTERM while a message is on the wire, waits until the service drains, then releases the server:
 * the message in flight is marked SENT, no other group is claimed, and the process exits by itself.
 */
@MicronautTest(transactional = false)
class GracefulDispatchShutdownIT extends IntegrationTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TestClock clock;

    @BeforeAll
    void setUp() throws Exception {
        clock.set(LocalDate.of(2026, 11, 20)); // no date in the roster may be after the firm's today
        assertThat(new Api(http.toBlocking()).postCsv("billing", "/api/matters/import", demoRoster()).status()).isEqualTo(200);
        clock.set(LocalDate.of(2000, 1, 3)); // this application's own dispatcher finds nothing due
    }

    @Test
    @DisplayName("SIGTERM during a send: the message on the wire is finished and recorded SENT, nothing else is claimed, the process exits on its own")
    void sigtermLetsTheSendFinish() throws Exception {
        Map<String, Long> atTerm;
        try (StallingSmtpServer smtp = new StallingSmtpServer();
             ServiceProcess service = ServiceProcess.start("graceful-dispatch-it-service", serviceProperties(smtp),
                     Duration.ofSeconds(240))) {
            HttpResponse<String> evaluation = service.postJson("scheduler", PASSWORD, "/api/evaluations",
                    "{\"asOf\": \"2026-11-20\", \"includeActions\": false}");
            assertThat(evaluation.statusCode()).as(evaluation.body()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((count("SELECT COUNT(*) FROM outbox WHERE state = 'SENDING'") == 0 || smtp.swallowed().isEmpty())
                    && System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service is alive:\n%s", service.logTail()).isTrue();
                Thread.sleep(100);
            }
            assertThat(smtp.swallowed()).as("a message waits for its 250:\n%s", service.logTail()).hasSize(1);
            atTerm = states();
            assertThat(atTerm).containsKeys("SENDING", "PENDING");

            service.terminate();
            assertThat(service.awaitLog("stopping: waiting for [a dispatcher pass]", Duration.ofSeconds(60)))
                    .as("the service drains:\n%s", service.logTail()).isTrue();
            smtp.release();
            Integer exit = service.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as("the process ended by itself:\n%s", service.logTail()).isNotNull();
            assertThat(service.log()).contains("a dispatcher pass has ended").doesNotContain("Timeout hit in graceful shutdown");
            assertThat(smtp.swallowed()).as("no other message was started").hasSize(1);
        }
        Map<String, Long> after = states();
        assertThat(after).doesNotContainKey("SENDING");
        assertThat(after.get("SENT")).as("the rows of the message in flight").isEqualTo(atTerm.get("SENDING"));
        assertThat(after.get("PENDING")).as("the rest wait for the next start").isEqualTo(atTerm.get("PENDING"));
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT'")).isEqualTo(atTerm.get("SENDING"));
        assertThat(new Api(http.toBlocking()).get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    private Map<String, Long> states() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM outbox GROUP BY state")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private Map<String, String> serviceProperties(StallingSmtpServer smtp) {
        Map<String, String> p = new LinkedHashMap<>();
        p.putAll(checkpointProperties());
        p.put("datasources.default.url", jdbcUrl);
        p.put("datasources.default.username", TestDatabase.user());
        p.put("datasources.default.password", TestDatabase.password());
        p.put("trustwatch.mail.mode", "smtp");
        p.put("trustwatch.mail.dispatch-interval", "1h");
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        p.put("javamail.properties.mail.smtp.port", Integer.toString(smtp.port()));
        // the held-back 250 must not time out before the test releases it
        p.put("javamail.properties.mail.smtp.timeout", "180000");
        p.put("trustwatch.health.mail-check-interval", "1h");
        p.put("trustwatch.firm.billing-manager-email", "billing.manager@firm.example");
        p.put("trustwatch.firm.practice-group-leader-email", "pgl@firm.example");
        p.put("trustwatch.firm.managing-partner-email", "managing.partner@firm.example");
        p.put("trustwatch.firm.bookkeeper-email", "bookkeeper@firm.example");
        p.put("micronaut.lifecycle.graceful-shutdown.grace-period", "120s");
        p.put("trustwatch.security.users.scheduler.password", PASSWORD_HASH);
        p.put("trustwatch.security.users.scheduler.roles", "SCHEDULER");
        return p;
    }
}
