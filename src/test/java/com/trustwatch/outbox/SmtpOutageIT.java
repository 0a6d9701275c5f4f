package com.trustwatch.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.trustwatch.support.Api;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.Received;
import com.trustwatch.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail server is down: evaluations still record everything, delivery attempts fail and back off,
 * and when the server is back each message goes out exactly once. A message that keeps failing
 * becomes a dead letter in the exception queue, and one with nobody to send it to dies at once.
 */
@MicronautTest(transactional = false)
class SmtpOutageIT extends IntegrationTest {

    static final int MAX_ATTEMPTS = 3;
    static final int BASE = 60;
    static final int CAP = 600;
    static final List<String> FIRST = List.of("M-2024-0847", "M-2025-0112", "M-2025-0113");
    static final List<String> SECOND = List.of("M-2025-0309", "M-2025-0415");

    /** This class's own mail server, on a port kept for it: stopped, the port refuses connections. */
    static final int SMTP_PORT = freePort();
    GreenMail smtp;

    @Inject
    Dispatcher dispatcher;
    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("javamail.properties.mail.smtp.port", Integer.toString(SMTP_PORT),
                "trustwatch.mail.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "trustwatch.mail.retry-base-seconds", Integer.toString(BASE),
                "trustwatch.mail.retry-cap-seconds", Integer.toString(CAP));
    }

    /** Every test starts with the mail server down. */
    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    // ---- the outage so far, step by step -----------------------------------------------------------

    /** The demo book with Henderson 2000.00 lower: the first three matters and the second two are low. */
    private Fixture aLowBook() {
        return given().theDemoRoster().drawdown("M-2024-0847", "2000.00", "2026-11-12", "Hearing preparation");
    }

    /** The first three matters evaluated while the mail server is down, and the first delivery attempt failed. */
    private String firstAttemptFailed() {
        Fixture firm = aLowBook();
        String evaluation = firm.evaluate("2026-11-20", FIRST.toArray(String[]::new)).json().get("id").toString();
        firm.dispatched();
        return evaluation;
    }

    /** ...and the second attempt, made when it was due, failed too. */
    private String secondAttemptFailed() throws Exception {
        String evaluation = firstAttemptFailed();
        clock.set(latestNextAttempt().plusSeconds(1).toInstant(ZoneOffset.UTC));
        dispatcher.dispatchNow();
        return evaluation;
    }

    /**
     * The second two matters evaluated while the mail server is down, every message tried until it died,
     * and the first dead letter resolved by a billing manager who sent it by hand. Returns that item.
     */
    private Map<String, Object> aResolvedDeadLetter() throws Exception {
        aLowBook().evaluatedAsOf("2026-11-20", SECOND.toArray(String[]::new));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            dispatcher.dispatchNow();
            if (attempt < MAX_ATTEMPTS) {
                clock.set(latestNextAttempt().plusSeconds(1).toInstant(ZoneOffset.UTC));
            }
        }
        Map<String, Object> letter = api().get("billing", "/api/exceptions?kind=DEAD_LETTER&status=OPEN").list().get(0);
        assertThat(api().postJson("billing", "/api/exceptions/" + letter.get("id") + "/resolve",
                Map.of("note", "Mail server was down for a week; sent by hand from Outlook")).status()).isEqualTo(200);
        return letter;
    }

    @Test
    @DisplayName("with the mail server down an evaluation still succeeds, and each delivery attempt is recorded as failed with a backoff")
    void evaluationSucceedsWhileSmtpIsDown() throws Exception {
        Api.Reply reply = aLowBook().evaluate("2026-11-20", FIRST.toArray(String[]::new));
        String firstEvaluation = reply.json().get("id").toString();
        assertThat((List<?>) reply.json().get("actions")).isNotEmpty();
        long rows = count("SELECT COUNT(*) FROM outbox");
        assertThat(rows).isGreaterThanOrEqualTo(5);

        dispatcher.dispatchNow();
        LocalDateTime now = now();
        for (Map<String, Object> row : outbox()) {
            assertThat(row).containsEntry("state", "FAILED").containsEntry("attempts", 1);
            assertThat(row.get("last_error").toString()).contains("SMTP delivery failed").contains("Connection refused");
            long wait = Duration.between(now, (LocalDateTime) row.get("next_attempt_at")).toSeconds();
            assertThat(wait).as("first retry: between half of and the full base delay").isBetween(BASE / 2L, (long) BASE);
        }
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SEND_FAILED' AND detail LIKE 'attempt 1 failed:%'"))
                .isEqualTo(rows);
        assertThat(api().get("billing", "/api/evaluations/" + firstEvaluation).json().get("actions").toString())
                .contains("delivery=FAILED");
        assertThat(dispatcher.dispatchNow()).as("nothing is due before its next attempt")
                .isEqualTo(new Dispatcher.Pass(0, 0, 0));
    }

    @Test
    @DisplayName("each retry waits longer: the second attempt fails and is pushed out by one to two base delays")
    void retriesBackOff() throws Exception {
        firstAttemptFailed();
        clock.set(latestNextAttempt().plusSeconds(1).toInstant(ZoneOffset.UTC));
        dispatcher.dispatchNow();
        LocalDateTime now = now();
        for (Map<String, Object> row : outbox()) {
            assertThat(row).containsEntry("state", "FAILED").containsEntry("attempts", 2);
            long wait = Duration.between(now, (LocalDateTime) row.get("next_attempt_at")).toSeconds();
            assertThat(wait).isBetween((long) BASE, 2L * BASE);
        }
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SEND_FAILED'"))
                .isEqualTo(2 * count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    @DisplayName("when the mail server is back and the retry is due, every message is delivered exactly once")
    void deliveredOnceWhenSmtpIsBack() throws Exception {
        String firstEvaluation = secondAttemptFailed();
        startSmtp();
        assertThat(dispatcher.dispatchNow().sent()).as("not before the retry is due").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        clock.set(latestNextAttempt().plusSeconds(1).toInstant(ZoneOffset.UTC));
        dispatcher.dispatchNow();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state <> 'SENT'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE attempts <> 3")).isZero();
        Map<String, Integer> copies = Received.copiesById(smtp.getReceivedMessages());
        assertThat(copies).hasSize((int) count("SELECT COUNT(DISTINCT group_key) FROM outbox"));
        try (Connection c = db()) {
            assertThat(copies).isEqualTo(Received.expectedCopiesById(c));
        }
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> Received.recipients(m).contains("ap@atlaslogistics.example"))).hasSize(1);

        clock.advanceSeconds(24 * 3600);
        dispatcher.dispatchNow();
        assertThat(Received.copiesById(smtp.getReceivedMessages())).isEqualTo(copies);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT'")).isEqualTo(count("SELECT COUNT(*) FROM outbox"));
        assertThat(api().get("billing", "/api/evaluations/" + firstEvaluation).json().get("actions").toString())
                .doesNotContain("delivery=FAILED").contains("delivery=SENT");
    }

    @Test
    @DisplayName("after the last attempt a message is DEAD, in the exception queue as a dead letter, and visible over HTTP")
    void deadLetterAfterMaxAttempts() throws Exception {
        Api.Reply reply = aLowBook().evaluate("2026-11-20", SECOND.toArray(String[]::new));
        String evaluation = reply.json().get("id").toString();
        List<Long> rows = ids("SELECT id FROM outbox WHERE evaluation_id = '" + evaluation + "'");
        assertThat(rows).isNotEmpty();

        // the evaluation starts a pass of its own in the background; the outbox rows, not the passes, tell the story
        String in = rows.toString().replace('[', '(').replace(']', ')');
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            dispatcher.dispatchNow();
            assertThat(count("SELECT COUNT(*) FROM outbox WHERE attempts = " + attempt + " AND id IN " + in))
                    .isEqualTo(rows.size());
            if (attempt < MAX_ATTEMPTS) {
                assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'FAILED' AND id IN " + in)).isEqualTo(rows.size());
                clock.set(latestNextAttempt().plusSeconds(1).toInstant(ZoneOffset.UTC));
            }
        }
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'DEAD' AND attempts = " + MAX_ATTEMPTS
                + " AND id IN " + in)).isEqualTo(rows.size());
        assertThat(count("SELECT COUNT(*) FROM exception_item WHERE kind = 'DEAD_LETTER' AND status = 'OPEN'"
                + " AND severity = 'HIGH'")).isEqualTo(rows.size());
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'DEAD_LETTER'")).isEqualTo(rows.size());

        List<Map<String, Object>> dead = api().get("billing", "/api/outbox?state=DEAD").list();
        assertThat(dead).hasSize(rows.size()).allSatisfy(o -> {
            assertThat(o).containsEntry("attempts", MAX_ATTEMPTS).containsEntry("state", "DEAD");
            assertThat(o.get("lastError").toString()).contains("Connection refused");
            assertThat(SECOND).contains(o.get("matterNumber").toString());
        });
        List<Map<String, Object>> letters = api().get("billing", "/api/exceptions?kind=DEAD_LETTER&status=OPEN").list();
        assertThat(letters).hasSize(rows.size());
        assertThat(letters).extracting(x -> ((Number) x.get("actionId")).longValue())
                .containsExactlyInAnyOrderElementsOf(dead.stream().map(o -> ((Number) o.get("actionId")).longValue()).toList());
        assertThat(letters.get(0).get("summary").toString()).startsWith("Undelivered ").contains("after 3 attempt(s)");

        clock.advanceSeconds(7 * 24 * 3600);
        assertThat(dispatcher.dispatchNow()).as("a dead letter is never retried on its own")
                .isEqualTo(new Dispatcher.Pass(0, 0, 0));

        long item = ((Number) letters.get(0).get("id")).longValue();
        assertThat(api().postJson("billing", "/api/exceptions/" + item + "/resolve",
                Map.of("note", "Mail server was down for a week; sent by hand from Outlook")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a request with no recipient address on file goes DEAD at the first attempt, saying why")
    void noRecipientIsDeadAtOnce() throws Exception {
        startSmtp();
        Map<String, Object> matter = new HashMap<>();
        matter.put("matterName", "Nobody to ask");
        matter.put("clientId", "C-4040");
        matter.put("clientName", "Silent Client LLC");
        matter.put("billingContactName", "Unknown");
        matter.put("attorneyName", "Sarah Kim");
        matter.put("attorneyEmail", "skim@firm.example");
        matter.put("feeType", "HOURLY");
        matter.put("retainerType", "EVERGREEN");
        matter.put("status", "OPEN");
        matter.put("trustBalance", "600.00");
        matter.put("originalRetainer", "5000.00");
        matter.put("floor", "2000.00");
        matter.put("monthlyBilling", "3000.00");
        matter.put("lastReconciledOn", "2026-11-01");
        assertThat(api().putJson("billing", "/api/matters/M-2026-4040", matter).status()).isEqualTo(201);
        LocalDateTime today = now();
        Api.Reply reply = api().postJson("scheduler", "/api/evaluations",
                Map.of("asOf", today.toLocalDate().toString(), "matters", List.of("M-2026-4040")));
        assertThat(reply.status()).isEqualTo(200);

        dispatcher.dispatchNow();
        List<Map<String, Object>> rows = api().get("admin", "/api/outbox?matter=M-2026-4040").list();
        Map<String, Object> request = rows.stream().filter(o -> "REPLENISHMENT_REQUEST".equals(o.get("actionType")))
                .findFirst().orElseThrow();
        assertThat(request).containsEntry("state", "DEAD").containsEntry("attempts", 1)
                .doesNotContainKey("to"); // an empty list is left out of the JSON
        assertThat(request.get("lastError").toString())
                .isEqualTo("no recipient address on file for REPLENISHMENT_REQUEST on M-2026-4040"
                        + " (check the matter's contacts or the firm settings)");
        assertThat(rows).filteredOn(o -> !"REPLENISHMENT_REQUEST".equals(o.get("actionType")))
                .as("the matter's internal messages have someone to go to and are sent")
                .isNotEmpty().allSatisfy(o -> assertThat(o).containsEntry("state", "SENT"));
        assertThat(api().get("billing", "/api/exceptions?kind=DEAD_LETTER&matter=M-2026-4040").list())
                .singleElement().satisfies(x -> assertThat(x.get("summary").toString())
                        .contains("after 1 attempt(s): no recipient address on file"));
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    @Test
    @DisplayName("a dead letter sent again over HTTP goes back to the dispatcher: dying again reopens its resolved item, and once the server is up it is delivered once")
    void deadLetterSentAgain() throws Exception {
        Map<String, Object> resolved = aResolvedDeadLetter();
        long action = ((Number) resolved.get("actionId")).longValue();
        Map<String, Object> letter = api().get("billing", "/api/outbox?state=DEAD").list().stream()
                .filter(o -> ((Number) o.get("actionId")).longValue() == action).findFirst().orElseThrow();
        long row = ((Number) letter.get("id")).longValue();

        Api.Reply again = api().postJson("billing", "/api/outbox/" + row + "/retry", Map.of("note", "mail server fixed?"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.list()).extracting(o -> o.get("id")).contains((int) row);
        assertThat(again.list()).allSatisfy(o -> assertThat(o).containsEntry("state", "PENDING").containsEntry("attempts", 0));
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'DELIVERY_REQUEUED' AND actor = 'billing'"
                + " AND action_id = " + action)).isEqualTo(1);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            dispatcher.dispatchNow();
            if (attempt < MAX_ATTEMPTS) {
                clock.set(latestNextAttempt().plusSeconds(1).toInstant(ZoneOffset.UTC));
            }
        }
        assertThat(api().get("billing", "/api/exceptions/" + resolved.get("id")).json())
                .as("the resolved item reopens when the message dies again")
                .containsEntry("status", "OPEN").doesNotContainKey("handledBy");

        startSmtp();
        assertThat(api().postJson("admin", "/api/outbox/" + row + "/retry", Map.of()).status()).isEqualTo(200);
        dispatcher.dispatchNow();
        assertThat(api().get("billing", "/api/outbox?state=SENT").list()).extracting(o -> ((Number) o.get("id")).longValue())
                .contains(row);
        assertThat(Received.copiesById(smtp.getReceivedMessages())).hasSize(1).containsValue(
                Received.recipients(smtp.getReceivedMessages()[0]).size());

        Api.Reply sent = api().postJson("billing", "/api/outbox/" + row + "/retry", Map.of());
        assertThat(sent.status()).isEqualTo(409);
        assertThat(sent.json().get("message").toString()).contains("outbox row " + row + " is SENT: only a DEAD row");
        assertThat(api().postJson("billing", "/api/outbox/999999/retry", Map.of()).status()).isEqualTo(404);
        assertThat(api().postJson("scheduler", "/api/outbox/" + row + "/retry", Map.of()).status()).isEqualTo(403);
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private LocalDateTime latestNextAttempt() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(next_attempt_at) FROM outbox WHERE state = 'FAILED'")) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class);
        }
    }

    private List<Map<String, Object>> outbox() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, state, attempts, next_attempt_at, last_error FROM outbox ORDER BY id")) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("id", rs.getLong(1));
                row.put("state", rs.getString(2));
                row.put("attempts", rs.getInt(3));
                row.put("next_attempt_at", rs.getObject(4, LocalDateTime.class));
                row.put("last_error", rs.getString(5));
                out.add(row);
            }
        }
        return out;
    }

    private List<Long> ids(String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
