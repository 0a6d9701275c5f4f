package com.trustwatch.policy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.trustwatch.bench.SyntheticBook;
import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.evaluation.EvaluationTimings;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.trustwatch.fixtures.Workbooks.BANDS;
import static com.trustwatch.fixtures.Workbooks.TIERS;
import static com.trustwatch.fixtures.Workbooks.edit;
import static com.trustwatch.fixtures.Workbooks.shipped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances (two application contexts) on one MariaDB database. A version activated on
 * the first is picked up by the second within the poll interval and logged there; an evaluation the
 * second had already started when the activation came finishes on the version it started with, every
 * action it recorded carrying that version; the next evaluation runs on the new one.
 */
@MicronautTest(transactional = false)
class RulesetReplicasIT extends IntegrationTest {

    private static final int MATTERS = 400;
    /** The bound the issue asks for; the replicas poll every second here (5 s by default). */
    private static final Duration PICK_UP = Duration.ofSeconds(10);
    private static final java.nio.file.Path CACHE = java.nio.file.Path.of("target", "replicas-ruleset-cache-"
            + ProcessHandle.current().pid());

    @Inject
    ChangeRuleset change;

    @Inject
    ActiveRuleset active;

    private Map<String, String> properties;
    private ApplicationContext second;
    private final CountDownLatch inTheMiddle = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
        }
        return properties;
    }

    @Override
    protected Map<String, String> extraProperties() {
        // both replicas share one compiled-ruleset cache, as replicas on one host or volume do: the version
        // compiled when it was uploaded is restored, not recompiled, when the other replica switches to it
        // on MariaDB a whole-book run is leased in chunks; with one worker per replica and no replica polling for
        // chunks, the run's own replica works every chunk itself, so three of its four chunks are still unleased
        // when the new version is activated: the run must still finish them on the version it started with
        return Map.of("trustwatch.rulesets.poll-interval", "1s", "trustwatch.evaluation.chunk-size", "100",
                "trustwatch.rules.cache-dir", CACHE.toString(), "trustwatch.evaluation.workers", "1",
                "trustwatch.evaluation.poll-interval", "1h");
    }

    @BeforeAll
    void startSecondReplica() throws Exception {
        try (Connection c = db()) {
            new SyntheticBook().insert(c, 11, MATTERS);
        }
        // the second instance's evaluations stop after their first chunk's rules until the test lets them go on
        EvaluationTimings pause = (phase, matters, nanos) -> {
            if (phase == EvaluationTimings.Phase.RULES && inTheMiddle.getCount() > 0) {
                inTheMiddle.countDown();
                try {
                    goOn.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        second = ApplicationContext.builder().environments(Environment.TEST).properties(new HashMap<>(getProperties()))
                .singletons(pause).start();
        log.start();
        ((Logger) LoggerFactory.getLogger(ActivationWatch.class)).addAppender(log);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(ActivationWatch.class)).detachAppender(log);
        goOn.countDown();
        if (second != null) {
            second.close();
        }
    }

    @Test
    @DisplayName("an activation on one replica reaches the other within the bound and is logged there; the evaluation it was running finishes its unleased chunks on the old version")
    void activationReachesTheOtherReplica() throws Exception {
        ActiveRuleset other = second.getBean(ActiveRuleset.class);
        String v1 = active.get().version();
        assertThat(other.get().version()).isEqualTo(v1).startsWith("v1-");

        byte[] tiers = edit(edit(shipped(TIERS), "Tier reserves", "D6", 21), "Tier reserves", "B6",
                "Tier 2: request under 21 days of runway and refill to a 45-day reserve");
        byte[] bands = edit(shipped(BANDS), "Tests", "K8", 2100);
        RulesetView draft = change.upload(List.of(new ChangeRuleset.Upload(TIERS, tiers), new ChangeRuleset.Upload(BANDS, bands)),
                "tier 2 asks at 21 days", "billing");
        change.approve(draft.version(), "admin");

        CompletableFuture<EvaluateMatters.Summary> running = CompletableFuture.supplyAsync(() ->
                second.getBean(EvaluateMatters.class).execute(new EvaluationRequest(false, SyntheticBook.AS_OF.toString(),
                        null), "scheduler"));
        assertThat(inTheMiddle.await(2, TimeUnit.MINUTES)).as("the second replica's evaluation reached its first chunk").isTrue();

        long activatedAt = System.nanoTime();
        change.activate(draft.version(), "billing");
        String v2 = active.get().version();
        assertThat(v2).startsWith("v2-");
        while (!other.get().version().equals(v2) && System.nanoTime() - activatedAt < PICK_UP.toNanos()) {
            Thread.sleep(100);
        }
        assertThat(other.get().version()).as("the second replica's ruleset %s after the activation", PICK_UP).isEqualTo(v2);
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("Ruleset version " + v2
                + " is now in force on this replica (was " + v1 + ")")).hasSize(2);

        goOn.countDown();
        EvaluateMatters.Summary finished = running.get(2, TimeUnit.MINUTES);
        assertThat(finished.mattersEvaluated()).isEqualTo(MATTERS);
        assertThat(finished.rulesetVersion()).as("the evaluation that was running").isEqualTo(v1);
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE evaluation_id = '" + finished.id() + "'")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE evaluation_id = '" + finished.id()
                + "' AND ruleset_version <> '" + v1 + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE evaluation_id = '" + finished.id()
                + "' AND ruleset_version <> '" + v1 + "'")).isZero();

        EvaluateMatters.Summary next = second.getBean(EvaluateMatters.class)
                .execute(new EvaluationRequest(false, SyntheticBook.AS_OF.toString(), null), "scheduler");
        assertThat(next.rulesetVersion()).isEqualTo(v2);
    }
}
