package com.trustwatch.support;

import com.trustwatch.bench.SyntheticBook;
import com.trustwatch.outbox.Dispatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state an integration test starts from, built in named steps the way a firm builds it, through the
 * service's own HTTP API:
 * <pre>{@code
 * given().theDemoRoster()
 *        .drawdown(HENDERSON, "2000.00", "2026-11-12", "Hearing preparation")
 *        .evaluatedAsOf("2026-11-20")
 *        .dispatched();
 * }</pre>
 * Every step checks that it worked and says what it got otherwise, so a broken fixture never reads as a
 * broken test. {@link #evaluate} is the one step that returns what the service answered, for tests whose
 * subject is the evaluation itself.
 */
public final class Fixture {

    /** A connection to the test's own database. */
    @FunctionalInterface
    interface Database {
        Connection open() throws SQLException;
    }

    private final Api api;
    private final Dispatcher dispatcher;
    private final TestClock clock;
    private final Database database;
    private Api.Reply lastEvaluation;

    Fixture(Api api, Dispatcher dispatcher, TestClock clock, Database database) {
        this.api = api;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.database = database;
    }

    /** The README demo's roster (src/main/resources/demo/roster.csv): twelve matters, Henderson's among them. */
    public Fixture theDemoRoster() {
        Api.Reply reply = api.postCsv("billing", "/api/matters/import", demoRoster());
        assertThat(reply.status()).as("importing the demo roster: %s", reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("importing the demo roster").containsEntry("created", 12);
        return this;
    }

    /** A roster in the import format (header row included), imported whole. */
    public Fixture roster(String csv) {
        Api.Reply reply = api.postCsv("billing", "/api/matters/import", csv);
        assertThat(reply.status()).as("importing a roster: %s", reply.body()).isEqualTo(200);
        return this;
    }

    /** The matter {@code number} as {@code fields} describe it (PUT /api/matters/{number}: created or replaced). */
    public Fixture matter(String number, Map<String, ?> fields) {
        Api.Reply reply = api.putJson("billing", "/api/matters/" + number, fields);
        assertThat(reply.status()).as("PUT matter %s: %s", number, reply.body()).isIn(200, 201);
        return this;
    }

    /** A drawdown from the matter's trust ledger on {@code date} (YYYY-MM-DD). */
    public Fixture drawdown(String matter, String amount, String date) {
        return transaction(matter, "DRAWDOWN", amount, date, null);
    }

    public Fixture drawdown(String matter, String amount, String date, String description) {
        return transaction(matter, "DRAWDOWN", amount, date, description);
    }

    /** A deposit to the matter's trust ledger on {@code date} (YYYY-MM-DD). */
    public Fixture deposit(String matter, String amount, String date, String description) {
        return transaction(matter, "DEPOSIT", amount, date, description);
    }

    private Fixture transaction(String matter, String type, String amount, String date, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("amount", amount);
        body.put("date", date);
        if (description != null) {
            body.put("description", description);
        }
        Api.Reply reply = api.postJson("billing", "/api/matters/" + matter + "/transactions", body);
        assertThat(reply.status()).as("%s of %s on %s for %s: %s", type, amount, date, matter, reply.body())
                .isEqualTo(201);
        return this;
    }

    /** The test clock at 09:00 UTC on {@code date}. */
    public Fixture today(LocalDate date) {
        clock.set(date);
        return this;
    }

    /** The test clock at {@code instant}. */
    public Fixture clockAt(Instant instant) {
        clock.set(instant);
        return this;
    }

    /** A real evaluation as of {@code asOf} (of the whole book, or of {@code matters} only) that finished. */
    public Fixture evaluatedAsOf(String asOf, String... matters) {
        evaluate(asOf, matters);
        return this;
    }

    /** A real evaluation as of {@code date}, the test clock first moved forward to 09:00 that day if it is behind. */
    public Fixture evaluatedOn(LocalDate date, String... matters) {
        evaluateOn(date, matters);
        return this;
    }

    /** Every message that is due delivered (or attempted) now, by this application's dispatcher. */
    public Fixture dispatched() {
        dispatcher.dispatchNow();
        return this;
    }

    /** {@code count} matters of the synthetic book with {@code seed}, written straight into the matter table. */
    public Fixture syntheticBook(long seed, int count) {
        try (Connection c = database.open()) {
            new SyntheticBook().insert(c, seed, count);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the synthetic book (seed " + seed + ", " + count + " matters)", e);
        }
        return this;
    }

    /** A run without an as-of date, as the scheduler starts it: the firm's today, by the test clock, that finished. */
    public Fixture evaluatedToday() {
        evaluateToday();
        return this;
    }

    // ---- reviews of held requests -------------------------------------------------------------------

    /** {@code user} approved the pending review of {@code matter}'s held message, with {@code note}. */
    public Fixture requestApproved(String matter, String user, String note) {
        Object id = pendingReview(matter, user).get("id");
        Api.Reply reply = api.postJson(user, "/api/reviews/" + id + "/approve", Map.of("note", note));
        assertThat(reply.status()).as("%s approving the review of %s: %s", user, matter, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("the review of %s", matter).containsEntry("state", "APPROVED");
        return this;
    }

    /** {@code user} amended the pending request of {@code matter} to {@code amount} with {@code reason}. */
    public Fixture requestAmended(String matter, String user, String amount, String reason) {
        Object id = pendingReview(matter, user).get("id");
        Api.Reply reply = api.postJson(user, "/api/reviews/" + id + "/amend", Map.of("amount", amount, "reason", reason));
        assertThat(reply.status()).as("%s amending the request of %s: %s", user, matter, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("the review of %s", matter).containsEntry("state", "AMENDED");
        return this;
    }

    private Map<String, Object> pendingReview(String matter, String user) {
        Api.Reply reply = api.get(user, "/api/reviews?matter=" + matter);
        assertThat(reply.status()).as("the review list for %s: %s", matter, reply.body()).isEqualTo(200);
        assertThat(reply.list()).as("pending reviews of %s", matter).isNotEmpty();
        return reply.list().get(0);
    }

    // ---- ruleset versions and compliance packs ------------------------------------------------------

    /**
     * The billing manager uploaded {@code workbooks} (file name to bytes) with {@code note}; the service
     * stored them as the next DRAFT version (whether or not its Tests sheets pass).
     */
    public Fixture rulesetDraft(Map<String, byte[]> workbooks, String note) {
        Api.Reply reply = api.postFiles("billing", "/api/rulesets", workbooks, Map.of("note", note));
        assertThat(reply.status()).as("uploading %s: %s", workbooks.keySet(), reply.body()).isEqualTo(201);
        assertThat(reply.json()).as("the uploaded version").containsEntry("state", "DRAFT");
        return this;
    }

    /** {@code user} (not the uploader) approved ruleset {@code version}. */
    public Fixture rulesetApproved(int version, String user) {
        Api.Reply reply = api.postJson(user, "/api/rulesets/" + version + "/approve", Map.of());
        assertThat(reply.status()).as("%s approving version %s: %s", user, version, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("version %s", version).containsEntry("state", "APPROVED");
        return this;
    }

    /** {@code user} rejected ruleset {@code version} with {@code note}. */
    public Fixture rulesetRejected(int version, String user, String note) {
        Api.Reply reply = api.postJson(user, "/api/rulesets/" + version + "/reject", Map.of("note", note));
        assertThat(reply.status()).as("%s rejecting version %s: %s", user, version, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("version %s", version).containsEntry("state", "REJECTED");
        return this;
    }

    /** {@code user} put ruleset {@code version} in force (an approved one, or one in force before: a rollback). */
    public Fixture rulesetActivated(int version, String user) {
        Api.Reply reply = api.postJson(user, "/api/rulesets/" + version + "/activate", Map.of());
        assertThat(reply.status()).as("%s activating version %s: %s", user, version, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("version %s", version).containsEntry("state", "ACTIVE");
        return this;
    }

    /** Ethics counsel ({@code reviewer}) signed off the current text of compliance pack {@code pack} with {@code note}. */
    public Fixture packSignedOff(String pack, String reviewer, String note) {
        Api.Reply reply = api.postJson(reviewer, "/api/rules/packs/" + pack + "/signoff", Map.of("note", note));
        assertThat(reply.status()).as("%s signing off %s: %s", reviewer, pack, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("pack %s", pack).containsEntry("status", "SIGNED_OFF");
        return this;
    }

    // ---- steps that answer ----------------------------------------------------------------------------

    /**
     * Runs a real evaluation as of {@code asOf} (of the whole book, or of {@code matters} only) as the
     * scheduler would, checks that it finished, and returns the service's answer. Does not dispatch.
     */
    public Api.Reply evaluate(String asOf, String... matters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", asOf);
        if (matters.length > 0) {
            body.put("matters", List.of(matters));
        }
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", body);
        assertThat(reply.status()).as("evaluation as of %s: %s", asOf, reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("evaluation as of %s", asOf).containsEntry("status", "DONE");
        lastEvaluation = reply;
        return reply;
    }

    /** {@link #evaluatedToday}, returning the service's answer. Does not dispatch. */
    public Api.Reply evaluateToday() {
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", Map.of());
        assertThat(reply.status()).as("evaluation without an as-of date: %s", reply.body()).isEqualTo(200);
        assertThat(reply.json()).as("evaluation without an as-of date").containsEntry("status", "DONE");
        lastEvaluation = reply;
        return reply;
    }

    /** {@link #evaluate} on {@code date}, with the test clock first moved forward to 09:00 that day if it is behind. */
    public Api.Reply evaluateOn(LocalDate date, String... matters) {
        if (clock.instant().isBefore(date.atTime(9, 0).toInstant(ZoneOffset.UTC))) {
            clock.set(date);
        }
        return evaluate(date.toString(), matters);
    }

    /** What the last evaluation of this fixture answered. */
    public Api.Reply lastEvaluation() {
        assertThat(lastEvaluation).as("no evaluation has run in this fixture").isNotNull();
        return lastEvaluation;
    }

    static String demoRoster() {
        try (InputStream in = Fixture.class.getResourceAsStream("/demo/roster.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
