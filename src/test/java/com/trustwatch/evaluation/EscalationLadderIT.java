package com.trustwatch.evaluation;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.trustwatch.support.Api;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000's escalation ladder across evaluations, against real MariaDB and a real SMTP server: the
 * request on day 0, the follow-up on business day 5, the escalation and pause-work notice on day 10,
 * counted in business days with a firm holiday; and the ladder stopping for a deposit that restores
 * the balance, a closed matter and a payment plan.
 */
@MicronautTest(transactional = false)
class EscalationLadderIT extends IntegrationTest {

    /** Monday: day 0. Tuesday 3 November is the firm's holiday, so business day 5 is Tuesday 10 November. */
    static final LocalDate DAY_0 = LocalDate.of(2026, 11, 2);
    static final String HOLIDAY = "2026-11-03";

    static final String UNPAID = "M-2026-0901";
    static final String DEPOSIT = "M-2026-0902";
    static final String CLOSING = "M-2026-0903";
    static final String PLAN = "M-2026-0904";

    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.firm.holidays", HOLIDAY);
    }

    // ---- the story so far, one named step per day ----------------------------------------------------

    /** Day 0: the four matters at Henderson's figures, each billing contact asked once. */
    private Fixture requestsSentOnDay0() {
        Fixture firm = given().today(DAY_0);
        for (String matter : List.of(UNPAID, DEPOSIT, CLOSING, PLAN)) {
            firm.matter(matter, henderson(matter));
        }
        return firm.evaluatedOn(DAY_0).dispatched();
    }

    /** ...then on Friday 6 November a deposit restores one balance, one matter closes, one agrees a payment plan. */
    private Fixture threeMattersChangedOnDay3() {
        Map<String, Object> closing = henderson(CLOSING);
        closing.put("status", "CLOSED");
        closing.put("closedOn", "2026-11-06");
        Map<String, Object> plan = henderson(PLAN);
        plan.put("paymentPlan", true);
        return requestsSentOnDay0().today(LocalDate.of(2026, 11, 6))
                .deposit(DEPOSIT, "1300.00", "2026-11-06", "Replenishment received")
                .matter(CLOSING, closing)
                .matter(PLAN, plan);
    }

    /** ...then Monday 9 November (business day 4) is evaluated: the three changed matters stop. */
    private Fixture stoppedOnDay4() {
        return threeMattersChangedOnDay3().evaluatedOn(LocalDate.of(2026, 11, 9)).dispatched();
    }

    /** ...then Tuesday 10 November (business day 5) is evaluated: the unpaid matter's follow-up goes out. */
    private Fixture followedUpOnDay5() {
        return stoppedOnDay4().evaluatedOn(LocalDate.of(2026, 11, 10)).dispatched();
    }

    /** ...then Monday 16 and Tuesday 17 November (business days 9 and 10) are evaluated: the escalation goes out. */
    private Fixture escalatedOnDay10() {
        return followedUpOnDay5().evaluatedOn(LocalDate.of(2026, 11, 16)).dispatched()
                .evaluatedOn(LocalDate.of(2026, 11, 17)).dispatched();
    }

    /** Seed 000's figures: 1240.00 in trust against a 2500.00 floor on a 5000.00 evergreen retainer. */
    static Map<String, Object> henderson(String matter) {
        String n = matter.substring(matter.length() - 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matterName", "Ladder matter " + n);
        m.put("clientId", "C-90" + n);
        m.put("clientName", "Client " + n);
        m.put("billingContactName", "Billing Contact " + n);
        m.put("billingContactEmail", client(matter));
        m.put("attorneyName", "Attorney " + n);
        m.put("attorneyEmail", attorney(matter));
        m.put("feeType", "HOURLY");
        m.put("retainerType", "EVERGREEN");
        m.put("status", "OPEN");
        m.put("trustBalance", "1240.00");
        m.put("originalRetainer", "5000.00");
        m.put("floor", "2500.00");
        m.put("lastReconciledOn", "2026-10-31");
        return m;
    }

    static String client(String matter) {
        return "client-" + matter.toLowerCase() + "@client.example";
    }

    static String attorney(String matter) {
        return "attorney-" + matter.toLowerCase() + "@firm.example";
    }

    @Test
    @DisplayName("day 0: each low matter's billing contact gets the request, and each opens a case at stage 1")
    void day0() throws Exception {
        Fixture firm = given().today(DAY_0);
        for (String matter : List.of(UNPAID, DEPOSIT, CLOSING, PLAN)) {
            firm.matter(matter, henderson(matter));
        }
        Api.Reply reply = firm.evaluateOn(DAY_0);
        firm.dispatched();
        for (String matter : List.of(UNPAID, DEPOSIT, CLOSING, PLAN)) {
            assertThat(actions(reply, matter)).extracting(a -> a.get("type")).contains("REPLENISHMENT_REQUEST");
            assertThat(mailsTo(client(matter))).hasSize(1);
            assertThat(caseOf(matter)).containsEntry("status", "OPEN").containsEntry("stage_sent", 1)
                    .containsEntry("episode_start", DAY_0.toString());
        }
    }

    @Test
    @DisplayName("day 3: a deposit restores one balance; one matter closes; one agrees a payment plan")
    void day3Changes() {
        threeMattersChangedOnDay3();
        assertThat(api().get("billing", "/api/matters/" + DEPOSIT).json()).containsEntry("trustBalance", "2540.00");
        assertThat(api().get("billing", "/api/matters/" + CLOSING).json()).containsEntry("status", "CLOSED")
                .containsEntry("closedOn", "2026-11-06");
        assertThat(api().get("billing", "/api/matters/" + PLAN).json()).containsEntry("paymentPlan", true);
    }

    @Test
    @DisplayName("Monday 9 November is only business day 4 (a weekend and the holiday are skipped): no follow-up yet, and the three changed matters stop with their reasons")
    void day4StopsAndWaits() throws Exception {
        Fixture firm = threeMattersChangedOnDay3();
        Api.Reply reply = firm.evaluateOn(LocalDate.of(2026, 11, 9));
        firm.dispatched();
        assertThat(actions(reply, UNPAID)).extracting(a -> a.get("type")).doesNotContain("ESCALATION");
        assertThat(mailsTo(client(UNPAID))).as("still only the day-0 request").hasSize(1);

        assertThat(caseOf(DEPOSIT)).containsEntry("status", "STOPPED").containsEntry("stopped_on", "2026-11-09")
                .containsEntry("stop_reason", "Balance $2,540.00 is back at or above the threshold of $2,500.00"
                        + " (fee-agreement floor): the low-balance episode of 2026-11-02 ends");
        assertThat(caseOf(CLOSING)).containsEntry("status", "STOPPED");
        assertThat(caseOf(CLOSING).get("stop_reason").toString())
                .startsWith("Matter closed on 2026-11-06 with a trust balance of $1,240.00");
        assertThat(caseOf(PLAN)).containsEntry("status", "STOPPED");
        assertThat(caseOf(PLAN).get("stop_reason").toString())
                .startsWith("Payment plan agreed with a trust balance of $1,240.00");

        for (Map.Entry<String, String> stop : Map.of(DEPOSIT, "ES-004", CLOSING, "ES-001", PLAN, "ES-002").entrySet()) {
            List<Map<String, Object>> trail = api().get("ethics", "/api/audit?matter=" + stop.getKey()).list();
            assertThat(trail).filteredOn(e -> "EPISODE_STOPPED".equals(e.get("kind"))).singleElement()
                    .satisfies(e -> assertThat(e.get("ruleId")).isEqualTo(stop.getValue()))
                    .satisfies(e -> assertThat(e.get("detail")).isEqualTo(caseOf(stop.getKey()).get("stop_reason")));
        }
        assertThat(caseOf(UNPAID)).containsEntry("status", "OPEN").containsEntry("stage_sent", 1);

        // the deposit ended DEPOSIT's episode: its BREACH item closed itself, with the reason; UNPAID's stays
        List<Map<String, Object>> deposit = api().get("billing", "/api/exceptions?matter=" + DEPOSIT).list();
        assertThat(deposit).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "RESOLVED")
                .containsEntry("handledBy", "trustwatch").containsEntry("concern", "balance"))
                .satisfies(i -> assertThat(i.get("handledNote").toString()).contains("Balance $2,540.00 is back at or above"));
        assertThat(api().get("billing", "/api/exceptions?status=OPEN&matter=" + UNPAID).list()).hasSize(1);
    }

    @Test
    @DisplayName("business day 5: the unpaid matter's billing contact gets the follow-up with the attorney on CC; the stopped matters get nothing")
    void day5FollowUp() throws Exception {
        Fixture firm = stoppedOnDay4();
        Api.Reply reply = firm.evaluateOn(LocalDate.of(2026, 11, 10));
        firm.dispatched();
        assertThat(actions(reply, UNPAID)).filteredOn(a -> "ESCALATION".equals(a.get("type"))).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("code", "CLIENT_FOLLOW_UP").containsEntry("ruleId", "EL-1")
                        .containsEntry("outcome", "NEW").containsEntry("amount", "3760.00"));

        MimeMessage followUp = mailsTo(client(UNPAID)).stream()
                .filter(m -> subject(m).startsWith("Reminder: trust retainer replenishment")).findFirst().orElseThrow();
        assertThat(Arrays.stream(followUp.getRecipients(MimeMessage.RecipientType.TO)).map(Object::toString))
                .containsExactly(client(UNPAID));
        assertThat(Arrays.stream(followUp.getRecipients(MimeMessage.RecipientType.CC)).map(Object::toString))
                .containsExactly(attorney(UNPAID));
        assertThat(followUp.getReplyTo()[0].toString()).isEqualTo(attorney(UNPAID));
        assertThat(GreenMailUtil.getBody(followUp)).contains("M-2026-0901").contains("$1,240.00").contains("$3,760.00")
                .contains("$5,000.00").contains("https://pay.firm.example/trust?matter=M-2026-0901&amount=3760.00");
        // the follow-up repeats the pay-by date of the day-0 request (5 business days, the holiday skipped)
        assertThat(GreenMailUtil.getBody(followUp)).contains("Please replenish by November 10, 2026");
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number = '" + UNPAID + "' AND deadline = '2026-11-10'"
                + " AND (type = 'REPLENISHMENT_REQUEST' OR code = 'CLIENT_FOLLOW_UP')")).isEqualTo(2);

        assertThat(caseOf(UNPAID)).containsEntry("status", "OPEN").containsEntry("stage_sent", 2);
        assertThat(api().get("ethics", "/api/audit?matter=" + UNPAID).list())
                .filteredOn(e -> "EPISODE_ADVANCED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString())
                        .isEqualTo("low-balance episode of 2026-11-02 advanced to stage 2 by ESCALATION CLIENT_FOLLOW_UP"));
        for (String stopped : List.of(DEPOSIT, CLOSING, PLAN)) {
            assertThat(mailsTo(client(stopped))).as("%s: only the day-0 request", stopped).hasSize(1);
            assertThat(actions(reply, stopped)).extracting(a -> a.get("type"))
                    .doesNotContain("ESCALATION", "PAUSE_WORK_NOTICE", "REPLENISHMENT_REQUEST");
        }
    }

    @Test
    @DisplayName("business day 5 evaluated again: nothing new is recorded and the follow-up is not sent twice")
    void day5AgainSendsNothing() throws Exception {
        Fixture firm = followedUpOnDay5();
        int mails = TestMail.server().getReceivedMessages().length;
        clock.advanceSeconds(3600);
        Api.Reply again = firm.evaluateOn(LocalDate.of(2026, 11, 10));
        firm.dispatched();
        assertThat(again.json()).containsEntry("actionsNew", 0);
        assertThat(actions(again, UNPAID)).extracting(a -> a.get("type")).doesNotContain("ESCALATION");
        assertThat(TestMail.server().getReceivedMessages()).hasSize(mails);
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number = '" + UNPAID
                + "' AND code = 'CLIENT_FOLLOW_UP'")).isEqualTo(1);
        assertThat(caseOf(UNPAID)).containsEntry("stage_sent", 2);
    }

    @Test
    @DisplayName("business day 10: the billing manager and the practice-group leader are alerted, and the attorney gets the pause-work notice")
    void day10Escalates() throws Exception {
        Fixture firm = followedUpOnDay5();
        Api.Reply day9 = firm.evaluateOn(LocalDate.of(2026, 11, 16));
        firm.dispatched();
        assertThat(actions(day9, UNPAID)).extracting(a -> a.get("type")).doesNotContain("PAUSE_WORK_NOTICE");
        assertThat(mailsWithSubject("unpaid replenishment request escalated")).isEmpty();

        Api.Reply reply = firm.evaluateOn(LocalDate.of(2026, 11, 17));
        firm.dispatched();
        assertThat(actions(reply, UNPAID)).filteredOn(a -> "NEW".equals(a.get("outcome")))
                .extracting(a -> a.get("ruleId")).contains("EL-2", "EL-3");

        MimeMessage escalation = mailsWithSubject("unpaid replenishment request escalated: Ladder matter 1 (M-2026-0901)")
                .stream().findFirst().orElseThrow();
        assertThat(Arrays.stream(escalation.getRecipients(MimeMessage.RecipientType.TO)).map(Object::toString))
                .containsExactly("billing.manager@firm.example", "pgl@firm.example");
        assertThat(GreenMailUtil.getBody(escalation)).contains("Stage 3 of the escalation ladder")
                .contains("unpaid after 10 business days");

        MimeMessage pause = mailsWithSubject("pause-work notice: Ladder matter 1 (M-2026-0901)").stream().findFirst()
                .orElseThrow();
        assertThat(Arrays.stream(pause.getRecipients(MimeMessage.RecipientType.TO)).map(Object::toString))
                .containsExactly(attorney(UNPAID));
        assertThat(GreenMailUtil.getBody(pause)).contains("Recommendation: stop work on the matter");

        assertThat(caseOf(UNPAID)).containsEntry("status", "OPEN").containsEntry("stage_sent", 3);
        assertThat(mailsTo(client(UNPAID))).as("the day-0 request and the day-5 follow-up").hasSize(2);
    }

    @Test
    @DisplayName("business day 11, still unpaid: the case becomes one exception-queue item for the billing manager, however often it is evaluated")
    void day11ExceptionQueue() throws Exception {
        Fixture firm = escalatedOnDay10();
        firm.evaluatedOn(LocalDate.of(2026, 11, 18)).dispatched();
        clock.advanceSeconds(3600);
        firm.evaluatedOn(LocalDate.of(2026, 11, 18)).dispatched();
        assertThat(count("SELECT COUNT(*) FROM exception_item WHERE matter_number = '" + UNPAID
                + "' AND summary LIKE 'LADDER_EXHAUSTED:%'")).isEqualTo(1);
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(Api.Reply reply, String matter) {
        return ((List<Map<String, Object>>) reply.json().get("actions")).stream()
                .filter(a -> matter.equals(a.get("matterNumber"))).toList();
    }

    /** Messages sent, once each (GreenMail keeps a copy per recipient; the Message-ID is the message's). */
    private static List<MimeMessage> sent() {
        Map<String, MimeMessage> byId = new LinkedHashMap<>();
        for (MimeMessage m : TestMail.server().getReceivedMessages()) {
            try {
                byId.putIfAbsent(m.getMessageID(), m);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(byId.values());
    }

    private static List<MimeMessage> mailsTo(String address) {
        return sent().stream().filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> mailsWithSubject(String part) {
        return sent().stream().filter(m -> subject(m).contains(part)).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> caseOf(String matter) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT status, stage_sent, episode_start,"
                + " stopped_on, stop_reason FROM low_balance_episode WHERE matter_number = ? ORDER BY id DESC")) {
            ps.setString(1, matter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a case for %s", matter).isTrue();
                Map<String, Object> row = new HashMap<>();
                row.put("status", rs.getString(1));
                row.put("stage_sent", rs.getInt(2));
                row.put("episode_start", rs.getString(3));
                row.put("stopped_on", rs.getString(4));
                row.put("stop_reason", rs.getString(5));
                return row;
            }
        }
    }
}
