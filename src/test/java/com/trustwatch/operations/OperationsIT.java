package com.trustwatch.operations;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.outbox.OutboxMetrics;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator of the service sees: health, info, metrics, the API document, request ids. */
@MicronautTest(transactional = false)
class OperationsIT extends IntegrationTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    OutboxMetrics outboxMetrics;

    Api api;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.security.users.scraper.password", PASSWORD_HASH,
                "trustwatch.security.users.scraper.roles", "MONITORING");
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    record Answer(int status, String body, Map<String, String> headers) {
    }

    Answer call(MutableHttpRequest<?> request, String user) {
        if (user != null) {
            request.basicAuth(user, PASSWORD);
        }
        try {
            HttpResponse<String> r = http.toBlocking().exchange(request, String.class);
            return new Answer(r.code(), r.getBody().orElse(""), headers(r));
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""), headers(e.getResponse()));
        }
    }

    private static Map<String, String> headers(HttpResponse<?> r) {
        Map<String, String> h = new HashMap<>();
        r.getHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
        return h;
    }

    @Test
    @DisplayName("liveness and readiness answer anyone with the status alone; an admin sees database, ruleset and mail transport in the details, no one else does")
    @SuppressWarnings("unchecked")
    void health() {
        for (String path : List.of("/health/liveness", "/health/readiness", "/health")) {
            Api.Reply anonymous = api.get(null, path);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            assertThat(anonymous.json()).as(path).containsEntry("status", "UP").doesNotContainKey("details");
            assertThat(api.get("billing", path).json()).as("a non-admin login").doesNotContainKey("details");
        }
        Map<String, Object> ready = api.get("admin", "/health/readiness").json();
        Map<String, Object> details = (Map<String, Object>) ready.get("details");
        assertThat(details).containsKeys("jdbc", "ruleset", "mail", "diskSpace");
        assertThat(((Map<String, Object>) details.get("ruleset")).get("status")).isEqualTo("UP");
        Map<String, Object> mail = (Map<String, Object>) details.get("mail");
        assertThat(mail.get("status")).isEqualTo("UP");
        assertThat((Map<String, Object>) mail.get("details")).containsEntry("mode", "smtp");
        assertThat(details.get("jdbc").toString()).contains("jdbc:mysql:");

        // the count of packs without a sign-off follows the sign-offs as they are given, not as they were at start
        long unsigned = ((Number) ((Map<String, Object>) ((Map<String, Object>) details.get("ruleset")).get("details"))
                .get("packsWithoutSignoff")).longValue();
        given().packSignedOff("us-tx.drl", "ethics", "Reviewed against Tex. R. 1.15");
        Map<String, Object> after = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) api.get("admin",
                "/health/readiness").json().get("details")).get("ruleset")).get("details");
        assertThat(((Number) after.get("packsWithoutSignoff")).longValue()).isEqualTo(unsigned - 1);
    }

    @Test
    @DisplayName("/info answers 200 with the build and the ruleset in force to admin and monitoring logins, 403 to other roles, 401 to no login")
    @SuppressWarnings("unchecked")
    void info() {
        Api.Reply reply = api.get("admin", "/info");
        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> build = (Map<String, Object>) reply.json().get("build");
        assertThat(build).containsEntry("name", "trustwatch").containsKey("version").containsKey("time");
        assertThat((String) build.get("version")).doesNotContain("${");
        Map<String, Object> ruleset = (Map<String, Object>) reply.json().get("ruleset");
        Object inForce = api.postJson("scheduler", "/api/evaluations", Map.of("dryRun", true)).json().get("rulesetVersion");
        assertThat(ruleset).containsEntry("version", inForce);
        assertThat(api.get("scraper", "/info").status()).isEqualTo(200);
        assertThat(api.get("billing", "/info").status()).isEqualTo(403);
        assertThat(api.get(null, "/info").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("one request id per call: the caller's X-Request-Id (or a made-up one) comes back and is on every log line of the evaluation it triggered")
    void requestIdThroughTheEvaluation() {
        given().theDemoRoster();
        Logger logger = (Logger) LoggerFactory.getLogger(EvaluateMatters.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Answer given = call(HttpRequest.POST("/api/evaluations", Map.of("asOf", "2026-11-20"))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Request-Id", "sched-2026-11-20-0800"), "scheduler");
            assertThat(given.status()).isEqualTo(200);
            assertThat(given.headers()).containsEntry("x-request-id", "sched-2026-11-20-0800");
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("started by scheduler"))
                    .anySatisfy(m -> assertThat(m).contains("DONE"));
            assertThat(lines.list).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                    .containsEntry("requestId", "sched-2026-11-20-0800"));

            lines.list.clear();
            Answer made = call(HttpRequest.POST("/api/evaluations", Map.of("dryRun", true))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Request-Id", "not a plain token; " + "x".repeat(80)), "scheduler");
            assertThat(made.headers().get("x-request-id")).matches("[0-9a-f-]{36}");
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    @DisplayName("Prometheus metrics for a monitoring login: evaluation time and matters, actions by type and severity, outbox by state, dead letters, oldest due message, audit verification, failed logins")
    void prometheus() throws Exception {
        // the metrics count since the application started, other tests' evaluations included: compare before and after
        String before = call(HttpRequest.GET("/prometheus"), "scraper").body();
        given().theDemoRoster().evaluatedAsOf("2026-11-20");
        assertThat(api.get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
        call(HttpRequest.GET("/api/rules"), null);
        call(HttpRequest.GET("/api/rules").basicAuth("billing", "wrong"), null);
        outboxMetrics.refresh();
        Answer scrape = call(HttpRequest.GET("/prometheus"), "scraper");
        assertThat(scrape.status()).isEqualTo(200);
        String text = scrape.body();
        String evaluations = "trustwatch_evaluation_duration_seconds_count\\{dry_run=\"false\",status=\"DONE\"}";
        String matters = "trustwatch_evaluation_matters_total\\{dry_run=\"false\"}";
        assertThat(sample(text, evaluations) - sampleOrZero(before, evaluations)).isEqualTo(1);
        assertThat(sample(text, matters) - sampleOrZero(before, matters)).isEqualTo(12);
        assertThat(sample(text, "trustwatch_evaluation_last_matters_per_second")).isPositive();
        assertThat(text).containsPattern("trustwatch_actions_recorded_total\\{severity=\"[A-Z]+\",type=\"REPLENISHMENT_REQUEST\"}");
        assertThat(actionsRecorded(text) - actionsRecorded(before)).isEqualTo(count("SELECT COUNT(*) FROM planned_action"));
        double outboxRows = Pattern.compile("trustwatch_outbox_messages\\{state=\"[A-Z]+\"} ([0-9.E]+)").matcher(text).results()
                .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
        assertThat(outboxRows).isEqualTo(count("SELECT COUNT(*) FROM outbox"));
        assertThat(sample(text, "trustwatch_outbox_dead_letters")).isEqualTo(count("SELECT COUNT(*) FROM outbox WHERE state = 'DEAD'"));
        assertThat(text).contains("trustwatch_outbox_oldest_due_seconds");
        assertThat(sample(text, "trustwatch_audit_chain_valid")).isEqualTo(1);
        assertThat(sample(text, "trustwatch_logins_failed_total\\{reason=\"bad_credentials\"}")).isGreaterThanOrEqualTo(1);
        assertThat(call(HttpRequest.GET("/prometheus"), "billing").status()).isEqualTo(403);
        assertThat(call(HttpRequest.GET("/prometheus"), null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("the OpenAPI document and its Swagger UI are served to a logged-in user, with every endpoint's roles and the error shape, and nothing from a CDN")
    void openApi() {
        Answer doc = call(HttpRequest.GET("/swagger/trustwatch.yml"), "billing");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/evaluations:").contains("/api/matters/import:").contains("/api/audit/verify:")
                .contains("ApiError:").contains("\"422\":").contains("- SCHEDULER").contains("scheme: basic");
        Answer ui = call(HttpRequest.GET("/swagger-ui/index.html"), "billing");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js");
        Matcher external = Pattern.compile("(src|href)=\"(https?:)?//").matcher(ui.body());
        assertThat(external.find()).as("no script or style from another host").isFalse();
        assertThat(call(HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js"), "billing").status()).isEqualTo(200);
        assertThat(call(HttpRequest.GET("/swagger/trustwatch.yml"), null).status()).isEqualTo(401);
    }

    private static double actionsRecorded(String scrape) {
        return Pattern.compile("trustwatch_actions_recorded_total\\{[^}]*} ([0-9.E]+)").matcher(scrape).results()
                .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
    }

    /** A series' value, or 0 when it is not there yet (a counter appears with its first increment). */
    private static double sampleOrZero(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.E+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double sample(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.E+-]+)$").matcher(text);
        assertThat(m.find()).as("series %s in\n%s", series, text.lines().filter(l -> l.startsWith("trustwatch")).toList()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
