package com.trustwatch.webhook;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed events out, against a WireMock stand-in for the firm's receiver: subscriptions managed by an
 * admin, the events an evaluation publishes, Stripe's signature scheme checked independently, a
 * subscriber's 500 retried by the outbox with the same event id, a 410 dead-lettered. Real MariaDB.
 */
@MicronautTest(transactional = false)
class WebhookEventsIT extends IntegrationTest {

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

    @Inject
    ObjectMapper json;

    Api api;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.secrets.active-key-id", "k1",
                "trustwatch.secrets.keys.k1", "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGho=",
                "trustwatch.webhooks.allow-http", "true");
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    @Test
    @DisplayName("subscriptions: admins only, unknown fields and event types refused with the field named, the secret shown once and kept sealed")
    void subscriptions() throws Exception {
        Map<String, Object> ok = Map.of("url", receiver.baseUrl() + "/hooks/a", "events", List.of("flag.raised"));
        assertThat(api.postJson("billing", "/api/webhooks/subscriptions", ok).status()).isEqualTo(403);
        Api.Reply bad = api.postJson("admin", "/api/webhooks/subscriptions", Map.of("url", "ftp://x.example/h",
                "events", List.of("matter.deleted")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().toString()).contains("url").contains("matter.deleted");
        Api.Reply unknown = api.postJson("admin", "/api/webhooks/subscriptions", Map.of("url", receiver.baseUrl() + "/h",
                "colour", "red"));
        assertThat(unknown.status()).isIn(400, 422);
        assertThat(unknown.body().toString()).contains("colour");
        Api.Reply created = api.postJson("admin", "/api/webhooks/subscriptions", ok);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String secret = created.json().get("secret").toString();
        assertThat(secret).startsWith("twsec_");
        assertThat(api.get("admin", "/api/webhooks/subscriptions").list()).allSatisfy(s -> assertThat(s).doesNotContainKey("secret"));
        assertThat(count("SELECT COUNT(*) FROM webhook_subscription WHERE secret LIKE '%" + secret + "%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM webhook_subscription WHERE secret LIKE 'tw1:k1:%'")).isPositive();
    }

    @Test
    @DisplayName("an evaluation's events reach each subscriber that wants them, signed over timestamp and body; a 500 is retried with the same event id and a fresh signature; a 410 is a dead letter; the ladder's next stage is ladder.escalated")
    void eventsOut() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hooks/all")).willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlEqualTo("/hooks/stop")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/hooks/gone")).willReturn(aResponse().withStatus(410)));
        String all = subscribe("/hooks/all", List.of());
        String stop = subscribe("/hooks/stop", List.of("matter.stop_work"));
        subscribe("/hooks/gone", List.of("matter.low_balance"));

        String matter = "2026-0801";
        saveMatter(matter);
        evaluate(DAY_0, matter);
        dispatcher.dispatchNow();
        dispatcher.dispatchNow(); // the email is delivered: request.sent is published then

        List<LoggedRequest> failed = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/all")));
        assertThat(failed).as("one attempt per event, each answered 500").isNotEmpty()
                .extracting(r -> r.getHeader("Trustwatch-Event-Id")).doesNotHaveDuplicates();
        List<Map<String, Object>> retrying = api.get("billing", "/api/outbox?matter=" + matter + "&state=FAILED").list()
                .stream().filter(row -> "WEBHOOK".equals(row.get("channel"))).toList();
        assertThat(retrying).hasSize(failed.size()).allSatisfy(row -> assertThat(row).containsEntry("attempts", 1));
        assertThat(retrying).as("an event has no action behind it: no action id, not action 0")
                .allSatisfy(row -> assertThat(row.get("actionId")).isNull());
        LocalDateTime last = retrying.stream().map(row -> LocalDateTime.parse(row.get("nextAttemptAt").toString()))
                .max(LocalDateTime::compareTo).orElseThrow();
        assertThat(last).isAfter(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));

        receiver.stubFor(post(urlEqualTo("/hooks/all")).willReturn(aResponse().withStatus(204)));
        clock.set(last.toInstant(ZoneOffset.UTC));
        dispatcher.dispatchNow();
        dispatcher.dispatchNow();

        List<LoggedRequest> delivered = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/all"))).stream()
                .skip(failed.size()).toList();
        List<String> types = delivered.stream().map(r -> field(r, "type")).toList();
        assertThat(types).contains("matter.low_balance", "request.sent", "matter.stop_work", "flag.raised");
        assertThat(delivered).extracting(r -> r.getHeader("Trustwatch-Event-Id")).doesNotHaveDuplicates();
        for (LoggedRequest before : failed) {
            LoggedRequest again = delivered.stream()
                    .filter(r -> r.getHeader("Trustwatch-Event-Id").equals(before.getHeader("Trustwatch-Event-Id")))
                    .findFirst().orElseThrow(() -> new AssertionError("not retried: " + before.getBodyAsString()));
            assertThat(again.getBodyAsString()).isEqualTo(before.getBodyAsString());
            assertThat(again.getHeader(WebhookSignature.HEADER)).as("signed again at the retry")
                    .isNotEqualTo(before.getHeader(WebhookSignature.HEADER));
        }
        for (LoggedRequest r : receiver.findAll(postRequestedFor(urlEqualTo("/hooks/all")))) {
            assertSigned(r, all);
            assertThat(field(r, "id")).isEqualTo(r.getHeader("Trustwatch-Event-Id"));
            assertThat(data(r)).containsEntry("matter_number", matter);
        }
        LoggedRequest stopWork = delivered.stream().filter(r -> "matter.stop_work".equals(field(r, "type"))).findFirst().orElseThrow();
        assertThat(data(stopWork)).containsEntry("trust_balance", "0.00").containsEntry("action_type", "PAUSE_WORK_NOTICE");

        List<LoggedRequest> stops = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/stop")));
        assertThat(stops).extracting(r -> field(r, "type")).containsExactly("matter.stop_work");
        assertSigned(stops.get(0), stop);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hooks/gone")))).hasSize(1);
        assertThat(api.get("billing", "/api/exceptions?kind=DEAD_LETTER&matter=" + matter).list())
                .anySatisfy(i -> assertThat(i.get("summary").toString()).contains("WEBHOOK").contains("HTTP 410"));

        // business day 5, still unpaid: the follow-up is ladder.escalated
        evaluate(LocalDate.of(2026, 11, 9), matter);
        dispatcher.dispatchNow();
        List<LoggedRequest> later = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/all")));
        assertThat(later.stream().map(r -> field(r, "type")).filter("ladder.escalated"::equals).count()).isEqualTo(1);
        LoggedRequest escalated = later.stream().filter(r -> "ladder.escalated".equals(field(r, "type"))).findFirst().orElseThrow();
        assertThat(data(escalated)).containsEntry("stage", 2).containsEntry("request_of", "2026-11-02");
        assertSigned(escalated, all);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** The signature checked without Trustwatch's own code: hex HMAC-SHA256(secret, t + "." + raw body). */
    private static void assertSigned(LoggedRequest r, String secret) throws Exception {
        String header = r.getHeader(WebhookSignature.HEADER);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + r.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
        assertThat(header).endsWith(",v1=" + v1);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    }

    private String subscribe(String path, List<String> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", receiver.baseUrl() + path);
        if (!events.isEmpty()) {
            body.put("events", events);
        }
        Api.Reply r = api.postJson("admin", "/api/webhooks/subscriptions", body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        return r.json().get("secret").toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(LoggedRequest r) {
        try {
            return json.readValue(r.getBodyAsString(), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String field(LoggedRequest r, String name) {
        return String.valueOf(parse(r).get(name));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(LoggedRequest r) {
        return (Map<String, Object>) parse(r).get("data");
    }

    private void saveMatter(String matter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matterName", "Okafor Estate");
        m.put("clientId", "C-" + matter);
        m.put("clientName", "Okafor Family Trust");
        m.put("billingContactName", "Ada Okafor");
        m.put("billingContactEmail", "ada@" + matter + ".example");
        m.put("attorneyName", "Maria Lopez");
        m.put("attorneyEmail", "mlopez@firm.example");
        m.put("feeType", "HOURLY");
        m.put("retainerType", "EVERGREEN");
        m.put("status", "OPEN");
        m.put("trustBalance", "0.00"); // depleted but not negative: a negative ledger holds the request for a person
        m.put("originalRetainer", "5000.00");
        m.put("floor", "2500.00");
        m.put("monthlyBilling", "6000.00");
        m.put("lastReconciledOn", "2026-05-01");
        Api.Reply saved = api.putJson("billing", "/api/matters/" + matter, m);
        assertThat(saved.status()).as("%s", saved.body()).isIn(200, 201);
    }

    private void evaluate(LocalDate asOf, String matter) {
        clock.set(asOf);
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", asOf.toString(), "matters", List.of(matter)));
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    }
}
