package com.trustwatch.ledger;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import com.trustwatch.webhook.WebhookSignature;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uncleared funds end to end: a check paid through the generic payment webhook clears five business
 * days later; money drawn against it before then is flagged (New York with its citation, elsewhere as a
 * product default); a wire, cleared at once, is not; once the check clears nothing new is flagged.
 */
@MicronautTest(transactional = false)
class UnclearedFundsIT extends IntegrationTest {

    static final String SECRET = "generic-shared-secret-0123456789";
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TestClock clock;

    Api api;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.payments.generic-webhook-secret", SECRET);
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    @Test
    @DisplayName("a drawdown against a check that has not cleared is a compliance flag: UF-001 with its citation in New York, UF-010 marked a product default elsewhere; a wire is not; after the check clears nothing new is flagged")
    void drawdownAgainstUnclearedFunds() {
        clock.set(MONDAY);
        saveMatter("2026-0901", "US-NY");
        saveMatter("2026-0902", "US-IL");
        saveMatter("2026-0903", "US-IL");
        pay("lp-901", "2026-0901", "check");
        pay("lp-902", "2026-0902", "check");
        pay("lp-903", "2026-0903", "wire");
        assertThat(api.get("billing", "/api/matters/2026-0901/transactions").list()).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("method", "check").containsEntry("clearsOn", "2026-11-09"));
        for (String m : List.of("2026-0901", "2026-0902", "2026-0903")) {
            Api.Reply d = api.postJson("billing", "/api/matters/" + m + "/transactions", Map.of("type", "DRAWDOWN",
                    "amount", "2500.00", "date", MONDAY.toString(), "description", "filing fees and expert"));
            assertThat(d.status()).as("%s", d.body()).isIn(200, 201);
        }

        List<Map<String, Object>> flags = flags(evaluate(MONDAY));
        assertThat(flags).filteredOn(f -> "2026-0901".equals(f.get("matterNumber"))).singleElement()
                .satisfies(f -> {
                    assertThat(f).containsEntry("ruleId", "UF-001").containsEntry("code", "UNCOLLECTED_FUNDS_DISBURSEMENT");
                    assertThat(f.get("citation").toString()).contains("Op. 737");
                    assertThat(f.get("reason").toString()).contains("have not cleared");
                });
        assertThat(flags).filteredOn(f -> "2026-0902".equals(f.get("matterNumber"))).singleElement()
                .satisfies(f -> {
                    assertThat(f).containsEntry("ruleId", "UF-010");
                    assertThat(f.get("reason").toString()).contains("not a rule it can cite");
                });
        assertThat(flags).as("a wire clears at once").noneMatch(f -> "2026-0903".equals(f.get("matterNumber")));

        // Tuesday 10 November: the checks cleared on the 9th, and the rules no longer see uncleared funds
        assertThat(flags(evaluate(LocalDate.of(2026, 11, 10)))).isEmpty();
    }

    private void pay(String id, String matter, String method) {
        String body = "{\"id\":\"" + id + "\",\"provider\":\"lawpay\",\"type\":\"payment.succeeded\",\"payment_id\":\"txn-" + id
                + "\",\"matter_number\":\"" + matter + "\",\"amount\":\"3000.00\",\"currency\":\"USD\",\"method\":\"" + method
                + "\",\"paid_on\":\"" + MONDAY + "\"}";
        String signature = WebhookSignature.sign(body, clock.instant().getEpochSecond(), SECRET);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.POST("/api/webhooks/payments/generic", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header(WebhookSignature.HEADER, signature), Map.class);
        assertThat(answer).containsEntry("outcome", "RECORDED");
    }

    private void saveMatter(String matter, String jurisdiction) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matterName", "Castillo Matter");
        m.put("clientId", "C-" + matter);
        m.put("clientName", "Rosa Castillo");
        m.put("billingContactName", "Rosa Castillo");
        m.put("billingContactEmail", "rosa@" + matter + ".example");
        m.put("attorneyName", "Maria Lopez");
        m.put("attorneyEmail", "mlopez@firm.example");
        m.put("feeType", "HOURLY");
        m.put("retainerType", "EVERGREEN");
        m.put("status", "OPEN");
        m.put("jurisdiction", jurisdiction);
        m.put("trustBalance", "1000.00");
        m.put("originalRetainer", "1000.00");
        m.put("floor", "500.00");
        m.put("lastReconciledOn", "2026-10-31");
        Api.Reply saved = api.putJson("billing", "/api/matters/" + matter, m);
        assertThat(saved.status()).as("%s", saved.body()).isIn(200, 201);
    }

    private Api.Reply evaluate(LocalDate asOf) {
        clock.set(asOf);
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", asOf.toString(),
                "matters", List.of("2026-0901", "2026-0902", "2026-0903")));
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> flags(Api.Reply reply) {
        Object actions = reply.json().get("actions");
        return actions == null ? List.of() : ((List<Map<String, Object>>) actions).stream()
                .filter(a -> "COMPLIANCE_FLAG".equals(a.get("type")))
                .filter(a -> "UNCOLLECTED_FUNDS_DISBURSEMENT".equals(a.get("code"))).toList();
    }
}
