package com.trustwatch.clio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.trustwatch.db.Timestamps;
import com.trustwatch.evaluation.Evaluations;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Clio connector against a WireMock stand-in answering with Clio Manage v4's documented shapes:
 * OAuth (code exchange, refresh without a new refresh token, revoked grant), cursor paging, 429 with
 * Retry-After, incremental reads, records refused into the exception queue with the field named, and
 * the sync before an evaluation. Real MariaDB.
 */
@MicronautTest(transactional = false)
class ClioSyncIT extends IntegrationTest {

    static final WireMockServer clio = new WireMockServer(wireMockConfig().dynamicPort());
    static final String PAGE_2 = "BAh7BjoHaWRpBCi3Fg==--1f2e";

    /** Records Clio's waits instead of sleeping them. */
    @Singleton
    @Replaces(ClioClient.ThreadPause.class)
    @Requires(property = "test.clio.pauses", value = "recorded")
    static class RecordedPauses implements ClioClient.Pause {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    @Inject
    @io.micronaut.http.client.annotation.Client("/")
    io.micronaut.http.client.HttpClient http;

    @Inject
    TestClock clock;

    @Inject
    ClioConnection connection;

    @Inject
    RecordedPauses pauses;

    @Inject
    Evaluations evaluations;

    @Inject
    com.trustwatch.rules.ActiveRuleset rules;

    Api api;

    @Override
    protected Map<String, String> extraProperties() {
        if (!clio.isRunning()) {
            clio.start();
        }
        try {
            Path mapping = Path.of(ClioSyncIT.class.getResource("/connectors/clio/mapping.yml").toURI());
            return Map.of("trustwatch.clio.base-url", clio.baseUrl(),
                    "trustwatch.clio.client-id", "clio-client-id",
                    "trustwatch.clio.client-secret", "clio-client-secret",
                    "trustwatch.clio.redirect-uri", "https://trust.firm.example/api/sync/clio/callback",
                    "trustwatch.clio.mapping-file", mapping.toString(),
                    "trustwatch.clio.page-size", "2",
                    "trustwatch.secrets.active-key-id", "k1",
                    "trustwatch.secrets.keys.k1", "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGho=",
                    "trustwatch.clio.sync-before-evaluation", "true",
                    "test.clio.pauses", "recorded");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    @BeforeEach
    void reset() throws Exception {
        clio.resetAll();
        pauses.waits.clear();
        // each test starts unconnected, with none of the stand-in's matters in the book
        try (Connection c = db(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM clio_connection");
            s.executeUpdate("DELETE FROM matter WHERE matter_number IN ('2026-0042', '2026-0043', '2026-0051', '2026-0052')");
            s.executeUpdate("DELETE FROM exception_item WHERE source_key LIKE 'sync:clio:%'");
        }
    }

    @AfterAll
    void stopClio() {
        clio.stop();
    }

    @Test
    @DisplayName("connecting: the administrator gets Clio's authorize URL with a state; the callback with that state exchanges the code and stores the tokens sealed; a wrong or used state changes nothing")
    void oauth() throws Exception {
        clock.set(LocalDate.of(2026, 11, 30));
        Api.Reply start = api.get("admin", "/api/sync/clio/authorize");
        assertThat(start.status()).as("%s", start.body()).isEqualTo(200);
        URI url = URI.create(start.json().get("authorizeUrl").toString());
        assertThat(url.getPath()).isEqualTo("/oauth/authorize");
        assertThat(url.getQuery()).contains("response_type=code").contains("client_id=clio-client-id")
                .contains("redirect_uri=https://trust.firm.example/api/sync/clio/callback");
        String state = url.getQuery().replaceAll(".*state=([0-9a-f]+).*", "$1");
        assertThat(api.get("billing", "/api/sync/clio/authorize").status()).as("administrators only").isEqualTo(403);

        clio.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson(resource("token-authorization-code.json"))));
        assertThat(api.get(null, "/api/sync/clio/callback?code=abc&state=not-the-state").status()).isEqualTo(400);
        assertThat(api.get(null, "/api/sync/clio/callback?code=abc&state=" + state).status())
                .as("the wrong state used the pending one up").isEqualTo(400);
        clio.verify(0, postRequestedFor(urlPathEqualTo("/oauth/token")));

        // the person declined at Clio: the callback says what Clio said, on one short line
        state = URI.create(api.get("admin", "/api/sync/clio/authorize").json().get("authorizeUrl").toString()).getQuery()
                .replaceAll(".*state=([0-9a-f]+).*", "$1");
        Api.Reply declined = api.get(null, "/api/sync/clio/callback?error=access_denied&state=" + state);
        assertThat(declined.status()).isEqualTo(400);
        assertThat(declined.json().get("message")).isEqualTo("Clio did not authorize Trustwatch (access_denied). Nothing was changed.");
        state = URI.create(api.get("admin", "/api/sync/clio/authorize").json().get("authorizeUrl").toString()).getQuery()
                .replaceAll(".*state=([0-9a-f]+).*", "$1");
        Api.Reply long_ = api.get(null, "/api/sync/clio/callback?error="
                + "denied%0Aby%0Dthe%E2%80%A8user%E2%80%AE".repeat(20) + "&state=" + state);
        assertThat(long_.status()).isEqualTo(400);
        assertThat(long_.json().get("message").toString()).startsWith("Clio did not authorize Trustwatch (denied\\nby\\rthe\\u2028user\\u202E")
                .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").doesNotContain("\u202E")
                .hasSizeLessThan(ClioController.MOST_ECHOED + 60);
        clio.verify(0, postRequestedFor(urlPathEqualTo("/oauth/token")));

        state = URI.create(api.get("admin", "/api/sync/clio/authorize").json().get("authorizeUrl").toString()).getQuery()
                .replaceAll(".*state=([0-9a-f]+).*", "$1");
        Api.Reply back = api.get(null, "/api/sync/clio/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=" + state);
        assertThat(back.status()).as("%s", back.body()).isEqualTo(200);
        clio.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("authorization_code"))
                .withFormParam("code", equalTo("SplxlOBeZQQYbYS6WxSbIA"))
                .withFormParam("client_id", equalTo("clio-client-id"))
                .withFormParam("client_secret", equalTo("clio-client-secret"))
                .withFormParam("redirect_uri", equalTo("https://trust.firm.example/api/sync/clio/callback")));
        assertThat(api.get(null, "/api/sync/clio/callback?code=again&state=" + state).status()).as("used").isEqualTo(400);
        assertThat(api.get("admin", "/api/sync/clio").json()).containsEntry("status", "CONNECTED");
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT access_token, refresh_token, expires_at FROM clio_connection WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("tw1:k1:").doesNotContain("ACCESS-1");
            assertThat(rs.getString(2)).startsWith("tw1:k1:").doesNotContain("REFRESH-1");
            assertThat(rs.getObject(3, java.time.LocalDateTime.class)).isEqualTo(
                    java.time.LocalDateTime.of(2026, 12, 30, 9, 0)); // expires_in 2592000 s = 30 days
        }
        assertThat(connection.tokens()).hasValueSatisfying(t -> {
            assertThat(t.accessToken()).isEqualTo("ACCESS-1-h5Jk2pQ8xW3nV7bZ");
            assertThat(t.refreshToken()).isEqualTo("REFRESH-1-Lr4sT9uY2oP6aD1f");
        });
    }

    @Test
    @DisplayName("the first sync reads every matter page by page (waiting out a 429's Retry-After), creates them through the matter rules with the mapped custom fields, and refuses a record with a bad floor into the queue naming the Clio field; nothing unchanged is written again")
    void firstSync() throws Exception {
        connect();
        stubFirstRead();
        Api.Reply r = api.postJson("scheduler", "/api/sync/clio", Map.of());
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertThat(r.json()).containsEntry("created", 3).containsEntry("updated", 0).containsEntry("unchanged", 0)
                .containsEntry("refused", 1);
        assertThat(r.json().get("since")).as("the whole book").isNull();
        assertThat(pauses.waits).as("Clio's Retry-After").containsExactly(Duration.ofSeconds(2));
        clio.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("page_token", absent())
                .withHeader("Authorization", equalTo("Bearer ACCESS-1-h5Jk2pQ8xW3nV7bZ"))
                .withQueryParam("order", equalTo("id(asc)")).withQueryParam("limit", equalTo("2"))
                .withQueryParam("fields", containing("account_balances{id,balance,type,name}")));
        // the next page is Clio's own link (it carries the query), followed with the same token, twice: 429, then 200
        clio.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("page_token", equalTo(PAGE_2))
                .withHeader("Authorization", equalTo("Bearer ACCESS-1-h5Jk2pQ8xW3nV7bZ")));

        Map<String, Object> henderson = api.get("billing", "/api/matters/2026-0042").json();
        assertThat(henderson).containsEntry("matterName", "Henderson - custody modification")
                .containsEntry("clientId", "clio-880101").containsEntry("clientName", "Dana Henderson")
                .containsEntry("billingContactEmail", "dana.henderson@example.com")
                .containsEntry("billingContactPhone", "+1 555-555-0142")
                .containsEntry("attorneyEmail", "praman@example-firm.com").containsEntry("practiceArea", "Family Law")
                .containsEntry("trustBalance", "1850.25").containsEntry("floor", "2500.00")
                .containsEntry("clientTier", "TIER_1").containsEntry("feeType", "HOURLY")
                .containsEntry("retainerType", "EVERGREEN").containsEntry("status", "OPEN");
        assertThat(api.get("billing", "/api/matters/2026-0043").json()).containsEntry("trustBalance", "12000.00")
                .satisfies(m -> assertThat(m.get("billingContactEmail")).isNull());
        assertThat(api.get("billing", "/api/matters/2026-0051").json()).as("pending is open; no trust account is 0.00")
                .containsEntry("status", "OPEN").containsEntry("trustBalance", "0.00");
        assertThat(api.get("ethics", "/api/audit?matter=2026-0051").list())
                .filteredOn(e -> "MATTER_SAVED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e.get("detail").toString()).endsWith("matter 2026-0051, trust balance $0.00"));
        assertThat(api.get("billing", "/api/matters/2026-0052").status()).isEqualTo(404);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refusals = (List<Map<String, Object>>) r.json().get("refusals");
        assertThat(refusals).singleElement().satisfies(x -> assertThat(x).containsEntry("sourceId", "1500241")
                .containsEntry("field", "floor"));
        assertThat(api.get("billing", "/api/exceptions?kind=CONNECTOR&matter=2026-0052").list()).singleElement()
                .satisfies(i -> assertThat(i.get("summary").toString()).contains("Clio record 1500241")
                        .contains("floor (from custom field 4401 'Trust floor')").contains("about 2500"));

        // nothing changed in Clio: the same records are unchanged, and nothing is written
        clio.resetRequests();
        long saves = count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'MATTER_SAVED'");
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("UPDATE clio_connection SET synced_through = NULL")) {
            ps.executeUpdate(); // read the whole book again
        }
        Api.Reply again = api.postJson("scheduler", "/api/sync/clio", Map.of());
        assertThat(again.json()).containsEntry("created", 0).containsEntry("updated", 0).containsEntry("unchanged", 3)
                .containsEntry("refused", 1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'MATTER_SAVED'")).isEqualTo(saves);
        assertThat(api.get("billing", "/api/exceptions?kind=CONNECTOR&matter=2026-0052").list()).as("one item per record")
                .hasSize(1);
        assertThat(clio.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    @DisplayName("an incremental sync reads changes since the last sync's start: a matter whose balance changed, a contact whose email changed (its matters read again), and every open matter's trust balance; what the book holds beyond Clio stays")
    void incrementalSync() throws Exception {
        connect();
        stubFirstRead();
        assertThat(api.postJson("scheduler", "/api/sync/clio", Map.of()).json()).containsEntry("created", 3);
        String since = api.get("admin", "/api/sync/clio").json().get("syncedThrough").toString();
        assertThat(since).isEqualTo(clock.instant().minusSeconds(300).toString());
        // the firm records a reconciliation in Trustwatch, which Clio does not hold
        Map<String, Object> okafor = api.get("billing", "/api/matters/2026-0043").json();
        okafor.put("lastReconciledOn", "2026-11-27");
        okafor.values().removeIf(java.util.Objects::isNull);
        okafor.keySet().removeIf(k -> com.trustwatch.matter.MatterFields.byJson(k).isEmpty());
        assertThat(api.putJson("billing", "/api/matters/2026-0043", okafor).status()).isEqualTo(200);

        clio.resetAll();
        String page1 = resource("matters-page1.json");
        String henderson = page1.substring(page1.indexOf("{", page1.indexOf("[")), page1.indexOf("    {\n      \"id\": 1500232"));
        henderson = henderson.trim().replaceAll(",$", "").replace("\"balance\": 1850.25", "\"balance\": 4350.25");
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("updated_since", equalTo(since))
                .willReturn(okJson("{\"data\":[" + henderson + "],\"meta\":{\"paging\":{}}}")));
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/contacts.json")).withQueryParam("updated_since", equalTo(since))
                .willReturn(okJson("{\"data\":[{\"id\":880102,\"etag\":\"\\\"e2\\\"\",\"name\":\"Okafor Family Trust\","
                        + "\"type\":\"Company\",\"updated_at\":\"2026-11-30T08:00:00-05:00\","
                        + "\"primary_email_address\":\"trustees@okafor.example\",\"primary_phone_number\":null}],"
                        + "\"meta\":{\"paging\":{}}}")));
        String okaforMatter = page1.substring(page1.indexOf("    {\n      \"id\": 1500232"), page1.indexOf("  ],\n  \"meta\""))
                .replace("\"primary_email_address\": null", "\"primary_email_address\": \"trustees@okafor.example\"");
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("client_id", equalTo("880102"))
                .willReturn(okJson("{\"data\":[" + okaforMatter + "],\"meta\":{\"paging\":{}}}")));
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("status", equalTo("open,pending"))
                .willReturn(okJson("{\"data\":["
                        + "{\"id\":1500231,\"display_number\":\"2026-0042\",\"status\":\"open\",\"account_balances\":[{\"id\":70001,\"balance\":4350.25,\"type\":\"Trust\",\"name\":\"IOLTA\"}]},"
                        + "{\"id\":1500232,\"display_number\":\"2026-0043\",\"status\":\"open\",\"account_balances\":[{\"id\":70001,\"balance\":12000.0,\"type\":\"Trust\",\"name\":\"IOLTA\"}]},"
                        + "{\"id\":1500240,\"display_number\":\"2026-0051\",\"status\":\"pending\",\"account_balances\":[{\"id\":70001,\"balance\":300.0,\"type\":\"Trust\",\"name\":\"IOLTA\"}]},"
                        + "{\"id\":1500241,\"display_number\":\"2026-0052\",\"status\":\"open\",\"account_balances\":[]}"
                        + "],\"meta\":{\"paging\":{}}}")));
        clock.set(clock.instant().plusSeconds(3600));
        Api.Reply r = api.postJson("scheduler", "/api/sync/clio", Map.of());
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertThat(r.json()).containsEntry("since", since).containsEntry("created", 0).containsEntry("updated", 3)
                .containsEntry("unchanged", 0).containsEntry("refused", 0)
                .containsEntry("read", Map.of("matters", 1, "contacts", 1, "balances", 4));
        assertThat(api.get("billing", "/api/matters/2026-0042").json()).containsEntry("trustBalance", "4350.25");
        assertThat(api.get("billing", "/api/matters/2026-0043").json())
                .containsEntry("billingContactEmail", "trustees@okafor.example")
                .containsEntry("lastReconciledOn", "2026-11-27");
        assertThat(api.get("billing", "/api/matters/2026-0051").json()).as("a balance-only change")
                .containsEntry("trustBalance", "300.00");
        assertThat(api.get("billing", "/api/matters/2026-0052").status()).as("a balance never creates a matter")
                .isEqualTo(404);
        assertThat(clio.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    @DisplayName("an expired access token is refreshed once (Clio's answer has no new refresh token: the old one is kept); a revoked grant stops the sync with 502, marks the connection for re-authorization, and leaves the cursor")
    void tokens() throws Exception {
        connect();
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json"))
                .withHeader("Authorization", equalTo("Bearer ACCESS-1-h5Jk2pQ8xW3nV7bZ"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(resource("error-401.json"))));
        clio.stubFor(post(urlPathEqualTo("/oauth/token")).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(okJson(resource("token-refresh.json"))));
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json"))
                .withHeader("Authorization", equalTo("Bearer ACCESS-2-Qm7cN1vB5xZ9kL3j"))
                .willReturn(okJson("{\"data\":[],\"meta\":{\"paging\":{}}}")));
        Api.Reply r = api.postJson("admin", "/api/sync/clio", Map.of());
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        clio.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withFormParam("refresh_token", equalTo("REFRESH-1-Lr4sT9uY2oP6aD1f"))
                .withFormParam("client_id", equalTo("clio-client-id")));
        assertThat(connection.tokens()).hasValueSatisfying(t -> {
            assertThat(t.accessToken()).isEqualTo("ACCESS-2-Qm7cN1vB5xZ9kL3j");
            assertThat(t.refreshToken()).as("kept").isEqualTo("REFRESH-1-Lr4sT9uY2oP6aD1f");
        });
        Object cursor = api.get("admin", "/api/sync/clio").json().get("syncedThrough");
        assertThat(cursor).isNotNull();

        clio.resetAll();
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(resource("error-401.json"))));
        clio.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid, expired, revoked\"}")));
        clock.set(clock.instant().plusSeconds(3600));
        Api.Reply refused = api.postJson("admin", "/api/sync/clio", Map.of());
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().get("message").toString()).contains("invalid_grant").contains("authorize Trustwatch again")
                .doesNotContain("REFRESH-1");
        assertThat(api.get("admin", "/api/sync/clio").json()).containsEntry("status", "NEEDS_REAUTHORIZATION")
                .containsEntry("syncedThrough", cursor);
    }

    @Test
    @DisplayName("Clio still answering 429 after the last attempt stops the sync with 502 and nothing saved; a paging link to another host is not followed")
    void limitsAndHosts() throws Exception {
        connect();
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "5").withBody("{\"message\":\"Too Many Requests\"}")));
        Api.Reply r = api.postJson("admin", "/api/sync/clio", Map.of());
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("message").toString()).contains("429").contains("4 attempts");
        assertThat(pauses.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(api.get("admin", "/api/sync/clio").json().get("syncedThrough")).isNull();

        clio.resetAll();
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).willReturn(okJson(
                "{\"data\":[],\"meta\":{\"paging\":{\"next\":\"https://elsewhere.example/api/v4/matters.json?page_token=x\"}}}")));
        Api.Reply other = api.postJson("admin", "/api/sync/clio", Map.of());
        assertThat(other.status()).isEqualTo(502);
        assertThat(other.json().get("message").toString()).contains("another host");
    }

    @Test
    @DisplayName("with sync-before-evaluation, a triggered evaluation first syncs the book and evaluates what Clio holds; when Clio cannot be read the evaluation still runs on the book as it was, and the audit trail says so")
    void syncBeforeEvaluation() throws Exception {
        connect();
        stubFirstRead();
        Api.Reply first = api.postJson("scheduler", "/api/evaluations", Map.of("matters", List.of("2026-0042")));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertThat(first.json()).containsEntry("mattersEvaluated", 1);
        clio.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")));
        assertThat(api.get("billing", "/api/matters/2026-0042").json()).containsEntry("trustBalance", "1850.25");

        Api.Reply dry = api.postJson("scheduler", "/api/evaluations", Map.of("dryRun", true, "matters", List.of("2026-0042")));
        assertThat(dry.status()).isEqualTo(200);
        clio.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/matters.json"))); // a dry run writes nothing, syncs nothing

        clio.resetAll();
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).willReturn(aResponse().withStatus(503)));
        clock.set(clock.instant().plusSeconds(3600));
        Api.Reply second = api.postJson("scheduler", "/api/evaluations", Map.of("matters", List.of("2026-0042")));
        assertThat(second.status()).as("%s", second.body()).isEqualTo(200);
        assertThat(second.json()).containsEntry("mattersEvaluated", 1);
        assertThat(api.get("ethics", "/api/audit").list()).filteredOn(e -> "BOOK_SYNCED".equals(e.get("kind")))
                .anySatisfy(e -> assertThat(e.get("detail").toString()).contains("failed").contains("503")
                        .contains("the book as the last sync left it"));
    }

    @Test
    @DisplayName("with sync-before-evaluation, a trigger refused for its Idempotency-Key or wait, or while real runs are held, syncs nothing: Clio is not read and the book and audit trail are unchanged")
    void refusedTriggerSyncsNothing() throws Exception {
        connect();
        stubFirstRead();
        long auditBefore = api.get("ethics", "/api/audit").list().size();
        Api.Reply badKey = api.postJson("scheduler", "/api/evaluations", Map.of("matters", List.of("2026-0042")),
                Map.of("Idempotency-Key", "two words"));
        assertThat(badKey.status()).as("%s", badKey.body()).isEqualTo(422);
        assertThat(badKey.body().toString()).contains("Idempotency-Key");
        Api.Reply badWait = api.postJson("scheduler", "/api/evaluations", Map.of("matters", List.of("2026-0042"),
                "wait", 100_000));
        assertThat(badWait.status()).as("%s", badWait.body()).isEqualTo(422);
        assertThat(badWait.body().toString()).contains("wait");
        rules.holdRealRuns(List.of("us-ca.drl awaits counsel's review"));
        try {
            Api.Reply held = api.postJson("scheduler", "/api/evaluations", Map.of("matters", List.of("2026-0042")));
            assertThat(held.status()).as("%s", held.body()).isEqualTo(409);
            assertThat(held.body().toString()).contains("real evaluations are held");
        } finally {
            rules.holdRealRuns(List.of());
        }
        clio.verify(0, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")));
        assertThat(api.get("billing", "/api/matters/2026-0042").status()).isEqualTo(404);
        assertThat(api.get("ethics", "/api/audit").list()).hasSize((int) auditBefore);
    }

    @Test
    @DisplayName("with sync-before-evaluation, a trigger replayed for its Idempotency-Key, or answered busy because another evaluation holds the book, syncs nothing: Clio is read for the first trigger only")
    void replayedOrBusyTriggerSyncsNothing() throws Exception {
        connect();
        stubFirstRead();
        Map<String, Object> body = Map.of("matters", List.of("2026-0042"));
        Api.Reply first = api.postJson("scheduler", "/api/evaluations", body, Map.of("Idempotency-Key", "nightly-2026-11-30"));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        clio.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")));
        long auditAfterFirst = api.get("ethics", "/api/audit").list().size();

        Api.Reply replayed = api.postJson("scheduler", "/api/evaluations", body, Map.of("Idempotency-Key", "nightly-2026-11-30"));
        assertThat(replayed.status()).as("%s", replayed.body()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().get("id")).isEqualTo(first.json().get("id"));
        clio.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")));

        // another real evaluation holds the book (recorded, not yet running)
        evaluations.accept(new Evaluations.NewEvaluation("held-by-another-trigger", LocalDate.of(2026, 11, 30), false,
                "v1", 1, null, "scheduler", null, "another"), Timestamps.now(clock));
        Api.Reply busy = api.postJson("scheduler", "/api/evaluations", body);
        assertThat(busy.status()).as("%s", busy.body()).isEqualTo(409);
        assertThat(busy.json().get("message").toString()).contains("held-by-another-trigger");
        clio.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/matters.json")));
        assertThat(api.get("ethics", "/api/audit").list()).as("neither trigger wrote to the audit trail")
                .hasSize((int) auditAfterFirst);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A connection as the OAuth callback leaves it, without going through the browser. */
    private void connect() {
        clock.set(LocalDate.of(2026, 11, 30));
        connection.saveTokens(new ClioConnection.Tokens("ACCESS-1-h5Jk2pQ8xW3nV7bZ", "REFRESH-1-Lr4sT9uY2oP6aD1f",
                Instant.parse("2026-12-30T09:00:00Z")), Timestamps.now(clock));
    }

    private void stubFirstRead() throws IOException {
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("page_token", absent())
                .withQueryParam("updated_since", absent())
                .willReturn(page("matters-page1.json").withHeader("X-RateLimit-Limit", "50")
                        .withHeader("X-RateLimit-Remaining", "49")));
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("page_token", equalTo(PAGE_2))
                .inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"message\":\"Too Many Requests\"}"))
                .willSetStateTo("cooled"));
        clio.stubFor(WireMock.get(urlPathEqualTo("/api/v4/matters.json")).withQueryParam("page_token", equalTo(PAGE_2))
                .inScenario("throttle").whenScenarioStateIs("cooled")
                .willReturn(page("matters-page2.json")));
    }

    private static ResponseDefinitionBuilder page(String name) throws IOException {
        return okJson(resource(name).replace("%BASE%", clio.baseUrl()));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClioSyncIT.class.getResourceAsStream("/connectors/clio/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
