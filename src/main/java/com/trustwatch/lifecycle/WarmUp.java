package com.trustwatch.lifecycle;

import com.trustwatch.action.ActionPlanner;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.matter.ImportRoster;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.security.PasswordHashes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The warm-up evaluation at start ({@code trustwatch.startup.warm-up}, on by default): while the rest
 * of the service starts, a thread of its own runs the synthetic demo roster (the twelve matters of
 * {@code demo/roster.csv} inside the jar, never the firm's book) as of the roster's own date through
 * the ruleset in force and the action planner, so that the first real evaluation finds the Drools
 * session, the rules' generated classes and the planner loaded and compiled instead of paying for
 * them itself (docs/benchmarks.md, "Cold start"). Then it takes two more steps of a first call's path
 * off it: a bcrypt hash and check of a throwaway password at the lowest cost (every API call checks its
 * caller's password with bcrypt, whose loops run interpreted until they are compiled), and its own
 * summary written as JSON (as every answer is).
 *
 * <p>What it calls reads no table and writes nothing: the matters are parsed from the jar, not read
 * from the database; the rules session only decides; the planner only computes recipients, keys and
 * deadlines; the password is made up and only hashed and checked in memory, no login is added or
 * changed; the JSON is thrown away. Nothing is recorded (no evaluation, action, outbox row, episode or audit entry), nothing
 * is sent, no metric is counted, and the result is only logged. A failure is logged and otherwise
 * ignored: the first real evaluation then pays for the cold start as before.
 */
@Singleton
@Requires(property = "trustwatch.startup.warm-up", notEquals = "false")
public class WarmUp {

    /** The as-of date the demo roster's figures are written for (its last reconciliations, replenishments). */
    static final LocalDate ROSTER_DATE = LocalDate.of(2026, 11, 20);

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /**
     * What a warm-up did: matters decided, proposals the rules made, actions planned, whether the
     * throwaway password matched its own hash, the bytes of JSON written, wall time.
     */
    public record Result(int matters, int proposals, int planned, boolean passwordChecked, int jsonBytes, long millis) {
    }

    /** The lowest cost bcrypt takes: the same loops as a real check, sixteen rounds of them. */
    private static final int THROWAWAY_COST = 4;

    private final ActiveRuleset rules;
    private final ImportRoster roster;
    private final ActionPlanner planner;
    private final JsonMapper json;
    private final CompletableFuture<Result> done = new CompletableFuture<>();

    WarmUp(ActiveRuleset rules, ImportRoster roster, ActionPlanner planner, JsonMapper json) {
        this.rules = rules;
        this.roster = roster;
        this.planner = planner;
        this.json = json;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // a thread of its own: the rest of the start (server, schedulers) goes on meanwhile on the other core
        Thread thread = new Thread(this::runAndLog, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes when the warm-up has ended (exceptionally when it failed). */
    public CompletableFuture<Result> done() {
        return done;
    }

    private void runAndLog() {
        try {
            Result result = run();
            LOG.info("Warm-up: {} synthetic matters decided and planned under ruleset {} ({} proposals, {} actions),"
                    + " a throwaway password hashed and checked, {} bytes of JSON written, nothing recorded or sent,"
                    + " in {} ms", result.matters(), rules.get().version(), result.proposals(), result.planned(),
                    result.jsonBytes(), result.millis());
            done.complete(result);
        } catch (RuntimeException | Error e) {
            LOG.warn("Warm-up failed; the first evaluation will start cold: {}", e.toString());
            done.completeExceptionally(e);
        }
    }

    /** One pass of the synthetic roster through rules and planning; returns what it decided. Writes nothing. */
    Result run() {
        long start = System.nanoTime();
        Ruleset ruleset = rules.get();
        List<Matter> matters = syntheticMatters();
        Map<String, Matter> byNumber = new LinkedHashMap<>();
        Map<String, MatterFacts> facts = new LinkedHashMap<>();
        for (Matter m : matters) {
            byNumber.put(m.matterNumber(), m);
            facts.put(m.matterNumber(), MatterFacts.of(m, ROSTER_DATE));
        }
        RuleEngine.Outcome outcome = new RuleEngine().evaluate(ruleset, ROSTER_DATE, facts.values(), List.of(), false);
        List<ActionProposal> proposals = new ArrayList<>(outcome.proposals());
        proposals.sort(Comparator.comparing(ActionProposal::matterNumber).thenComparing(p -> p.type().ordinal()));
        List<PlannedAction> planned = planner.plan(proposals, byNumber, facts, ruleset.version(), ROSTER_DATE);
        String throwaway = "warm-up-" + System.nanoTime();
        boolean passwordChecked = PasswordHashes.matches(throwaway, PasswordHashes.hash(throwaway, THROWAWAY_COST));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ruleset", ruleset.version());
        summary.put("asOf", ROSTER_DATE.toString());
        summary.put("matters", matters.size());
        summary.put("actions", planned.stream().map(a -> Map.of("matter", a.matterNumber(), "type", a.type().name()))
                .toList());
        int jsonBytes;
        try {
            jsonBytes = json.writeValueAsBytes(summary).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(matters.size(), proposals.size(), planned.size(), passwordChecked, jsonBytes,
                (System.nanoTime() - start) / 1_000_000);
    }

    private List<Matter> syntheticMatters() {
        try (InputStream in = WarmUp.class.getResourceAsStream("/demo/roster.csv")) {
            if (in == null) {
                throw new IllegalStateException("demo/roster.csv is missing from the class path");
            }
            return roster.parse(new InputStreamReader(in, StandardCharsets.UTF_8), ROSTER_DATE); // the book is as of then
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
