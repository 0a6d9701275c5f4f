package com.trustwatch.review;

import com.trustwatch.support.Api;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A firm that reviews every first request (trustwatch.requests.review-first-requests): nothing reaches
 * a client until a person releases it; a declined request never goes out and starts no ladder; a held
 * request whose episode ends first (the client paid) is withdrawn, audited with the reason. Each test
 * starts from two matters under their floor on day 0 ({@link #twoMattersOnDay0()}), most from their
 * requests held that day ({@link #bothRequestsHeld()}).
 */
@MicronautTest(transactional = false)
class ReviewEveryFirstRequestIT extends IntegrationTest {

    static final LocalDate DAY_0 = LocalDate.of(2026, 11, 2);
    static final String DECLINED = "M-2026-0951";
    static final String PAID = "M-2026-0952";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.requests.review-first-requests", "true", "trustwatch.firm.time-zone", "UTC");
    }

    /** Day 0 (Monday 2 November), two matters with 1,240.00 in trust under a floor of 2,500.00. */
    private Fixture twoMattersOnDay0() {
        return given().today(DAY_0).matter(DECLINED, matter(DECLINED)).matter(PAID, matter(PAID));
    }

    /** Day 0 evaluated and its mail sent: both first requests wait in the review list. */
    private Fixture bothRequestsHeld() {
        return twoMattersOnDay0().evaluatedOn(DAY_0).dispatched();
    }

    static Map<String, Object> matter(String number) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matterName", "Reviewed matter " + number);
        m.put("clientId", "C-" + number);
        m.put("clientName", "Client " + number);
        m.put("billingContactEmail", client(number));
        m.put("attorneyName", "Alex Roe");
        m.put("attorneyEmail", "aroe@firm.example");
        m.put("feeType", "HOURLY");
        m.put("retainerType", "EVERGREEN");
        m.put("status", "OPEN");
        m.put("trustBalance", "1240.00");
        m.put("originalRetainer", "5000.00");
        m.put("floor", "2500.00");
        m.put("lastReconciledOn", "2026-10-31");
        return m;
    }

    static String client(String number) {
        return "client-" + number.toLowerCase() + "@client.example";
    }

    @Test
    @DisplayName("with the firm setting on, both first requests wait for a person and neither client gets mail")
    void everyFirstRequestHeld() {
        twoMattersOnDay0().evaluatedOn(DAY_0).dispatched();
        List<Map<String, Object>> pending = api().get("billing", "/api/reviews").list();
        assertThat(pending).extracting(r -> r.get("matterNumber")).containsExactlyInAnyOrder(DECLINED, PAID);
        assertThat(pending).allSatisfy(r -> assertThat(r.get("holds").toString()).contains("FIRST_REQUEST_REVIEW"));
        assertThat(mailsTo(client(DECLINED)) + mailsTo(client(PAID))).isEqualTo(0L);
    }

    @Test
    @DisplayName("a declined request needs a reason, never goes out, and starts no ladder: ten business days later there is no follow-up")
    void declined() throws Exception {
        bothRequestsHeld();
        Object id = review(DECLINED).get("id");
        assertThat(api().postJson("attorney", "/api/reviews/" + id + "/decline", Map.of()).status()).isEqualTo(422);
        Api.Reply declined = api().postJson("attorney", "/api/reviews/" + id + "/decline",
                Map.of("reason", "The client wired funds this morning; the bank has not posted them yet"));
        assertThat(declined.status()).as("%s", declined.body()).isEqualTo(200);
        assertThat(declined.json()).containsEntry("state", "DECLINED").containsEntry("decidedBy", "attorney");
        assertThat(api().get("ethics", "/api/audit?matter=" + DECLINED).list())
                .filteredOn(e -> "REQUEST_DECLINED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString()).contains("for $3,760.00 declined: it will not be sent")
                        .contains("wired funds"));

        Fixture later = given();
        Api.Reply day10 = later.evaluateOn(LocalDate.of(2026, 11, 16));
        later.dispatched();
        assertThat(actions(day10, DECLINED)).extracting(a -> a.get("type"))
                .doesNotContain("ESCALATION", "PAUSE_WORK_NOTICE", "REPLENISHMENT_REQUEST");
        assertThat(mailsTo(client(DECLINED))).isEqualTo(0L);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE matter_number = '" + DECLINED + "' AND channel = 'CLIENT_EMAIL'"))
                .isZero();
    }

    @Test
    @DisplayName("a held request whose client paid before anyone released it is withdrawn with the episode's stop reason, and never goes out")
    void withdrawnWhenPaid() {
        bothRequestsHeld()
                .today(LocalDate.of(2026, 11, 17))
                .deposit(PAID, "3760.00", "2026-11-17", null)
                .evaluatedOn(LocalDate.of(2026, 11, 17))
                .dispatched();
        Map<String, Object> withdrawn = api().get("billing", "/api/reviews?state=WITHDRAWN&matter=" + PAID).list().get(0);
        assertThat(withdrawn).containsEntry("decidedBy", "trustwatch");
        assertThat(withdrawn.get("note").toString()).startsWith("Balance $5,000.00 is back at or above the threshold of $2,500.00");
        assertThat(api().get("ethics", "/api/audit?matter=" + PAID).list())
                .filteredOn(e -> "REQUEST_WITHDRAWN".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString()).isEqualTo("held REPLENISHMENT_REQUEST for $3,760.00 withdrawn"
                        + " before anyone released it: Balance $5,000.00 is back at or above the threshold of $2,500.00"
                        + " (fee-agreement floor): the low-balance episode of 2026-11-02 ends"));
        Api.Reply late = api().postJson("billing", "/api/reviews/" + withdrawn.get("id") + "/approve", Map.of());
        assertThat(late.status()).isEqualTo(409);
        given().dispatched();
        assertThat(mailsTo(client(PAID))).isEqualTo(0L);
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Map<String, Object> review(String matter) {
        return api().get("billing", "/api/reviews?matter=" + matter).list().get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(Api.Reply reply, String matter) {
        return ((List<Map<String, Object>>) reply.json().get("actions")).stream()
                .filter(a -> matter.equals(a.get("matterNumber"))).toList();
    }

    private static long mailsTo(String address) {
        return Arrays.stream(TestMail.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }
}
