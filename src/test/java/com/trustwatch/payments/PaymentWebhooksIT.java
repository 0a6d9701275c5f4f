package com.trustwatch.payments;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestMail;
import com.trustwatch.webhook.WebhookSignature;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment webhooks against real MariaDB and SMTP, with Stripe's documented event shapes signed as
 * Stripe signs them: the Henderson ladder stopped by a payment, signature refusals, replays and the
 * second event of one payment, refusals into the exception queue, and the generic processor's webhook.
 * The firm's event receiver is a WireMock stand-in.
 */
@MicronautTest(transactional = false)
class PaymentWebhooksIT extends IntegrationTest {

    static final String STRIPE_SECRET = "whsec_test_5pM2c0nF1g";
    static final String GENERIC_SECRET = "generic-shared-secret-0123456789";
    /** Monday: day 0 of the Henderson ladder; business day 5 is Monday 9 November (no holiday). */
    static final LocalDate DAY_0 = LocalDate.of(2026, 11, 2);

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Dispatcher dispatcher;

    @Inject
    TestClock clock;

    Api api;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.payments.stripe-webhook-secret", STRIPE_SECRET,
                "trustwatch.payments.generic-webhook-secret", GENERIC_SECRET,
                "trustwatch.secrets.active-key-id", "k1",
                "trustwatch.secrets.keys.k1", "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGho=",
                "trustwatch.webhooks.allow-http", "true");
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    @Test
    @DisplayName("end to end: a Stripe checkout.session.completed for the Henderson matter after day 0 records the deposit, ends the episode (ES-004) and no follow-up goes out on day 5")
    void paymentStopsTheLadder() throws Exception {
        String matter = "2026-0042";
        receiver.stubFor(post(urlEqualTo("/hooks/trust")).willReturn(aResponse().withStatus(204)));
        Api.Reply sub = api.postJson("admin", "/api/webhooks/subscriptions", Map.of(
                "url", receiver.baseUrl() + "/hooks/trust", "events", List.of("request.paid", "request.sent")));
        assertThat(sub.status()).as("%s", sub.body()).isEqualTo(201);
        String eventSecret = (String) sub.json().get("secret");
        saveHenderson(matter, "henderson-1");
        // the same matter in another family's name, which does not pay: its ladder goes on, so the test can tell
        String unpaid = "2026-0043";
        saveHenderson(unpaid, "henderson-2");
        clock.set(DAY_0);
        Api.Reply day0 = evaluate(DAY_0, matter, unpaid);
        assertThat(actions(day0)).filteredOn(a -> matter.equals(a.get("matterNumber")))
                .extracting(a -> a.get("type")).contains("REPLENISHMENT_REQUEST");
        assertThat(mailsTo("dana@henderson-1.example")).hasSize(1);
        assertThat(episode(matter)).containsEntry("status", "OPEN");

        // day 3: Dana pays $3,760.00 through the payment link
        clock.set(LocalDate.of(2026, 11, 5));
        String event = stripeEvent("checkout.session.completed", "evt_1QxHenderson0001", "pi_3QxHenderson0001",
                matter, 376000, "usd", "paid");
        Reply paid = stripe(event, sign(event, STRIPE_SECRET, now()));
        assertThat(paid.status()).as("%s", paid.body()).isEqualTo(200);
        assertThat(paid.body()).containsEntry("outcome", "RECORDED").containsEntry("replayed", false);
        assertThat(api.get("billing", "/api/matters/" + matter).json()).containsEntry("trustBalance", "5000.00");
        assertThat(episode(matter)).containsEntry("status", "STOPPED");
        assertThat(episode(matter).get("stop_reason").toString())
                .startsWith("Balance $5,000.00 is back at or above the threshold of $2,500.00");
        List<Map<String, Object>> trail = api.get("ethics", "/api/audit?matter=" + matter).list();
        assertThat(trail).filteredOn(e -> "PAYMENT_RECEIVED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString()).contains("evt_1QxHenderson0001")
                        .contains("pi_3QxHenderson0001").contains("deposit of $3,760.00").contains("balance now $5,000.00"));
        assertThat(trail).filteredOn(e -> "EPISODE_STOPPED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("ruleId")).isEqualTo("ES-004"));

        // Stripe resends the event, and the same payment's payment_intent.succeeded arrives: nothing twice
        assertThat(stripe(event, sign(event, STRIPE_SECRET, now())).body()).containsEntry("replayed", true);
        String intent = stripeEvent("payment_intent.succeeded", "evt_3QxHenderson0002", "pi_3QxHenderson0001",
                matter, 376000, "usd", "paid");
        assertThat(stripe(intent, sign(intent, STRIPE_SECRET, now())).body()).containsEntry("outcome", "DUPLICATE");
        assertThat(count("SELECT COUNT(*) FROM ledger_transaction WHERE matter_number = '" + matter + "'")).isEqualTo(1);
        assertThat(api.get("billing", "/api/matters/" + matter).json()).containsEntry("trustBalance", "5000.00");

        // business day 5: no follow-up
        Api.Reply day5 = evaluate(LocalDate.of(2026, 11, 9), matter, unpaid);
        assertThat(actions(day5)).as("the unpaid matter's ladder goes on")
                .filteredOn(a -> unpaid.equals(a.get("matterNumber")))
                .anySatisfy(a -> assertThat(a).containsEntry("type", "ESCALATION")
                        .containsEntry("code", "CLIENT_FOLLOW_UP").containsEntry("outcome", "NEW"));
        assertThat(actions(day5)).as("the paid matter's ladder has stopped")
                .filteredOn(a -> matter.equals(a.get("matterNumber")))
                .noneSatisfy(a -> assertThat(a.get("type")).isEqualTo("ESCALATION"))
                .noneSatisfy(a -> assertThat(a.get("outcome")).isEqualTo("NEW"));
        assertThat(mailsTo("dana@henderson-2.example")).as("the request and the follow-up").hasSize(2);
        assertThat(mailsTo("dana@henderson-1.example")).as("only the day-0 request").hasSize(1);

        // the firm's tool got request.sent and request.paid, signed
        dispatcher.dispatchNow();
        receiver.verify(1, postRequestedFor(urlEqualTo("/hooks/trust"))
                .withRequestBody(matchingJsonPath("$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("request.paid")))
                .withRequestBody(matchingJsonPath("$.data.provider_event_id",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("evt_1QxHenderson0001"))));
        receiver.verify(1, postRequestedFor(urlEqualTo("/hooks/trust"))
                .withRequestBody(matchingJsonPath("$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("request.sent")))
                .withRequestBody(matchingJsonPath("$.data.matter_number", com.github.tomakehurst.wiremock.client.WireMock.equalTo(matter))));
        for (var logged : receiver.findAll(postRequestedFor(urlEqualTo("/hooks/trust")))) {
            // each delivery is signed at its own attempt's time: check the HMAC at that time
            String header = logged.getHeader(WebhookSignature.HEADER);
            long signedAt = Long.parseLong(header.replaceAll("^t=(\\d+),.*", "$1"));
            WebhookSignature.verify(header, logged.getBodyAsString(), eventSecret, 300,
                    Clock.fixed(Instant.ofEpochSecond(signedAt), ZoneOffset.UTC));
            assertThat(logged.getHeader("Trustwatch-Event-Id")).isNotBlank();
        }
    }

    @Test
    @DisplayName("a wrong secret, a stale or future timestamp, a tampered body, no header or a body that is not JSON: 400, and nothing is recorded")
    void signatureRefusals() throws Exception {
        String matter = "2026-0101";
        saveHenderson(matter, "refusals");
        clock.set(LocalDate.of(2026, 11, 20));
        String event = stripeEvent("checkout.session.completed", "evt_sig_1", "pi_sig_1", matter, 100000, "usd", "paid");
        long now = now();
        assertThat(stripe(event, sign(event, "whsec_wrong", now)).status()).isEqualTo(400);
        assertThat(stripe(event, sign(event, STRIPE_SECRET, now - 301)).status()).isEqualTo(400);
        assertThat(stripe(event, sign(event, STRIPE_SECRET, now + 3600)).status()).isEqualTo(400);
        assertThat(stripe(event.replace("100000", "900000"), sign(event, STRIPE_SECRET, now)).status()).isEqualTo(400);
        assertThat(stripe(event, null).status()).isEqualTo(400);
        assertThat(stripe("not json", sign("not json", STRIPE_SECRET, now)).status()).isEqualTo(400);
        assertThat(generic("{\"id\":\"x\"}", sign("{\"id\":\"x\"}", "wrong-secret-000000", now)).status()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM payment_event WHERE event_id LIKE 'evt_sig%'")).as("payment events").isZero();
        assertThat(count("SELECT COUNT(*) FROM ledger_transaction WHERE matter_number = '" + matter + "'")).isZero();
        // the same event, properly signed, is taken in
        assertThat(stripe(event, sign(event, STRIPE_SECRET, now)).body()).containsEntry("outcome", "RECORDED");
    }

    @Test
    @DisplayName("a payment for an unknown matter, in euros, or of a negative amount lands in the exception queue with the event id; nothing is deposited")
    void refusalsGoToTheQueue() throws Exception {
        String matter = "2026-0202";
        saveHenderson(matter, "queue");
        clock.set(LocalDate.of(2026, 11, 20));
        long now = now();
        String unknown = stripeEvent("checkout.session.completed", "evt_unknown", "pi_unknown", "2099-9999", 50000, "usd", "paid");
        String euros = stripeEvent("checkout.session.completed", "evt_eur", "pi_eur", matter, 50000, "eur", "paid");
        String negative = stripeEvent("payment_intent.succeeded", "evt_neg", "pi_neg", matter, -50000, "usd", "paid");
        // Stripe's amounts are in the smallest unit: 50000 is ¥50,000 (yen have no minor unit), 500.000 dinars of fils
        String yen = stripeEvent("checkout.session.completed", "evt_jpy", "pi_jpy", matter, 50000, "jpy", "paid");
        String dinars = stripeEvent("checkout.session.completed", "evt_kwd", "pi_kwd", matter, 500000, "kwd", "paid");
        for (String e : List.of(unknown, euros, negative, yen, dinars)) {
            Reply r = stripe(e, sign(e, STRIPE_SECRET, now));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).containsEntry("outcome", "REFUSED");
        }
        List<Map<String, Object>> items = api.get("billing", "/api/exceptions?kind=CONNECTOR").list();
        assertThat(items).extracting(i -> i.get("summary").toString())
                .anySatisfy(s -> assertThat(s).contains("evt_unknown").contains("of $500.00 for matter 2099-9999")
                        .contains("no matter 2099-9999 in the book"))
                .anySatisfy(s -> assertThat(s).contains("evt_eur").contains("of 500.00 EUR for matter " + matter)
                        .contains("the currency is EUR"))
                .anySatisfy(s -> assertThat(s).contains("evt_neg").contains("the amount -$500.00 is negative"))
                .anySatisfy(s -> assertThat(s).contains("evt_jpy").contains("of 50000 JPY for matter " + matter))
                .anySatisfy(s -> assertThat(s).contains("evt_kwd").contains("of 500.000 KWD for matter " + matter));
        assertThat(count("SELECT COUNT(*) FROM ledger_transaction WHERE matter_number = '" + matter + "'")).isZero();
        // an unpaid session (ACH on its way) records nothing yet, and is no refusal
        String unpaid = stripeEvent("checkout.session.completed", "evt_unpaid", "pi_unpaid", matter, 50000, "usd", "unpaid");
        assertThat(stripe(unpaid, sign(unpaid, STRIPE_SECRET, now)).body()).containsEntry("outcome", "IGNORED");
    }

    @Test
    @DisplayName("the generic webhook: a signed LawPay payment by check is a deposit whose funds clear five business days later; a resend records nothing; an unknown field is refused into the queue")
    void genericProcessor() throws Exception {
        String matter = "2026-0303";
        saveHenderson(matter, "generic");
        clock.set(LocalDate.of(2026, 11, 20)); // a Friday
        String body = "{\"id\":\"lp-evt-1\",\"provider\":\"lawpay\",\"type\":\"payment.succeeded\",\"payment_id\":\"txn-88121\","
                + "\"matter_number\":\"" + matter + "\",\"amount\":\"1500.00\",\"currency\":\"USD\",\"method\":\"check\","
                + "\"paid_on\":\"2026-11-20\"}";
        Reply r = generic(body, sign(body, GENERIC_SECRET, now()));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertThat(r.body()).containsEntry("outcome", "RECORDED");
        List<Map<String, Object>> ledger = api.get("billing", "/api/matters/" + matter + "/transactions").list();
        assertThat(ledger).singleElement().satisfies(t -> assertThat(t).containsEntry("method", "check")
                .containsEntry("clearsOn", "2026-11-27").containsEntry("amount", "1500.00"));
        assertThat(generic(body, sign(body, GENERIC_SECRET, now())).body()).containsEntry("replayed", true);

        String odd = body.replace("lp-evt-1", "lp-evt-2").replace("\"paid_on\"", "\"tip\":\"5.00\",\"paid_on\"");
        Reply refused = generic(odd, sign(odd, GENERIC_SECRET, now()));
        assertThat(refused.body()).containsEntry("outcome", "REFUSED");
        assertThat(refused.body().get("detail").toString()).contains("tip: unknown field");
        assertThat(api.get("billing", "/api/exceptions?kind=CONNECTOR&matter=" + matter).list()).hasSize(1);
        assertThat(api.get("billing", "/api/matters/" + matter + "/transactions").list()).hasSize(1);

        // a payment dated after the firm's today would show money arrived that has not: refused into the queue
        String ahead = body.replace("lp-evt-1", "lp-evt-3").replace("txn-88121", "txn-88122")
                .replace("\"paid_on\":\"2026-11-20\"", "\"paid_on\":\"2062-11-20\"");
        Reply future = generic(ahead, sign(ahead, GENERIC_SECRET, now()));
        assertThat(future.status()).as("%s", future.body()).isEqualTo(200);
        assertThat(future.body()).containsEntry("outcome", "REFUSED");
        assertThat(future.body().get("detail").toString()).contains("lp-evt-3").contains("of $1,500.00")
                .contains("the payment is dated 2062-11-20, after today (2026-11-20 in the firm's time zone)");
        assertThat(api.get("billing", "/api/exceptions?kind=CONNECTOR&matter=" + matter).list()).hasSize(2);
        assertThat(api.get("billing", "/api/matters/" + matter + "/transactions").list()).hasSize(1);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    record Reply(int status, Map<String, Object> body) {
    }

    private void saveHenderson(String matter, String who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matterName", "Henderson Matter");
        m.put("clientId", "C-" + who);
        m.put("clientName", "Henderson Family Trust");
        m.put("billingContactName", "Dana Henderson");
        m.put("billingContactEmail", "dana@" + who + ".example");
        m.put("attorneyName", "Maria Lopez");
        m.put("attorneyEmail", "mlopez@firm.example");
        m.put("feeType", "HOURLY");
        m.put("retainerType", "EVERGREEN");
        m.put("status", "OPEN");
        m.put("trustBalance", "1240.00");
        m.put("originalRetainer", "5000.00");
        m.put("floor", "2500.00");
        m.put("lastReconciledOn", "2026-10-31");
        Api.Reply saved = api.putJson("billing", "/api/matters/" + matter, m);
        assertThat(saved.status()).as("%s", saved.body()).isIn(200, 201);
    }

    private Api.Reply evaluate(LocalDate asOf, String... matters) {
        if (clock.instant().isBefore(asOf.atTime(9, 0).toInstant(ZoneOffset.UTC))) {
            clock.set(asOf);
        }
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", asOf.toString(), "matters", List.of(matters)));
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("%s", reply.body()).containsEntry("status", "DONE");
        dispatcher.dispatchNow();
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(Api.Reply reply) {
        // an evaluation that decided nothing answers without an actions list
        Object actions = reply.json().get("actions");
        return actions == null ? List.of() : (List<Map<String, Object>>) actions;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    static String sign(String body, String secret, long t) {
        return WebhookSignature.sign(body, t, secret);
    }

    static String stripeEvent(String type, String eventId, String paymentIntent, String matter, long cents,
                              String currency, String status) throws IOException {
        try (InputStream in = PaymentWebhooksIT.class.getResourceAsStream("/connectors/stripe/" + type + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("%EVENT_ID%", eventId)
                    .replace("%PAYMENT_INTENT%", paymentIntent).replace("%MATTER%", matter)
                    .replace("%AMOUNT%", Long.toString(cents)).replace("%CURRENCY%", currency)
                    .replace("%PAYMENT_STATUS%", status)
                    .replace("%CREATED%", Long.toString(Instant.parse("2026-11-05T15:00:00Z").getEpochSecond()));
        }
    }

    private Reply stripe(String body, String signature) {
        return raw("/api/webhooks/payments/stripe", body, "Stripe-Signature", signature);
    }

    private Reply generic(String body, String signature) {
        return raw("/api/webhooks/payments/generic", body, WebhookSignature.HEADER, signature);
    }

    @SuppressWarnings("unchecked")
    private Reply raw(String path, String body, String header, String value) {
        var request = HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (value != null) {
            request.header(header, value);
        }
        try {
            HttpResponse<Map> response = http.toBlocking().exchange(request, Argument.of(Map.class));
            return new Reply(response.code(), response.getBody().orElse(null));
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(Argument.of(Map.class)).orElse(null));
        }
    }

    private static List<MimeMessage> mailsTo(String address) {
        Map<String, MimeMessage> byId = new LinkedHashMap<>();
        for (MimeMessage m : TestMail.server().getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                    byId.putIfAbsent(m.getMessageID(), m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(byId.values());
    }

    private Map<String, Object> episode(String matter) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT status, stop_reason FROM"
                + " low_balance_episode WHERE matter_number = ? ORDER BY id DESC")) {
            ps.setString(1, matter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("an episode for %s", matter).isTrue();
                Map<String, Object> row = new HashMap<>();
                row.put("status", rs.getString(1));
                row.put("stop_reason", rs.getString(2));
                return row;
            }
        }
    }
}
