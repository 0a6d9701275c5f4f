package com.trustwatch.action;

import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Low-balance episodes are opened in one batch per chunk; the audit must still say EPISODE_OPENED
 * exactly once for each episode an evaluation opened, and never for one another evaluation opened.
 */
@MicronautTest(transactional = false)
class EpisodesOpenedOnceIT extends IntegrationTest {

    private static final int MATTERS = 1200;

    @Inject
    EvaluateMatters evaluate;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.evaluation.chunk-size", "250", "trustwatch.mail.dispatch-initial-delay", "1h",
                "trustwatch.rules.cache-dir", "");
    }

    /** The synthetic book of {@value MATTERS} matters, about a fifth of them below their threshold. */
    private void aBookWithLowMatters() {
        given().syntheticBook(11, MATTERS);
    }

    /** A real evaluation as of {@code asOf}, started straight on the use case (no dispatch pass follows it). */
    private EvaluateMatters.Summary evaluatedAsOf(String asOf) {
        return evaluate.execute(new EvaluationRequest(false, asOf, null), "scheduler");
    }

    @Test
    @DisplayName("each first client request opens one episode, and the audit records each opening once")
    void eachOpeningAuditedOnce() throws Exception {
        aBookWithLowMatters();
        EvaluateMatters.Summary run = evaluatedAsOf("2026-11-20");
        long requests = count("SELECT COUNT(*) FROM planned_action WHERE type = 'REPLENISHMENT_REQUEST'"
                + " AND evaluation_id = '" + run.id() + "'");
        assertThat(requests).isPositive();
        assertThat(count("SELECT COUNT(*) FROM low_balance_episode WHERE status = 'OPEN'")).isEqualTo(requests);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EPISODE_OPENED' AND evaluation_id = '"
                + run.id() + "'")).isEqualTo(requests);
        assertThat(count("SELECT COUNT(DISTINCT matter_number) FROM audit_entry WHERE kind = 'EPISODE_OPENED'"))
                .isEqualTo(requests);
    }

    @Test
    @DisplayName("the same day again opens nothing and audits no opening")
    void sameDayAgainOpensNothing() throws Exception {
        aBookWithLowMatters();
        evaluatedAsOf("2026-11-20");
        long before = count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EPISODE_OPENED'");
        assertThat(before).isPositive();
        evaluatedAsOf("2026-11-20");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EPISODE_OPENED'")).isEqualTo(before);
    }

    @Test
    @DisplayName("two evaluations of another day asked at once: one runs at a time, the other runs after it or is refused, and every episode opened is audited once")
    void concurrentEvaluationsAuditEachOpeningOnce() throws Exception {
        aBookWithLowMatters();
        evaluatedAsOf("2026-11-20");
        try (Connection c = db(); Statement s = c.createStatement()) {
            // the first week's episodes ended (deposits came in), so the next run opens new ones
            s.executeUpdate("UPDATE low_balance_episode SET status = 'STOPPED', open_key = NULL");
        }
        long before = count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EPISODE_OPENED'");
        List<CompletableFuture<Object>> runs = List.of(
                CompletableFuture.supplyAsync(() -> runOrRefused("a")), CompletableFuture.supplyAsync(() -> runOrRefused("b")));
        List<Object> outcomes = runs.stream().map(CompletableFuture::join).toList();
        assertThat(outcomes).hasAtLeastOneElementOfType(EvaluateMatters.Summary.class)
                .allSatisfy(o -> assertThat(o).isInstanceOfAny(EvaluateMatters.Summary.class, EvaluateMatters.BookBusy.class));
        long open = count("SELECT COUNT(*) FROM low_balance_episode WHERE status = 'OPEN'");
        assertThat(open).isPositive();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EPISODE_OPENED'") - before).isEqualTo(open);
    }

    private Object runOrRefused(String actor) {
        try {
            return evaluate.execute(new EvaluationRequest(false, "2026-11-27", null), actor);
        } catch (EvaluateMatters.BookBusy busy) {
            return busy;
        }
    }
}
