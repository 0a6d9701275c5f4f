package com.trustwatch.reports;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.Received;
import com.trustwatch.support.TestMail;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly email of the reports, end to end: triggered over HTTP as the scheduler does, queued in
 * the outbox, sent by the dispatcher through real SMTP (GreenMail) to the trust-account supervisor,
 * with the figures of the book and the CSVs the console downloads; once per month; a month that is not
 * over in the firm's time zone (Los Angeles here) refused naming the field; other roles refused.
 */
@MicronautTest(transactional = false)
class MonthlyReportsEmailIT extends IntegrationTest {

    static final String SUPERVISOR = "trust.supervisor@firm.example";
    static final String HENDERSON = "M-2024-0847";
    static final String CHEN = "M-2025-0201";
    /** 09:00 on December 1 in Los Angeles: November is over there. */
    static final Instant DECEMBER_1 = Instant.parse("2026-12-01T17:00:00Z");
    /** 22:00 on November 30 in Los Angeles, when it is already December 1 in UTC. */
    static final Instant NOVEMBER_30_EVENING = Instant.parse("2026-12-01T06:00:00Z");

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.reports.supervisor-email", SUPERVISOR,
                "trustwatch.reports.supervisor-name", "Dana Whitfield",
                "trustwatch.firm.time-zone", "America/Los_Angeles");
    }

    @Test
    @DisplayName("the supervisor receives November's three reports with the book's figures, and the three CSVs the console downloads attached")
    void supervisorReceivesTheReports() throws Exception {
        given().theDemoRoster()
                .drawdown(HENDERSON, "2000.00", "2026-11-12", "Hearing preparation")
                .deposit(CHEN, "1500.00", "2026-11-18", "Client payment")
                .evaluatedAsOf("2026-11-20").dispatched()
                .clockAt(Instant.parse("2026-11-24T18:00:00Z"))
                .deposit(HENDERSON, "3760.00", "2026-11-24", "Replenishment")
                .clockAt(DECEMBER_1);
        int before = TestMail.server().getReceivedMessages().length;

        Api.Reply reply = trigger("scheduler", "2026-11");
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(202);
        assertThat(reply.json()).containsEntry("month", "2026-11").containsEntry("to", SUPERVISOR)
                .containsEntry("queuedNow", true).containsEntry("requestedBy", "scheduler");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE channel = 'REPORT_EMAIL' AND state = 'PENDING'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'REPORT_QUEUED'")).isEqualTo(1);
        given().dispatched();

        List<MimeMessage> toSupervisor = toSupervisor();
        assertThat(toSupervisor).hasSize(1);
        assertThat(TestMail.server().getReceivedMessages()).hasSize(before + 1);
        MimeMessage mail = toSupervisor.get(0);
        assertThat(Received.recipients(mail)).containsExactly(SUPERVISOR);
        assertThat(mail.getSubject()).isEqualTo("Trust reports for November 2026, Trustwatch Demo LLP");
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        read(mail, text, files);

        // the ledger's November, worked out by hand: Henderson drew 2,000.00 and was paid 3,760.00, Chen paid 1,500.00
        assertThat(text.toString()).startsWith("Dear Dana Whitfield,")
                .contains("Deposits $5,260.00, drawdowns $2,000.00, refunds $0.00, on 2 matters.")
                .contains(HENDERSON + " (Henderson Family Trust): deposits $3,760.00, drawdowns $2,000.00, refunds $0.00")
                .contains(CHEN + " (Wei Chen): deposits $1,500.00, drawdowns $0.00, refunds $0.00")
                .contains("Trust aging as of December 1, 2026")
                // Henderson's request of November 20 was paid four days later, before stage 2
                .contains("1 paid; 4.0 days on average and 4 at the median from request to deposit");
        assertThat(files.keySet()).containsExactly("trust-activity-2026-11.csv", "trust-aging-2026-12-01.csv",
                "replenishment-performance-2026-12-01.csv");
        // the same figures as the Reports pages' downloads, byte for byte
        assertThat(new String(files.get("trust-activity-2026-11.csv"), StandardCharsets.UTF_8))
                .isEqualTo(download("/reports/activity?month=2026-11&format=csv"))
                .contains("\"TOTAL\",\"\",\"5260.00\",\"2000.00\",\"0.00\"");
        assertThat(new String(files.get("trust-aging-2026-12-01.csv"), StandardCharsets.UTF_8))
                .isEqualTo(download("/reports/trust-aging?format=csv"));
        String performance = download("/reports/replenishment?format=csv");
        assertThat(new String(files.get("replenishment-performance-2026-12-01.csv"), StandardCharsets.UTF_8))
                .isEqualTo(performance);
        long novemberRequests = performance.lines().filter(l -> l.contains("\"2026-11-20\"")).count();
        assertThat(novemberRequests).isPositive();
        assertThat(text.toString()).contains("Requests made in November 2026: " + novemberRequests + " request");

        Map<String, Object> row = api().get("admin", "/api/outbox?state=SENT").list().stream()
                .filter(o -> "REPORT_EMAIL".equals(o.get("channel"))).findFirst().orElseThrow();
        assertThat(row).containsEntry("actionType", "MONTHLY_REPORTS").containsEntry("groupKey", "monthly-reports:2026-11")
                .containsEntry("messageId", mail.getHeader("Message-ID")[0]);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT' AND detail LIKE '%monthly reports for 2026-11%'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a second trigger for the same month queues nothing, says when and by whom it was queued, and no second email goes out")
    void onceAMonth() throws Exception {
        given().theDemoRoster().clockAt(DECEMBER_1);
        assertThat(trigger("billing", "2026-11").status()).isEqualTo(202);
        given().dispatched();
        Api.Reply again = trigger("scheduler", "2026-11");
        assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
        assertThat(again.json()).containsEntry("queuedNow", false).containsEntry("requestedBy", "billing");
        assertThat(again.json().get("message").toString()).contains("were queued on").contains("nothing more was queued");
        given().dispatched();
        assertThat(toSupervisor()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE channel = 'REPORT_EMAIL'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM report_mail")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'REPORT_QUEUED'")).isEqualTo(1);
    }

    @Test
    @DisplayName("a month not over in the firm's time zone, a future month or a malformed one is refused naming month, and nothing is queued; no month means the last complete one")
    void monthIsStrict() throws Exception {
        given().theDemoRoster().clockAt(NOVEMBER_30_EVENING);
        Map<String, String> refused = Map.of(
                "2026-11", "is not over yet (today is 2026-11-30 in the firm's time zone)",
                "2026-12", "is in the future",
                "2027-01", "is in the future",
                "2026-13", "there is no month 13",
                "2026-1", "is not a month written as YYYY-MM",
                "Nov 2026", "is not a month written as YYYY-MM",
                "1899-12", "is before 1900-01");
        refused.forEach((month, why) -> {
            Api.Reply reply = trigger("scheduler", month);
            assertThat(reply.status()).as("%s: %s", month, reply.body()).isEqualTo(400);
            assertThat(reply.json().get("errors").toString()).as(month).contains("field=month").contains(why);
        });
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM report_mail")).isZero();

        Api.Reply latest = trigger("admin", null);
        assertThat(latest.status()).as("%s", latest.body()).isEqualTo(202);
        assertThat(latest.json()).containsEntry("month", "2026-10");
    }

    @Test
    @DisplayName("attorneys and ethics counsel may not trigger the reports (403), and nothing is queued")
    void otherRolesRefused() throws Exception {
        given().theDemoRoster().clockAt(DECEMBER_1);
        assertThat(trigger("attorney", "2026-11").status()).isEqualTo(403);
        assertThat(trigger("ethics", "2026-11").status()).isEqualTo(403);
        assertThat(trigger(null, "2026-11").status()).isEqualTo(401);
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM report_mail")).isZero();
    }

    private Api.Reply trigger(String user, String month) {
        MutableHttpRequest<String> request = HttpRequest.POST("/api/reports/monthly"
                + (month == null ? "" : "?month=" + java.net.URLEncoder.encode(month, StandardCharsets.UTF_8)), "");
        if (user != null) {
            request.basicAuth(user, PASSWORD);
        }
        try {
            HttpResponse<Object> response = http.toBlocking().exchange(request, Argument.OBJECT_ARGUMENT);
            return new Api.Reply(response.code(), response.getBody().orElse(null));
        } catch (HttpClientResponseException e) {
            return new Api.Reply(e.getStatus().getCode(), e.getResponse().getBody(Argument.OBJECT_ARGUMENT).orElse(null));
        }
    }

    /** A report's CSV as the console serves it to the billing manager. */
    private String download(String path) {
        MutableHttpRequest<?> request = HttpRequest.GET(path).accept("text/csv");
        request.basicAuth("billing", PASSWORD);
        return http.toBlocking().retrieve(request, String.class);
    }

    private static List<MimeMessage> toSupervisor() {
        return Arrays.stream(TestMail.server().getReceivedMessages())
                .filter(m -> Received.recipients(m).contains(SUPERVISOR)).toList();
    }

    /** The plain-text part and the attachments (by file name) of a message. */
    private static void read(Part part, StringBuilder text, Map<String, byte[]> files) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                read(child, text, files);
            }
        } else if (part.getFileName() != null) {
            try (InputStream in = part.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                files.put(part.getFileName(), out.toByteArray());
            }
        } else if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        }
    }
}
