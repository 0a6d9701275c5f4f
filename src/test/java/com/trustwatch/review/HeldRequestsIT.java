package com.trustwatch.review;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.trustwatch.support.Api;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo book in a firm on US Pacific time, against real MariaDB and SMTP: the evaluation's default
 * as-of date is the firm's today (C); Okafor's request on a negative ledger and Patel's litigation
 * request wait in the review list instead of reaching the client (A3, D); an attorney approves one and
 * a billing manager amends the other, each audited; the released letters name a deadline counted from
 * the day of release, and the ladder counts from that day too (A5, D). The story is a chain of fixture
 * steps, each named for the state it leaves ({@link #heldOnFriday()}, {@link #okaforReleasedOnMonday()},
 * {@link #patelAmendedOnMonday()}); each test replays it up to the point it examines.
 */
@MicronautTest(transactional = false)
class HeldRequestsIT extends IntegrationTest {

    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    static final String OKAFOR = "M-2025-0415";
    static final String PATEL = "M-2025-0309";
    static final String HENDERSON = "M-2024-0847";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.firm.time-zone", "America/Los_Angeles");
    }

    /** {@code hour}:00 Pacific time on a day. */
    private static Instant at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, PACIFIC).toInstant();
    }

    /** The demo book at 15:00 Pacific on Friday 20 November, with Henderson's two drawdowns listed. */
    private Fixture theDemoBookOnFriday() {
        return given().clockAt(at(2026, 11, 20, 15))
                .theDemoRoster()
                .drawdown(HENDERSON, "1200.00", "2026-10-28", "October fees")
                .drawdown(HENDERSON, "800.00", "2026-11-12", "Hearing preparation");
    }

    /** Friday 16:00 Pacific: the run without an as-of date, its mail sent; Okafor's and Patel's requests wait for review. */
    private Fixture heldOnFriday() {
        return theDemoBookOnFriday().clockAt(at(2026, 11, 20, 16)).evaluatedToday().dispatched();
    }

    /** Monday 23 November, 10:00 Pacific: the attorney released Okafor's request, and its letter went out. */
    private Fixture okaforReleasedOnMonday() {
        return heldOnFriday().clockAt(at(2026, 11, 23, 10))
                .requestApproved(OKAFOR, "attorney", "Ledger checked with the bookkeeper")
                .dispatched();
    }

    /** Later on Monday: the billing manager amended Patel's request to 1,500.00, and its letter went out. */
    private Fixture patelAmendedOnMonday() {
        return okaforReleasedOnMonday()
                .requestAmended(PATEL, "billing", "1,500.00", "Expert report is paid from the settlement account")
                .dispatched();
    }

    @Test
    @DisplayName("a 16:00 run without an as-of date on Friday 20 November, Pacific time, evaluates the 20th (UTC is already on the 21st)")
    void firmTodayIsTheAsOfDate() {
        Fixture book = theDemoBookOnFriday().clockAt(at(2026, 11, 20, 16));
        Api.Reply reply = book.evaluateToday();
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("asOf", "2026-11-20").containsEntry("status", "DONE");
        book.dispatched();
        assertThat(action(reply, OKAFOR, "REPLENISHMENT_REQUEST")).containsEntry("delivery", "AWAITING_REVIEW")
                .containsEntry("heldFor", List.of("NEGATIVE_CLIENT_LEDGER")).containsEntry("amount", "12150.00");
        assertThat(action(reply, PATEL, "REPLENISHMENT_REQUEST")).containsEntry("delivery", "AWAITING_REVIEW")
                .containsEntry("heldFor", List.of("ATTORNEY_REVIEW_REQUIRED"));
        assertThat(action(reply, "M-2024-0847", "REPLENISHMENT_REQUEST")).as("not held: in the outbox at once")
                .containsEntry("delivery", "PENDING").doesNotContainKey("heldFor");
    }

    @Test
    @DisplayName("held requests never reach the client or the outbox; every other client gets its letter")
    void heldRequestsStayOut() throws Exception {
        heldOnFriday();
        assertThat(mailsTo("finance@okafor.example")).isEmpty();
        assertThat(mailsTo("anil.patel@example.org")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE matter_number IN ('" + OKAFOR + "', '" + PATEL + "')"
                + " AND channel = 'CLIENT_EMAIL'")).isZero();
        assertThat(mailsTo("dana@henderson.example")).hasSize(1);
        assertThat(mailsTo("ap@atlaslogistics.example")).hasSize(1);
        // the alerts about the held matters still go to the firm's people
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE matter_number = '" + OKAFOR + "' AND state = 'SENT'"))
                .isPositive();
    }

    @Test
    @DisplayName("Henderson's letter, read from real mail: projected from the listed drawdowns, US dates, the floor named as the fee agreement's")
    void hendersonLetter() throws Exception {
        heldOnFriday();
        assertThat(mailsTo("dana@henderson.example").get(0).getHeader("Date")[0])
                .as("dated by the service's clock in the firm's zone: 16:00 Pacific, though UTC is already on the 21st")
                .startsWith("Fri, 20 Nov 2026 16:00:").contains("-0800");
        String body = GreenMailUtil.getBody(mailsTo("dana@henderson.example").get(0));
        assertThat(body).contains("January 14, 2027").contains("fees were drawn over the last 90 days")
                .contains("October 28, 2026").contains("Hearing preparation")
                .contains("Please replenish by November 27, 2026")
                .contains("the minimum balance agreed in your fee agreement")
                .doesNotContain("not projected").doesNotContain("2026-11-27");
    }

    @Test
    @DisplayName("the review list shows both held requests with their reasons and figures; only attorneys, billing managers and admins see it")
    void reviewList() {
        heldOnFriday();
        List<Map<String, Object>> pending = api().get("attorney", "/api/reviews").list();
        assertThat(pending).extracting(r -> r.get("matterNumber")).containsExactlyInAnyOrder(OKAFOR, PATEL);
        Map<String, Object> okafor = review(OKAFOR);
        assertThat(okafor).containsEntry("state", "PENDING").containsEntry("balance", "-150.00")
                .containsEntry("threshold", "6000.00").containsEntry("thresholdBasis", "30 days of projected burn")
                .containsEntry("proposedAmount", "12150.00").containsEntry("ladderStage", 1);
        assertThat(okafor.get("holds").toString()).contains("NEGATIVE_CLIENT_LEDGER").contains("RP-022");
        assertThat(api().get("billing", "/api/reviews").status()).isEqualTo(200);
        assertThat(api().get("scheduler", "/api/reviews").status()).isEqualTo(403);
        assertThat(api().get("ethics", "/api/reviews").status()).isEqualTo(403);
        assertThat(api().postJson("scheduler", "/api/reviews/" + okafor.get("id") + "/approve", Map.of()).status())
                .isEqualTo(403);
        assertThat(api().get("attorney", "/api/reviews?state=LATER").status()).isEqualTo(422);
    }

    @Test
    @DisplayName("a review list limit below 1 or above 10,000 is refused naming limit, not read as another number")
    void reviewListLimit() {
        heldOnFriday();
        for (String limit : List.of("0", "-5", "10001")) {
            Api.Reply refused = api().get("attorney", "/api/reviews?limit=" + limit);
            assertThat(refused.status()).as("limit=%s: %s", limit, refused.body()).isEqualTo(422);
            assertThat(refused.body().toString()).contains("limit").contains("from 1 to 10000");
        }
        assertThat(api().get("attorney", "/api/reviews?limit=1").list()).hasSize(1);
        assertThat(api().get("attorney", "/api/reviews?limit=10000").list()).hasSize(2);
    }

    @Test
    @DisplayName("Monday 23 November: the attorney approves Okafor's request; it goes out asking to pay by November 30 (5 business days from the release), audited")
    void attorneyApproves() throws Exception {
        heldOnFriday().clockAt(at(2026, 11, 23, 10));
        Object id = review(OKAFOR).get("id");
        Api.Reply approved = api().postJson("attorney", "/api/reviews/" + id + "/approve", Map.of("note", "Ledger checked with the bookkeeper"));
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
        assertThat(approved.json()).containsEntry("state", "APPROVED").containsEntry("decidedBy", "attorney")
                .containsEntry("decidedOn", "2026-11-23").containsEntry("deadline", "2026-11-30")
                .containsEntry("amount", "12150.00");
        given().dispatched();
        MimeMessage letter = mailsTo("finance@okafor.example").get(0);
        String body = GreenMailUtil.getBody(letter);
        assertThat(body).contains("Please replenish by November 30, 2026")
                .contains("$6,000.00").contains("30 days of projected work at the matter's recent billing rate")
                .contains("none: the balance is already below zero").contains("-$150.00").contains("$12,150.00")
                .doesNotContain("fee agreement");
        assertThat(episode(OKAFOR)).containsEntry("ladder_from", "2026-11-23").containsEntry("deadline", "2026-11-30");
        assertThat(api().get("ethics", "/api/audit?matter=" + OKAFOR).list())
                .filteredOn(e -> "REQUEST_APPROVED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("actor", "attorney"))
                .satisfies(e -> assertThat(e.get("detail").toString()).contains("asks for $12,150.00 to restore $").contains("pay by 2026-11-30")
                        .contains("the escalation ladder counts from 2026-11-23").contains("Ledger checked"));
        Api.Reply again = api().postJson("billing", "/api/reviews/" + id + "/decline", Map.of("reason", "too late"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").toString()).contains("was approved by attorney");
    }

    @Test
    @DisplayName("the billing manager amends Patel's amount with a reason: a missing amount or reason is refused naming the field; the letter asks for 1,500.00")
    void billingManagerAmends() throws Exception {
        okaforReleasedOnMonday();
        Object id = review(PATEL).get("id");
        Api.Reply noAmount = api().postJson("billing", "/api/reviews/" + id + "/amend", Map.of("reason", "expert fees"));
        assertThat(noAmount.status()).isEqualTo(422);
        assertThat(noAmount.json().get("message").toString()).contains("amount: is required");
        Api.Reply noReason = api().postJson("billing", "/api/reviews/" + id + "/amend", Map.of("amount", "1500.00"));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("message").toString()).contains("reason: is required");
        Api.Reply zero = api().postJson("billing", "/api/reviews/" + id + "/amend", Map.of("amount", "0", "reason", "x"));
        assertThat(zero.json().get("message").toString()).contains("amount: must be more than 0");

        Api.Reply amended = api().postJson("billing", "/api/reviews/" + id + "/amend",
                Map.of("amount", "1,500.00", "reason", "Expert report is paid from the settlement account"));
        assertThat(amended.status()).as("%s", amended.body()).isEqualTo(200);
        assertThat(amended.json()).containsEntry("state", "AMENDED").containsEntry("amount", "1500.00")
                .containsEntry("proposedAmount", "2000.00").containsEntry("restoresTo", "3500.00");
        given().dispatched();
        String body = GreenMailUtil.getBody(mailsTo("anil.patel@example.org").get(0));
        assertThat(body).contains("$1,500.00").contains("restores the balance to $3,500.00")
                .contains("the minimum balance the firm keeps for litigation matters")
                .contains("Please replenish by November 30, 2026");
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number = '" + PATEL
                + "' AND type = 'REPLENISHMENT_REQUEST' AND amount = 1500.00 AND deadline = '2026-11-30'")).isEqualTo(1);
        assertThat(api().get("ethics", "/api/audit?matter=" + PATEL).list())
                .filteredOn(e -> "REQUEST_AMENDED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString()).contains("asks for $1,500.00 instead of $2,000.00 to restore $3,500.00")
                        .contains("Expert report"));
        assertThat(api().get("attorney", "/api/reviews").list()).as("Okafor's was released, Patel's amended").isEmpty();
    }

    @Test
    @DisplayName("the ladder counts from the release: no follow-up on Friday 27 November (day 4 after release), Okafor's follow-up on Monday 30 (day 5), held again for the negative ledger, naming November 30")
    void ladderFromTheRelease() {
        Fixture released = patelAmendedOnMonday().clockAt(at(2026, 11, 27, 9));
        Api.Reply friday = released.evaluate("2026-11-27");
        assertThat(actions(friday, OKAFOR)).extracting(a -> a.get("type")).doesNotContain("ESCALATION");
        Api.Reply monday = released.clockAt(at(2026, 11, 30, 9)).evaluate("2026-11-30");
        assertThat(action(monday, OKAFOR, "ESCALATION")).containsEntry("code", "CLIENT_FOLLOW_UP")
                .containsEntry("delivery", "AWAITING_REVIEW").containsEntry("heldFor", List.of("NEGATIVE_CLIENT_LEDGER"));
        Map<String, Object> followUp = review(OKAFOR);
        assertThat(followUp).containsEntry("ladderStage", 2).containsEntry("deadline", "2026-11-30");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Map<String, Object> review(String matter) {
        return api().get("attorney", "/api/reviews?matter=" + matter).list().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no pending review for " + matter));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(Api.Reply reply, String matter) {
        return ((List<Map<String, Object>>) reply.json().get("actions")).stream()
                .filter(a -> matter.equals(a.get("matterNumber"))).toList();
    }

    private static Map<String, Object> action(Api.Reply reply, String matter, String type) {
        return actions(reply, matter).stream().filter(a -> type.equals(a.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + matter + " in " + actions(reply, matter)));
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(TestMail.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private Map<String, Object> episode(String matter) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT ladder_from, deadline"
                + " FROM low_balance_episode WHERE matter_number = ? AND status = 'OPEN'")) {
            ps.setString(1, matter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Map.of("ladder_from", String.valueOf(rs.getString(1)), "deadline", String.valueOf(rs.getString(2)));
            }
        }
    }
}
