package com.trustwatch.sms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text messages through Twilio's SDK against a WireMock stand-in answering with Twilio's documented
 * Message resource and error bodies: consent, quiet hours, STOP/START/HELP by text (signed as Twilio
 * signs), Twilio's 429 retried by the outbox, 21610 and a refused number. Real MariaDB and SMTP.
 */
@MicronautTest(transactional = false)
class SmsIT extends IntegrationTest {

    static final String SID = "AC00000000000000000000000000000001";
    static final String TOKEN = "twilio-auth-token-0123456789abcdef";
    static final String SERVICE = "MG00000000000000000000000000000002";
    static final String PUBLIC = "https://trust.firm.example";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    /** Monday 2 November 2026: Chicago is on CST (UTC-6), Los Angeles on PST (UTC-8). */
    static final LocalDate DAY_0 = LocalDate.of(2026, 11, 2);

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

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
        if (!twilio.isRunning()) {
            twilio.start();
        }
        return Map.of("trustwatch.sms.account-sid", SID,
                "trustwatch.sms.auth-token", TOKEN,
                "trustwatch.sms.messaging-service-sid", SERVICE,
                "trustwatch.sms.public-base-url", PUBLIC,
                "trustwatch.sms.api-base-url", twilio.baseUrl());
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    @BeforeEach
    void resetTwilio() {
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created("+15555550100", "SM_default")));
    }

    @AfterAll
    void stopTwilio() {
        twilio.stop();
    }

    @Test
    @DisplayName("a client request is texted to a number with recorded consent, held through the recipient's quiet hours, as one documented POST carrying the payment link; a number without consent gets no text")
    void requestTextedAfterQuietHours() throws Exception {
        saveMatter("2026-0501", "+1 555-555-0142");
        saveMatter("2026-0502", "(555) 555-0199"); // no consent recorded
        grant("+15555550142", "America/Chicago");
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550142"))
                .willReturn(created("+15555550142", "SM00000000000000000000000000000003")));

        clock.set(DAY_0.atTime(13, 0).toInstant(ZoneOffset.UTC)); // 7:00 in Chicago
        evaluate("2026-0501", "2026-0502");
        dispatcher.dispatchNow();
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).as("nothing before 8:00 in Chicago").isEmpty();
        Map<String, Object> held = smsRow("2026-0501");
        assertThat(held).containsEntry("state", "PENDING").containsEntry("attempts", 0);
        assertThat(held.get("nextAttemptAt").toString()).startsWith("2026-11-02T14:00");
        assertThat(rows("2026-0502")).extracting(r -> r.get("channel")).doesNotContain("CLIENT_SMS");
        assertThat(trail("2026-0501")).anySatisfy(e -> assertThat(e).containsEntry("kind", "SMS_HELD"));

        clock.set(DAY_0.atTime(14, 0).toInstant(ZoneOffset.UTC)); // 8:00 in Chicago
        dispatcher.dispatchNow();
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(SID, TOKEN))
                .withHeader("Host", equalTo("api.twilio.com"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("+15555550142"))
                .withFormParam("MessagingServiceSid", equalTo(SERVICE))
                .withFormParam("Body", containing("https://pay.firm.example/trust?matter=2026-0501&amount="))
                .withFormParam("Body", containing("Reply STOP to opt out."))
                .withoutFormParam("From"));
        String body = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).get(0).formParameters().get("Body").firstValue();
        assertThat(body).as("short: at most two segments").hasSizeLessThanOrEqualTo(306).contains("$");
        assertThat(smsRow("2026-0501")).containsEntry("state", "SENT")
                .containsEntry("messageId", "SM00000000000000000000000000000003");
        assertThat(trail("2026-0501")).anySatisfy(e -> assertThat(e).containsEntry("kind", "SENT")
                .satisfies(x -> assertThat(x.get("detail").toString()).contains("texted").contains("+15555550142")));
    }

    @Test
    @DisplayName("STOP by text withdraws consent at once and the text queued before it is never sent; a wrong signature changes nothing; HELP answers; START gives consent back")
    void stopStartHelp() throws Exception {
        saveMatter("2026-0601", "+1 555-555-0143");
        grant("+15555550143", "America/Los_Angeles");
        clock.set(DAY_0.atTime(14, 0).toInstant(ZoneOffset.UTC)); // 6:00 in Los Angeles: the text waits
        evaluate("2026-0601");
        dispatcher.dispatchNow();
        assertThat(smsRow("2026-0601")).containsEntry("state", "PENDING");

        Map<String, String> stop = inbound("+15555550143", " stop ");
        assertThat(twilioWebhook(stop, sign("another-auth-token", PUBLIC + "/api/webhooks/sms/twilio", stop))
                .status()).isEqualTo(403);
        assertThat(twilioWebhook(stop, null).status()).as("no signature").isEqualTo(403);
        assertThat(twilioWebhook(stop, sign(TOKEN, "http://10.0.3.7:8080/api/webhooks/sms/twilio", stop)).status())
                .as("signed for the internal URL, not the public one").isEqualTo(403);
        assertThat(consent("+15555550143")).containsEntry("status", "GRANTED");

        Reply stopped = twilioWebhook(stop, sign(TOKEN, PUBLIC + "/api/webhooks/sms/twilio", stop));
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body()).doesNotContain("<Message>");
        assertThat(consent("+15555550143")).containsEntry("status", "REVOKED")
                .satisfies(c -> assertThat(c.get("source").toString()).contains("stop").contains("SMinbound"));

        clock.set(DAY_0.atTime(16, 0).toInstant(ZoneOffset.UTC)); // 8:00 in Los Angeles
        dispatcher.dispatchNow();
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).as("never a text after STOP").isEmpty();
        assertThat(smsRow("2026-0601")).containsEntry("state", "WITHHELD");
        assertThat(trail("2026-0601")).anySatisfy(e -> assertThat(e).containsEntry("kind", "SMS_WITHHELD"));

        Map<String, String> help = inbound("+15555550143", "help");
        Reply helped = twilioWebhook(help, sign(TOKEN, PUBLIC + "/api/webhooks/sms/twilio", help));
        assertThat(helped.status()).isEqualTo(200);
        assertThat(helped.body()).contains("<Message>").contains("Reply STOP to opt out.");
        assertThat(consent("+15555550143")).containsEntry("status", "REVOKED");

        Map<String, String> start = inbound("+15555550143", "START");
        assertThat(twilioWebhook(start, sign(TOKEN, PUBLIC + "/api/webhooks/sms/twilio", start)).status()).isEqualTo(200);
        assertThat(consent("+15555550143")).containsEntry("status", "GRANTED");
        assertThat(api.get("ethics", "/api/audit").list()).filteredOn(e -> "SMS_CONSENT_CHANGED".equals(e.get("kind")))
                .extracting(e -> e.get("detail").toString())
                .anySatisfy(d -> assertThat(d).contains("+15555550143 withdrawn"))
                .anySatisfy(d -> assertThat(d).contains("+15555550143 granted").contains("START"));
    }

    @Test
    @DisplayName("Twilio's 429 is one POST, retried by the outbox after its Retry-After; 21610 withdraws consent and withholds the text; a number Twilio refuses is a dead letter in the exception queue")
    void twilioFailures() throws Exception {
        saveMatter("2026-0701", "+1 555-555-0144");
        saveMatter("2026-0702", "+1 555-555-0145");
        saveMatter("2026-0703", "+1 555-555-0146");
        for (String phone : List.of("+15555550144", "+15555550145", "+15555550146")) {
            grant(phone, "America/Chicago");
        }
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550144"))
                .inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")
                        .withHeader("Content-Type", "application/json").withBody(resource("error-20429.json")))
                .willSetStateTo("open"));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550144"))
                .inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(created("+15555550144", "SM00000000000000000000000000000044")));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550145"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(resource("error-21610.json"))));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550146"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(resource("error-21211.json"))));

        clock.set(DAY_0.atTime(17, 0).toInstant(ZoneOffset.UTC)); // 11:00 in Chicago
        evaluate("2026-0701", "2026-0702", "2026-0703");
        dispatcher.dispatchNow();

        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550144")));
        Map<String, Object> throttled = smsRow("2026-0701");
        assertThat(throttled).containsEntry("state", "FAILED").containsEntry("attempts", 1);
        assertThat(throttled.get("lastError").toString()).contains("Too Many Requests").contains("20429");
        LocalDateTime next = LocalDateTime.parse(throttled.get("nextAttemptAt").toString());
        assertThat(next).as("not before Twilio's Retry-After").isAfterOrEqualTo(LocalDateTime.of(2026, 11, 2, 17, 10));
        dispatcher.dispatchNow();
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550144")));
        clock.set(next.toInstant(ZoneOffset.UTC));
        dispatcher.dispatchNow();
        twilio.verify(2, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550144")));
        assertThat(smsRow("2026-0701")).containsEntry("state", "SENT")
                .containsEntry("messageId", "SM00000000000000000000000000000044");

        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550145")));
        assertThat(smsRow("2026-0702")).containsEntry("state", "WITHHELD");
        assertThat(consent("+15555550145")).containsEntry("status", "REVOKED")
                .satisfies(c -> assertThat(c.get("source").toString()).contains("21610"));

        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15555550146")));
        assertThat(smsRow("2026-0703")).containsEntry("state", "DEAD");
        assertThat(api.get("billing", "/api/exceptions?kind=DEAD_LETTER&matter=2026-0703").list()).singleElement()
                .satisfies(i -> assertThat(i.get("summary").toString()).contains("CLIENT_SMS").contains("21211"));
        assertThat(twilio.findAllUnmatchedRequests()).isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    record Reply(int status, String body) {
    }

    /** Twilio's signature: Base64(HMAC-SHA1(auth token, URL + each form field's name and value, sorted by name)). */
    static String sign(String authToken, String url, Map<String, String> params) throws Exception {
        StringBuilder sb = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> sb.append(k).append(v == null ? "" : v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> inbound(String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SMinbound" + Math.abs(body.hashCode()));
        form.put("AccountSid", SID);
        form.put("MessagingServiceSid", SERVICE);
        form.put("From", from);
        form.put("To", "+15555550100");
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    private Reply twilioWebhook(Map<String, String> form, String signature) {
        String encoded = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var request = HttpRequest.POST("/api/webhooks/sms/twilio", encoded)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), "");
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String to, String sid) {
        try {
            String body = resource("message-created.json").replace("%TO%", to).replace("%SID%", sid)
                    .replace("%BODY%", "a text");
            return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SmsIT.class.getResourceAsStream("/connectors/twilio/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("a consent given in the future or before the record's range, or a source with invisible characters, is refused naming the field and records nothing; a source over several lines is folded")
    void consentRefusesWhatItCannotHold() {
        int auditBefore = api.get("ethics", "/api/audit?size=1000").list().size();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("givenAt", "2099-01-01T00:00:00Z");
        refused.put("givenAt ", "1960-01-01T00:00:00Z");
        refused.put("givenAt  ", "+999999999-12-31T23:59:59Z");
        refused.put("source", "letter\u0000signed");
        refused.forEach((field, value) -> {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("status", "GRANTED", "source", "engagement letter",
                    "givenAt", "2026-01-05T15:30:00Z"));
            body.put(field.strip(), value);
            Api.Reply r = api.putJson("billing", "/api/sms/consents/+15555550142", body);
            assertThat(r.status()).as("%s=%s: %s", field, value, r.body()).isEqualTo(422);
            assertThat(r.body().toString()).as("%s=%s", field, value).contains("field=" + field.strip());
        });
        assertThat(api.get("billing", "/api/sms/consents/+15555550142").status()).isEqualTo(404);
        assertThat(api.get("ethics", "/api/audit?size=1000").list()).hasSize(auditBefore);

        Api.Reply folded = api.putJson("billing", "/api/sms/consents/+15555550142", Map.of("status", "GRANTED",
                "source", "engagement letter\r\n  SMS box ticked", "givenAt", "2026-11-20T08:59:00Z"));
        assertThat(folded.status()).as("%s", folded.body()).isEqualTo(200);
        assertThat(folded.json()).containsEntry("source", "engagement letter SMS box ticked");
    }

    private void grant(String phone, String zone) {
        Api.Reply r = api.putJson("billing", "/api/sms/consents/" + phone, Map.of("status", "GRANTED",
                "source", "engagement letter signed, SMS box ticked", "givenAt", "2026-01-05T15:30:00Z", "timeZone", zone));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }

    private Map<String, Object> consent(String phone) {
        Api.Reply r = api.get("billing", "/api/sms/consents/" + phone);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r.json();
    }

    private void saveMatter(String matter, String phone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matterName", "Henderson Matter");
        m.put("clientId", "C-" + matter);
        m.put("clientName", "Henderson Family Trust");
        m.put("billingContactName", "Dana Henderson");
        m.put("billingContactEmail", "dana@" + matter + ".example");
        m.put("billingContactPhone", phone);
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

    private void evaluate(String... matters) {
        Instant at = clock.instant();
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations",
                Map.of("asOf", at.atZone(ZoneOffset.UTC).toLocalDate().toString(), "matters", List.of(matters)));
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    }

    private List<Map<String, Object>> rows(String matter) {
        return api.get("billing", "/api/outbox?matter=" + matter).list();
    }

    private Map<String, Object> smsRow(String matter) {
        List<Map<String, Object>> sms = rows(matter).stream().filter(r -> "CLIENT_SMS".equals(r.get("channel"))).toList();
        assertThat(sms).as("the text of %s", matter).hasSize(1);
        return sms.get(0);
    }

    private List<Map<String, Object>> trail(String matter) {
        return api.get("ethics", "/api/audit?matter=" + matter).list();
    }
}
