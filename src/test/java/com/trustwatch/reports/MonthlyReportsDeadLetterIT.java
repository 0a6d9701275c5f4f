package com.trustwatch.reports;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.RefusingSmtpServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report email the mail server refuses for good is a dead letter like any other message: in the
 * outbox as DEAD with the server's reason, in the exception queue, on the Today page with "send
 * again", and audited.
 */
@MicronautTest(transactional = false)
class MonthlyReportsDeadLetterIT extends IntegrationTest {

    static final RefusingSmtpServer SMTP = start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        // the refusing server answers 550 for a mailbox whose local part starts with "gone"
        return Map.of("javamail.properties.mail.smtp.port", Integer.toString(SMTP.port()),
                "trustwatch.reports.supervisor-email", "gone.supervisor@firm.example");
    }

    @AfterAll
    void stop() throws IOException {
        SMTP.close();
    }

    @Test
    @DisplayName("a 550 for the supervisor makes the report email a dead letter at once, shown on Today with send again, in the queue and the audit trail")
    void refusedReportIsADeadLetter() throws Exception {
        given().theDemoRoster().clockAt(Instant.parse("2026-12-01T17:00:00Z"));
        assertThat(api().postJson("scheduler", "/api/reports/monthly?month=2026-11", Map.of()).status()).isEqualTo(202);
        given().dispatched();

        Map<String, Object> dead = api().get("admin", "/api/outbox?state=DEAD").list().stream()
                .filter(o -> "REPORT_EMAIL".equals(o.get("channel"))).findFirst().orElseThrow();
        assertThat(dead).containsEntry("attempts", 1).containsEntry("actionType", "MONTHLY_REPORTS");
        assertThat(dead.get("lastError").toString()).contains("550");
        assertThat(api().get("billing", "/api/exceptions?kind=DEAD_LETTER").list()).singleElement()
                .satisfies(x -> assertThat(x.get("summary").toString()).contains("REPORT_EMAIL").contains("550"));
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'DEAD_LETTER'")).isEqualTo(1);

        MutableHttpRequest<?> today = HttpRequest.GET("/today").accept("text/html");
        today.basicAuth("billing", PASSWORD);
        String page = http.toBlocking().retrieve(today, String.class);
        assertThat(page).contains("<td>MONTHLY_REPORTS</td>").contains("<td>REPORT_EMAIL</td>")
                .contains("/today/dead-letters/" + dead.get("id") + "/send-again");

        Api.Reply again = api().postJson("billing", "/api/outbox/" + dead.get("id") + "/retry", Map.of("note", "address fixed"));
        assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
        assertThat(again.list()).singleElement().satisfies(r -> assertThat(r).containsEntry("state", "PENDING"));
    }

    private static RefusingSmtpServer start() {
        try {
            return new RefusingSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
