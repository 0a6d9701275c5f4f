package com.trustwatch.evaluation;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path as a firm would use it, against real MariaDB and a real SMTP server: import the
 * roster, record ledger events, preview, evaluate, receive the client's email, look at the audit.
 */
@MicronautTest(transactional = false)
class EndToEndIT extends IntegrationTest {

    static final String HENDERSON = "M-2024-0847";

    @Inject
    Dispatcher dispatcher;

    @Inject
    Clock clock;

    /** Seed 000: the demo book, and Henderson's two drawdowns that leave 1240.00 against a 2500.00 floor. */
    private Fixture hendersonAt1240() {
        return given().theDemoRoster()
                .drawdown(HENDERSON, "1200.00", "2026-10-28", "October fees")
                .drawdown(HENDERSON, "800.00", "2026-11-12", "Hearing preparation");
    }

    @Test
    @DisplayName("a roster with a bad row is refused whole, naming each line and column, and nothing is imported")
    void badRosterChangesNothing() throws Exception {
        String csv = demoRoster().replace("M-2025-0201,Chen Estate planning,C-300,Wei Chen,,Wei Chen,wei.chen@example.net",
                "M-2025-0201,Chen Estate planning,C-300,Wei Chen,TIER_9,Wei Chen,not-an-email");
        Api.Reply reply = api().postCsv("billing", "/api/matters/import", csv);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("message").toString())
                .contains("line 5, client_tier: 'TIER_9' is not one of TIER_1, TIER_2, TIER_3")
                .contains("line 5, billing_contact_email: 'not-an-email' is not an email address");
        assertThat(count("SELECT COUNT(*) FROM matter")).isZero();
    }

    @Test
    @DisplayName("the demo roster imports, and drawdowns move Henderson's balance to 1240.00")
    void importAndLedger() throws Exception {
        Api.Reply imported = api().postCsv("billing", "/api/matters/import", demoRoster());
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json()).containsEntry("rows", 12).containsEntry("created", 12);
        assertThat(api().postJson("billing", "/api/matters/M-2024-0847/transactions",
                Map.of("type", "DRAWDOWN", "amount", "1200.00", "date", "2026-10-28", "description", "October fees")).status())
                .isEqualTo(201);
        Api.Reply second = api().postJson("billing", "/api/matters/M-2024-0847/transactions",
                Map.of("type", "DRAWDOWN", "amount", "800.00", "date", "2026-11-12", "description", "Hearing preparation"));
        assertThat(second.json()).containsEntry("balanceAfter", "1240.00");
        assertThat(api().get("billing", "/api/matters/M-2024-0847").json()).containsEntry("trustBalance", "1240.00");
        // enums are stored by name, so reordering an enum can never change what a row means
        assertThat(count("SELECT COUNT(*) FROM matter WHERE fee_type = 'HOURLY' AND status = 'OPEN'"
                + " AND retainer_type = 'EVERGREEN' AND matter_number = 'M-2024-0847'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ledger_transaction WHERE type = 'DRAWDOWN'")).isEqualTo(2);
    }

    @Test
    @DisplayName("bad ledger values are refused with the field named, and the balance does not move")
    void badTransactions() throws Exception {
        hendersonAt1240();
        Api.Reply negative = api().postJson("billing", "/api/matters/M-2024-0847/transactions",
                Map.of("type", "DRAWDOWN", "amount", "-10.00", "date", "2026-11-13"));
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().get("message").toString()).contains("amount: '-10.00' is negative");
        Api.Reply badType = api().postJson("billing", "/api/matters/M-2024-0847/transactions",
                Map.of("type", "WITHDRAWAL", "amount", "10.00", "date", "13/11/2026"));
        assertThat(badType.json().get("message").toString())
                .contains("type: 'WITHDRAWAL' is not one of DEPOSIT, DRAWDOWN, REFUND")
                .contains("date: '13/11/2026' is not a date (expected YYYY-MM-DD)");
        Api.Reply badJurisdiction = api().putJson("billing", "/api/matters/M-2099-0001", Map.of("matterName", "X",
                "clientId", "C-1", "clientName", "Y", "feeType", "HOURLY", "retainerType", "EVERGREEN", "status", "OPEN",
                "trustBalance", "100.00", "jurisdiction", "US-XX"));
        assertThat(badJurisdiction.status()).isEqualTo(422);
        assertThat(badJurisdiction.json().get("message").toString()).contains("jurisdiction: unknown jurisdiction 'US-XX'");
        // the balance moves at once, so an entry dated ahead (2062 for 2026) would show money moved that has not
        Api.Reply ahead = api().postJson("billing", "/api/matters/M-2024-0847/transactions",
                Map.of("type", "DEPOSIT", "amount", "5000.00", "date", "2062-11-13"));
        assertThat(ahead.status()).isEqualTo(422);
        assertThat(ahead.json().get("message").toString()).contains("date: 2062-11-13 is after today (2026-11-20 in the"
                + " firm's time zone); a ledger entry is dated on or before the day it is recorded");
        Map<String, Object> henderson = new java.util.LinkedHashMap<>(api().get("billing", "/api/matters/M-2024-0847").json());
        henderson.keySet().retainAll(java.util.Set.of("matterName", "clientId", "clientName", "feeType", "retainerType",
                "status", "trustBalance"));
        henderson.put("lastDepositOn", "2062-11-02");
        Api.Reply depositAhead = api().putJson("billing", "/api/matters/M-2024-0847", henderson);
        assertThat(depositAhead.status()).isEqualTo(422);
        assertThat(depositAhead.json().get("message").toString()).contains("lastDepositOn: 2062-11-02 is after today"
                + " (2026-11-20 in the firm's time zone); a matter's dates record what has happened");
        assertThat(api().get("billing", "/api/matters/M-2024-0847").json()).containsEntry("trustBalance", "1240.00")
                .doesNotContainEntry("lastDepositOn", "2062-11-02");
        assertThat(api().get("billing", "/api/matters/M-2099-0001").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a deposit entered late, dated before the last one, leaves the last deposit and replenishment dates where they were")
    void lateDepositDoesNotMoveDatesBack() throws Exception {
        hendersonAt1240();
        assertThat(api().postJson("billing", "/api/matters/M-2024-0847/transactions", Map.of("type", "DEPOSIT",
                "amount", "500.00", "date", "2026-11-15")).status()).isEqualTo(201);
        assertThat(api().postJson("billing", "/api/matters/M-2024-0847/transactions", Map.of("type", "DEPOSIT",
                "amount", "250.00", "date", "2026-11-03")).status()).isEqualTo(201);
        assertThat(api().get("billing", "/api/matters/M-2024-0847").json()).containsEntry("trustBalance", "1990.00")
                .containsEntry("lastDepositOn", "2026-11-15").containsEntry("lastReplenishedOn", "2026-11-15");
    }

    @Test
    @DisplayName("a dry run shows what a real run would do, changes nothing in the book, and can be read again")
    void dryRunChangesNothing() throws Exception {
        hendersonAt1240();
        long audit = count("SELECT COUNT(*) FROM audit_entry");
        Api.Reply reply = api().postJson("scheduler", "/api/evaluations", Map.of("dryRun", true, "asOf", "2026-11-20"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("dryRun", true).containsEntry("mattersEvaluated", 12)
                .containsEntry("status", "DONE");
        assertThat(henderson(reply)).containsEntry("amount", "3760.00").containsEntry("outcome", "NEW")
                .doesNotContainKey("delivery").containsEntry("note",
                        "Not recorded yet: a real run now would record it and send it to dana@henderson.example.");
        assertThat(actions(reply, "M-2023-0990")).as("the closed Kim matter still holds 850.00")
                .anySatisfy(a -> assertThat(a).containsEntry("type", "COMPLIANCE_FLAG")
                        .containsEntry("code", "UNEARNED_FUNDS_NOT_RETURNED")
                        .hasEntrySatisfying("citation", c -> assertThat(c.toString()).isNotBlank()));
        assertThat(count("SELECT COUNT(*) FROM planned_action")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM low_balance_episode")).isZero();
        assertThat(count("SELECT COUNT(*) FROM exception_item")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry")).isEqualTo(audit);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE dry_run = FALSE")).isZero();
        assertThat(TestMail.server().getReceivedMessages()).isEmpty();
        // the dry run itself is kept (for a while), so the console and a scheduler can read it again
        Api.Reply again = api().get("billing", "/api/evaluations/" + reply.json().get("id"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("dryRun", true).containsEntry("actionsNew", reply.json().get("actionsNew"));
        assertThat(henderson(again)).containsEntry("outcome", "NEW");
    }

    @Test
    @DisplayName("seed 000: the real run emails Henderson's billing contact a request for 3760.00 from the attorney of record")
    void realRunSendsTheRequest() throws Exception {
        hendersonAt1240();
        Api.Reply reply = api().postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("dryRun", false).containsEntry("status", "DONE");
        assertThat(henderson(reply)).containsEntry("band", "BREACH").containsEntry("severity", "HIGH").containsEntry("ruleId", "RP-020")
                .containsEntry("outcome", "NEW");
        dispatcher.dispatchNow();

        MimeMessage mail = Arrays.stream(TestMail.server().getReceivedMessages())
                .filter(m -> recipients(m).contains("dana@henderson.example")).findFirst().orElseThrow();
        assertThat(recipients(mail)).containsExactly("dana@henderson.example");
        assertThat(mail.getFrom()[0].toString()).contains("Maria Lopez");
        assertThat(mail.getReplyTo()[0].toString()).isEqualTo("mlopez@firm.example");
        assertThat(mail.getHeader("Message-ID")[0]).startsWith("<tw-");
        assertThat(mail.getSentDate().toInstant()).as("the Date header comes from the service's clock, not the machine's")
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Henderson Matter").contains("M-2024-0847").contains("$1,240.00")
                .contains("$2,500.00").contains("$3,760.00").contains("$5,000.00")
                .contains("https://pay.firm.example/trust?matter=M-2024-0847&amount=3760.00")
                .contains("October fees").contains("Hearing preparation");

        String id = reply.json().get("id").toString();
        Api.Reply past = api().get("billing", "/api/evaluations/" + id);
        assertThat(henderson(past)).containsEntry("delivery", "SENT");
    }

    @Test
    @DisplayName("the same day's evaluation run again records nothing new and sends nothing again")
    void secondRunIsIdempotent() throws Exception {
        hendersonAt1240().evaluatedAsOf("2026-11-20").dispatched();
        int mails = TestMail.server().getReceivedMessages().length;
        long actions = count("SELECT COUNT(*) FROM planned_action");
        Api.Reply again = api().postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20"));
        assertThat(again.json()).containsEntry("actionsNew", 0);
        // the open episode remembers that the stage-1 request went out: it is not proposed again
        assertThat(actions(again, "M-2024-0847")).extracting(a -> a.get("type"))
                .doesNotContain("REPLENISHMENT_REQUEST").contains("INTERNAL_ALERT");
        assertThat(actions(again, "M-2024-0847")).extracting(a -> a.get("outcome")).containsOnly("ALREADY_RECORDED");
        dispatcher.dispatchNow();
        assertThat(count("SELECT COUNT(*) FROM planned_action")).isEqualTo(actions);
        assertThat(TestMail.server().getReceivedMessages()).hasSize(mails);
    }

    @Test
    @DisplayName("the audit chain verifies, and one altered byte in the database is caught at its entry")
    void auditVerifiesAndCatchesTampering() throws Exception {
        hendersonAt1240().evaluatedAsOf("2026-11-20").dispatched();
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
        List<Map<String, Object>> trail = api().get("ethics", "/api/audit?matter=M-2024-0847").list();
        assertThat(trail).extracting(e -> e.get("kind")).contains("TRANSACTION_RECORDED", "CHECKED", "ACTION_PLANNED", "SENT");
        // the planned request's detail writes its amount and its reason's figures in dollars
        assertThat(trail).filteredOn(e -> "ACTION_PLANNED".equals(e.get("kind"))
                        && e.get("detail").toString().startsWith("REPLENISHMENT_REQUEST")).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString()).contains(" amount $3,760.00 to ")
                        .endsWith("; Balance $1,240.00 is below the threshold of $2,500.00 (fee-agreement floor);"
                                + " requesting $3,760.00 to restore $5,000.00 (original retainer)"));
        assertThat(trail).filteredOn(e -> "TRANSACTION_RECORDED".equals(e.get("kind")))
                .anySatisfy(e -> assertThat(e.get("detail")).isEqualTo("DRAWDOWN of $1,200.00 on 2026-10-28; balance now $2,040.00"));
        assertThat(trail).filteredOn(e -> "CHECKED".equals(e.get("kind"))).first()
                .satisfies(e -> assertThat(e.get("detail").toString()).startsWith("checked: balance $1,240.00, floor $2,500.00,"));
        long seq = count("SELECT MIN(seq) FROM audit_entry WHERE kind = 'ACTION_PLANNED'"
                + " AND matter_number = 'M-2024-0847' AND detail LIKE '%amount $3,760.00%'");
        try (Connection c = db(); Statement s = c.createStatement()) {
            // one byte: the last digit of the amount requested
            assertThat(s.executeUpdate("UPDATE audit_entry SET detail = REPLACE(detail, 'amount $3,760.00', 'amount $3,760.01')"
                    + " WHERE seq = " + seq)).isEqualTo(1);
        }
        Map<String, Object> verdict = api().get("ethics", "/api/audit/verify").json();
        assertThat(verdict).containsEntry("valid", false);
        assertThat(((Number) verdict.get("firstBrokenSeq")).longValue()).isEqualTo(seq);
    }

    @Test
    @DisplayName("every endpoint needs credentials (401), and the wrong role is refused (403)")
    void accessControl() {
        assertThat(api().get(null, "/api/matters").status()).isEqualTo(401);
        assertThat(api().postJson(null, "/api/evaluations", Map.of()).status()).isEqualTo(401);
        assertThat(api().get(null, "/api/audit/verify").status()).isEqualTo(401);
        assertThat(api().get(null, "/api/rules").status()).isEqualTo(401);
        assertThat(api().postJson("billing", "/api/evaluations", Map.of("dryRun", true)).status()).isEqualTo(403);
        assertThat(api().get("scheduler", "/api/matters").status()).isEqualTo(403);
        assertThat(api().get("billing", "/api/audit/verify").status()).isEqualTo(403);
        assertThat(api().postCsv("ethics", "/api/matters/import", "x").status()).isEqualTo(403);
        assertThat(api().get("ethics", "/api/rules").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("PUT creates a matter (201), PUT again replaces it (200), and GET /api/matters lists the book")
    void putAndList() {
        given().theDemoRoster();
        Map<String, Object> matter = new java.util.HashMap<>(Map.of("matterName", "Quinn estate", "clientId", "C-1200",
                "clientName", "Quinn Family", "feeType", "HOURLY", "retainerType", "EVERGREEN", "status", "OPEN",
                "trustBalance", "4000.00", "floor", "1500.00", "jurisdiction", "us-wa"));
        Api.Reply created = api().putJson("billing", "/api/matters/M-2026-0001", matter);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("jurisdiction", "US-WA").containsEntry("trustBalance", "4000.00")
                .containsEntry("floor", "1500.00").containsEntry("monthlyBilling", null);
        matter.put("floor", "2000");
        Api.Reply replaced = api().putJson("billing", "/api/matters/M-2026-0001", matter);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).containsEntry("floor", "2000.00");
        assertThat(api().get("billing", "/api/matters").list()).extracting(m -> m.get("matterNumber"))
                .contains("M-2024-0847", "M-2026-0001").hasSize(13);
        Api.Reply mismatch = api().putJson("billing", "/api/matters/M-2026-0001",
                Map.of("matterNumber", "M-2026-0002", "matterName", "x"));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.json().get("message").toString()).contains("does not match the path")
                .contains("clientId: is required");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> henderson(Api.Reply reply) {
        return ((List<Map<String, Object>>) reply.json().get("actions")).stream()
                .filter(a -> "M-2024-0847".equals(a.get("matterNumber")) && "REPLENISHMENT_REQUEST".equals(a.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no Henderson request in " + reply.json().get("actions")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(Api.Reply reply, String matter) {
        return ((List<Map<String, Object>>) reply.json().get("actions")).stream()
                .filter(a -> matter.equals(a.get("matterNumber"))).toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
