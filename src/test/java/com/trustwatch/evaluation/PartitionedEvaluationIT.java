package com.trustwatch.evaluation;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.bench.SyntheticBook;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas (two application contexts on one MariaDB database, each leasing chunks with
 * SELECT ... FOR UPDATE SKIP LOCKED) evaluate one book together: every matter is checked once, every
 * action is recorded once, and a replica on another ruleset version takes no part.
 */
@MicronautTest(transactional = false)
class PartitionedEvaluationIT extends IntegrationTest {

    private static final int MATTERS = 3000;
    private static final String AS_OF = SyntheticBook.AS_OF.toString();

    @Inject
    EvaluateMatters evaluate;

    @Inject
    PartitionedEvaluation replicaA;

    @Inject
    AuditLog audit;

    @Inject
    com.trustwatch.rules.ActiveRuleset active;

    @Inject
    EvaluationJobs jobs;

    @Inject
    ProgressGate gate;
    @Inject
    AbandonedEvaluations abandoned;
    @Inject
    com.trustwatch.support.TestClock clock;

    private ApplicationContext second;

    @Override
    protected Map<String, String> extraProperties() {
        // two replicas of one worker each: the cancellation below counts on each holding one chunk at its gate
        return Map.of("spec.name", "PartitionedEvaluationIT", "trustwatch.evaluation.partitioned", "true",
                "trustwatch.evaluation.workers", "1",
                "trustwatch.evaluation.chunk-size", "100",
                "trustwatch.evaluation.poll-interval", "50ms",
                "trustwatch.evaluation.wait-millis", "20",
                "trustwatch.mail.dispatch-initial-delay", "1h",
                "trustwatch.rules.cache-dir", "");
    }

    /** Replica B: a second application on the same database, started once for the class (it holds no test data). */
    @BeforeAll
    void startSecondReplica() {
        second = ApplicationContext.builder().environments(Environment.TEST).properties(new HashMap<>(getProperties()))
                .start();
    }

    @AfterAll
    void stopSecondReplica() {
        if (second != null) {
            second.close();
        }
    }

    /** The synthetic book of {@value MATTERS} matters: {@value MATTERS} / 100 chunks to share. */
    private void aBookOfThirtyChunks() {
        given().syntheticBook(7, MATTERS);
    }

    private static EvaluationRequest realRun() {
        return new EvaluationRequest(false, AS_OF, null);
    }

    @Test
    @DisplayName("two replicas evaluate one book together: each matter is checked once and each action recorded once, as one instance would")
    void twoReplicasShareOneBook() throws Exception {
        aBookOfThirtyChunks();
        Set<String> expected = new HashSet<>();
        EvaluateMatters.Summary preview = evaluate.preview(new EvaluationRequest(true, AS_OF, null),
                (PlannedAction a) -> expected.add(a.idempotencyKey()));
        assertThat(expected).hasSize(preview.actionsPlanned());

        EvaluateMatters.Summary run = evaluate.execute(realRun(), "scheduler");

        assertThat(run.status()).isEqualTo("DONE");
        assertThat(run.mattersEvaluated()).isEqualTo(MATTERS);
        assertThat(run.actionsNew()).isEqualTo(expected.size());
        assertThat(count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + run.id() + "' AND state <> 'DONE'"))
                .isZero();
        Map<String, Long> chunksByOwner = chunksByOwner(run.id());
        assertThat(chunksByOwner).as("chunks worked by each replica").containsOnlyKeys(replicaA.owner(),
                second.getBean(PartitionedEvaluation.class).owner());
        assertThat(chunksByOwner.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(MATTERS / 100);

        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'CHECKED' AND evaluation_id = '" + run.id() + "'"))
                .isEqualTo(MATTERS);
        assertThat(count("SELECT COUNT(DISTINCT matter_number) FROM audit_entry WHERE kind = 'CHECKED'"
                + " AND evaluation_id = '" + run.id() + "'")).isEqualTo(MATTERS);
        assertThat(recordedKeys()).isEqualTo(expected);
        assertThat(count("SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = '" + run.id() + "'"))
                .isEqualTo(expected.size());
        assertThat(count("SELECT COUNT(*) FROM outbox")).isEqualTo(count("SELECT COUNT(*) FROM outbox o"
                + " JOIN planned_action a ON a.id = o.action_id WHERE a.evaluation_id = '" + run.id() + "'"));
        assertThat(audit.verify().valid()).as("the hash chain both replicas appended to").isTrue();
    }

    @Test
    @DisplayName("the same day again, started on the other replica, finds every action already recorded")
    void secondRunRecordsNothingNew() throws Exception {
        aBookOfThirtyChunks();
        assertThat(evaluate.execute(realRun(), "scheduler").actionsNew()).isPositive();
        long actions = count("SELECT COUNT(*) FROM planned_action");
        EvaluateMatters.Summary again = second.getBean(EvaluateMatters.class)
                .execute(realRun(), "scheduler");
        assertThat(again.mattersEvaluated()).isEqualTo(MATTERS);
        assertThat(again.actionsNew()).isZero();
        assertThat(count("SELECT COUNT(*) FROM planned_action")).isEqualTo(actions);
        assertThat(count("SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = '" + again.id()
                + "' AND outcome <> 'ALREADY_RECORDED'")).isZero();
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("a scheduler that asks for counts only gets the evaluation without its list of actions")
    void countsOnly() {
        aBookOfThirtyChunks();
        EvaluationView view = evaluate.run(new EvaluationRequest(false, AS_OF, null, false), "scheduler");
        assertThat(view.status()).isEqualTo("DONE");
        assertThat(view.mattersEvaluated()).isEqualTo(MATTERS);
        assertThat(view.actions()).as("counts only").isNull();
        assertThat(view.counts().byOutcome().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(view.actionsDecided()).isPositive();
        assertThat(view.progress().mattersDone()).isEqualTo(MATTERS);
    }

    @Test
    @DisplayName("a partitioned run cancelled after its first chunk withdraws the chunks no replica leased, stops CANCELLED with what it recorded released, and a later run completes the book")
    void partitionedRunCancels() throws Exception {
        aBookOfThirtyChunks();
        Set<String> expected = new HashSet<>();
        evaluate.preview(new EvaluationRequest(true, AS_OF, null), (PlannedAction a) -> expected.add(a.idempotencyKey()));
        ProgressGate gateB = second.getBean(ProgressGate.class);
        gate.close();
        gateB.close();
        String id;
        try {
            id = jobs.trigger(realRun(), "scheduler", null, java.time.Duration.ZERO).id();
            // a replica recorded a chunk and waits at its gate (each replica holds at most one chunk there)
            for (int i = 0; i < 1200 && count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id
                    + "' AND state = 'DONE'") == 0; i++) {
                Thread.sleep(100);
            }
            assertThat(jobs.cancel(id, "admin")).as("it stops after the chunks being recorded").isFalse();
            assertThat(count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id + "' AND state = 'CANCELLED'"))
                    .as("withdrawn").isBetween((long) MATTERS / 100 - 2, (long) MATTERS / 100 - 1);
        } finally {
            gate.open();
            gateB.open();
        }
        for (int i = 0; i < 1200 && count("SELECT COUNT(*) FROM evaluation WHERE id = '" + id
                + "' AND status IN ('QUEUED', 'RUNNING')") > 0; i++) {
            Thread.sleep(100);
        }
        long chunksDone = count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id + "' AND state = 'DONE'");
        assertThat(chunksDone + count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id
                + "' AND state = 'CANCELLED'")).isEqualTo(MATTERS / 100);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE id = '" + id + "' AND status = 'CANCELLED'"
                + " AND matters_evaluated = " + chunksDone * 100 + " AND book_lock IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'CHECKED' AND evaluation_id = '" + id + "'"))
                .isEqualTo(chunksDone * 100);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EVALUATION_CANCELLED' AND actor = 'admin'"
                + " AND evaluation_id = '" + id + "' AND detail LIKE '%stopped after " + chunksDone * 100 + " of "
                + MATTERS + " matters%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'HELD'")).as("released").isZero();
        long recordedByCancelled = count("SELECT COUNT(*) FROM planned_action");
        assertThat(recordedByCancelled).isLessThan(expected.size());

        EvaluateMatters.Summary later = evaluate.execute(realRun(), "scheduler");
        assertThat(later.status()).isEqualTo("DONE");
        assertThat(later.mattersEvaluated()).isEqualTo(MATTERS);
        assertThat(later.actionsNew()).isEqualTo(expected.size() - (int) recordedByCancelled);
        assertThat(recordedKeys()).isEqualTo(expected);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("a partitioned run declared abandoned withdraws its chunks no replica finished, so none is recorded into the ended run and nothing stays held")
    void abandonedRunWithdrawsItsChunks() throws Exception {
        aBookOfThirtyChunks();
        ProgressGate gateB = second.getBean(ProgressGate.class);
        gate.close();
        gateB.close();
        String id;
        try {
            id = jobs.trigger(realRun(), "scheduler", null, java.time.Duration.ZERO).id();
            for (int i = 0; i < 1200 && count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id
                    + "' AND state = 'DONE'") == 0; i++) {
                Thread.sleep(100);
            }
            // no sign of life for longer than abandon-after (15 minutes): the process running it is taken for dead
            clock.set(com.trustwatch.support.TestClock.START.plus(java.time.Duration.ofMinutes(16)));
            assertThat(abandoned.release()).containsExactly(id);
            assertThat(count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id
                    + "' AND state IN ('PENDING', 'LEASED')")).as("nothing left to lease").isZero();
            assertThat(count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id + "' AND state = 'CANCELLED'"))
                    .isPositive();
        } finally {
            gate.open();
            gateB.open();
        }
        long done = count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id + "' AND state = 'DONE'");
        Thread.sleep(3000); // the replicas' pollers run every 50 ms: time for one that would lease a withdrawn chunk
        assertThat(count("SELECT COUNT(*) FROM work_lease WHERE evaluation_id = '" + id + "' AND state = 'DONE'"))
                .as("no chunk recorded after the run ended").isEqualTo(done);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE id = '" + id + "' AND status = 'FAILED'"
                + " AND book_lock IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'CHECKED' AND evaluation_id = '" + id + "'"))
                .isEqualTo(done * 100);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'HELD'")).as("released").isZero();
        clock.reset();
    }

    @Test
    @DisplayName("a replica whose ruleset version differs leases nothing of another version's run, and its own run is its alone")
    void replicaOnAnotherRulesetRefuses(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
        aBookOfThirtyChunks();
        Path rules = copyOf(Path.of("rules"), copy.resolve("rules"));
        Path drl = rules.resolve("replenishment.drl");
        Files.writeString(drl, Files.readString(drl) + "\n// a rollout in progress\n");
        Map<String, Object> p = new HashMap<>(getProperties());
        p.put("trustwatch.rules.rules-dir", rules.toString());
        try (ApplicationContext otherRuleset = ApplicationContext.builder().environments(Environment.TEST).properties(p)
                .start()) {
            PartitionedEvaluation replicaC = otherRuleset.getBean(PartitionedEvaluation.class);
            String versionC = otherRuleset.getBean(com.trustwatch.rules.ActiveRuleset.class).get().version();
            assertThat(versionC).isNotEqualTo(active.get().version());

            EvaluateMatters.Summary run = evaluate.execute(realRun(), "scheduler");
            assertThat(chunksByOwner(run.id())).doesNotContainKey(replicaC.owner()).isNotEmpty();

            EvaluateMatters.Summary own = otherRuleset.getBean(EvaluateMatters.class).execute(realRun(), "scheduler");
            assertThat(own.rulesetVersion()).isEqualTo(versionC);
            assertThat(chunksByOwner(own.id())).containsOnlyKeys(replicaC.owner());
            assertThat(own.mattersEvaluated()).isEqualTo(MATTERS);
            assertThat(audit.verify().valid()).isTrue();
        }
    }

    private Map<String, Long> chunksByOwner(String evaluationId) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT owner, COUNT(*) FROM work_lease WHERE evaluation_id = ? GROUP BY owner")) {
            ps.setString(1, evaluationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private Set<String> recordedKeys() throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT idempotency_key FROM planned_action");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
