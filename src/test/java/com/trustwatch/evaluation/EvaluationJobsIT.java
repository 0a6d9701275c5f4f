package com.trustwatch.evaluation;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.bench.SyntheticBook;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evaluations as jobs on a 20,000-matter book against real MariaDB: triggered without waiting and
 * followed to the end, read by page, listed, retried with an Idempotency-Key, triggered twice at once
 * (and from a second replica), cancelled part-way and completed by a later run. A {@link ChunkGate}
 * holds the running evaluation between chunks whenever a test needs to look at it mid-run, so nothing
 * here depends on timing.
 */
@MicronautTest(transactional = false)
class EvaluationJobsIT extends IntegrationTest {

    static final int MATTERS = 20_000;
    static final int CHUNK = 1000;
    static final String AS_OF = SyntheticBook.AS_OF.toString();
    static final String NEXT_WEEK = SyntheticBook.AS_OF.plusDays(7).toString();
    static final Map<String, String> ASYNC = Map.of("Prefer", "respond-async");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ChunkGate gate;
    @Inject
    EvaluateMatters evaluate;
    @Inject
    AuditLog audit;
    @Inject
    TestClock clock;
    @Inject
    MeterRegistry meters;

    Api api;
    Set<String> expected;
    /** Two matters of the book, the first with a replenishment request as of {@link #AS_OF}. */
    List<String> twoMatters;

    @Override
    protected Map<String, String> extraProperties() {
        // the single path: these tests count on one chunk in flight (a leased run's two workers finish two
        // when cancelled), and on a closed replica's chunk coming back, which on the leased path waits for its
        // lease to run out on a clock that stands still here; PartitionedEvaluationIT covers the leased path
        return Map.of("spec.name", "EvaluationJobsIT", "trustwatch.evaluation.partitioned", "false",
                "trustwatch.evaluation.chunk-size", Integer.toString(CHUNK),
                "trustwatch.mail.dispatch-initial-delay", "1h", "trustwatch.rules.cache-dir", "",
                "micronaut.http.client.read-timeout", "300s");
    }

    @BeforeAll
    void loadBook() throws Exception {
        api = new Api(http.toBlocking());
        try (Connection c = db()) {
            new SyntheticBook().insert(c, 16, MATTERS);
        }
        expected = new HashSet<>();
        List<String> asked = new ArrayList<>();
        evaluate.preview(new EvaluationRequest(true, AS_OF, null), (PlannedAction a) -> {
            expected.add(a.idempotencyKey());
            if (asked.isEmpty() && a.type() == com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST) {
                asked.add(a.matterNumber());
            }
        });
        assertThat(asked).as("the book has a matter with a request").hasSize(1);
        twoMatters = List.of(asked.get(0), single("SELECT matter_number FROM matter WHERE matter_number <> '"
                + asked.get(0) + "' ORDER BY id LIMIT 1"));
    }

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @Test
    @DisplayName("a 20,000-matter book triggered without waiting answers 202 at once and is followed to DONE with progress rising chunk by chunk")
    @SuppressWarnings("unchecked")
    void asyncRunIsFollowedToDone() throws Exception {
        gate.close();
        Api.Reply accepted = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF), ASYNC);
        assertThat(accepted.status()).as("reply %s", accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo("/api/evaluations/" + accepted.json().get("id"));
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(accepted.json().get("status")).isIn("QUEUED", "RUNNING");
        assertThat(accepted.json()).containsEntry("dryRun", false).containsEntry("requestedBy", "scheduler");
        assertThat((Map<String, Object>) accepted.json().get("counts")).as("present before the first action too")
                .containsOnlyKeys("byType", "bySeverity", "byBand", "byOutcome");

        List<Integer> seen = new ArrayList<>();
        for (int chunk = 1; chunk <= MATTERS / CHUNK; chunk++) {
            gate.awaitChunk();
            Map<String, Object> now = api.get("billing", location).json();
            Map<String, Object> progress = (Map<String, Object>) now.get("progress");
            assertThat(now).containsEntry("status", "RUNNING");
            assertThat(progress).containsEntry("mattersTotal", MATTERS).containsKey("estimatedSecondsLeft");
            assertThat(progress.get("mattersDone")).isEqualTo(now.get("mattersEvaluated"));
            seen.add((Integer) progress.get("mattersDone"));
            // the gauges were last told after the chunk before this one (this one waits at the gate, recorded)
            assertThat(gauge("trustwatch.evaluation.running")).isEqualTo(1);
            assertThat(gauge("trustwatch.evaluation.progress.matters.total")).isEqualTo(MATTERS);
            assertThat(gauge("trustwatch.evaluation.progress.matters.done")).isEqualTo((chunk - 1) * CHUNK);
            gate.step();
        }
        gate.open();
        Map<String, Object> done = await(location);

        assertThat(seen).as("matters done, read between chunks").isSorted().doesNotHaveDuplicates()
                .startsWith(CHUNK).endsWith(MATTERS).hasSize(MATTERS / CHUNK);
        assertThat(done).containsEntry("status", "DONE").containsEntry("mattersEvaluated", MATTERS)
                .containsEntry("actionsNew", expected.size()).containsEntry("actionsDecided", expected.size())
                .doesNotContainKey("actions").containsEntry("actionsUrl", location + "/actions");
        Map<String, Object> progress = (Map<String, Object>) done.get("progress");
        assertThat(progress).containsEntry("mattersDone", MATTERS).containsEntry("percent", 100)
                .containsEntry("estimatedSecondsLeft", 0);
        Map<String, Map<String, Integer>> counts = (Map<String, Map<String, Integer>>) done.get("counts");
        for (String by : List.of("byType", "bySeverity", "byBand", "byOutcome")) {
            assertThat(counts.get(by).values().stream().mapToInt(Integer::intValue).sum()).as(by)
                    .isEqualTo(expected.size());
        }
        assertThat(counts.get("byOutcome")).containsExactly(Map.entry("NEW", expected.size()));
        assertThat(counts.get("byType").get("REPLENISHMENT_REQUEST")).isEqualTo(
                (int) count("SELECT COUNT(*) FROM planned_action WHERE type = 'REPLENISHMENT_REQUEST'"));
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'HELD'")).as("released at the end").isZero();
        assertThat(audit.verify().valid()).isTrue();
        // the checkpoint is signed once the closing transaction has committed, so a poller can see DONE a
        // moment before it (docs/operations.md); the progress gauges are reset after that
        assertThat(awaitCheckpoint(location)).as("the signed checkpoint of the run").isNotNull();
        assertThat(awaitGauge("trustwatch.evaluation.running")).as("ended").isZero();
        assertThat(awaitGauge("trustwatch.evaluation.progress.matters.done")).isZero();
    }

    private double gauge(String name) {
        return meters.get(name).tag("dry_run", "false").gauge().value();
    }

    /** The run's audit checkpoint, once it is kept (null if not within 30 s). */
    private Object awaitCheckpoint(String location) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Object checkpoint = api.get("scheduler", location).json().get("auditCheckpoint");
            if (checkpoint != null) {
                return checkpoint;
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** A gauge once it reads zero, or its value after 30 s. */
    private double awaitGauge(String name) throws InterruptedException {
        for (int i = 0; i < 300 && gauge(name) != 0; i++) {
            Thread.sleep(100);
        }
        return gauge(name);
    }

    @Test
    @DisplayName("the actions of a large evaluation come by page, filtered by type, severity, band, matter and outcome; bad filters are refused by name")
    void actionsByPage() throws Exception {
        Api.Reply run = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "includeActions", false));
        assertThat(run.status()).isEqualTo(200);
        String id = (String) run.json().get("id");
        String base = "/api/evaluations/" + id + "/actions";
        Api.Reply first = api.get("ethics", base + "?size=500");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.list()).hasSize(500);
        assertThat(first.header("X-Total-Count")).isEqualTo(Integer.toString(expected.size()));
        assertThat(first.header("Link")).contains("<" + base + "?page=2&size=500>; rel=\"next\"")
                .contains("rel=\"last\"").doesNotContain("rel=\"prev\"");
        Api.Reply second = api.get("ethics", base + "?page=2&size=500");
        Set<Object> keys = new HashSet<>();
        first.list().forEach(a -> keys.add(a.get("idempotencyKey")));
        second.list().forEach(a -> keys.add(a.get("idempotencyKey")));
        assertThat(keys).as("two pages, no action twice").hasSize(1000);
        assertThat(first.list()).allSatisfy(a -> assertThat(a).containsEntry("outcome", "NEW").containsKey("delivery"));

        Api.Reply requests = api.get("scheduler", base + "?type=replenishment_request&severity=HIGH&size=1000");
        long highRequests = count("SELECT COUNT(*) FROM planned_action WHERE type = 'REPLENISHMENT_REQUEST'"
                + " AND severity = 'HIGH'");
        assertThat(requests.header("X-Total-Count")).isEqualTo(Long.toString(highRequests));
        // delivery starts when the run ends, so a request may be waiting, on its way or sent by now
        assertThat(requests.list()).isNotEmpty().allSatisfy(a -> assertThat(a).containsEntry("type", "REPLENISHMENT_REQUEST")
                .containsEntry("severity", "HIGH").extractingByKey("delivery")
                .isIn("PENDING", "SENDING", "SENT", "AWAITING_REVIEW"));
        Api.Reply breach = api.get("scheduler", base + "?band=BREACH&outcome=NEW");
        assertThat(breach.header("X-Total-Count")).isEqualTo(Long.toString(
                count("SELECT COUNT(*) FROM planned_action WHERE band = 'BREACH'")));
        String matter = single("SELECT matter_number FROM planned_action ORDER BY id LIMIT 1");
        assertThat(api.get("billing", base + "?matter=" + matter).list())
                .allSatisfy(a -> assertThat(a).containsEntry("matterNumber", matter)).isNotEmpty();

        Api.Reply bad = api.get("billing", base + "?type=LETTER&severity=LOUD&page=0");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("message").toString()).contains("type: 'LETTER' is not one of REPLENISHMENT_REQUEST")
                .contains("severity: 'LOUD' is not one of LOW, MEDIUM, HIGH, CRITICAL")
                .contains("page: must be 1 or more");
        assertThat(api.get("billing", "/api/evaluations/no-such-id/actions").status()).isEqualTo(404);
        assertThat(api.get(null, base).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a retried trigger with the same Idempotency-Key finds its evaluation and starts nothing new; the same key with another request is refused")
    void idempotentTrigger() throws Exception {
        long before = count("SELECT COUNT(*) FROM evaluation");
        Map<String, String> keyed = Map.of("Prefer", "respond-async", "Idempotency-Key", "nightly-2026-11-20T08");
        // three matters are one chunk: enough to hold the run open at the gate, and quick
        Map<String, Object> body = Map.of("asOf", AS_OF, "matters", firstMatters(3));
        gate.close();
        Api.Reply first = api.postJson("scheduler", "/api/evaluations", body, keyed);
        assertThat(first.status()).isEqualTo(202);
        String id = (String) first.json().get("id");
        gate.awaitChunk(); // running, one chunk recorded

        Api.Reply retry = api.postJson("scheduler", "/api/evaluations", body, keyed);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json()).containsEntry("id", id).containsEntry("status", "RUNNING");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo("/api/evaluations/" + id);
        // the scheduler's synchronous retry (no Prefer) is the same: it gets the running evaluation, not a new one
        Api.Reply syncRetry = api.postJson("scheduler", "/api/evaluations", body,
                Map.of("Idempotency-Key", "nightly-2026-11-20T08"));
        assertThat(syncRetry.status()).isEqualTo(202);
        assertThat(syncRetry.json()).containsEntry("id", id);

        Api.Reply other = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", NEXT_WEEK), keyed);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("message").toString()).contains("Idempotency-Key: was used for a different request")
                .contains(id);
        Api.Reply badKey = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF),
                Map.of("Idempotency-Key", "has spaces in it"));
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.json().get("message").toString()).contains("Idempotency-Key: must be 1 to 255 printable");
        assertThat(count("SELECT COUNT(*) FROM evaluation")).as("nothing started by the retries").isEqualTo(before + 1);

        gate.open();
        await("/api/evaluations/" + id);
        Api.Reply afterwards = api.postJson("scheduler", "/api/evaluations", body, keyed);
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(afterwards.json()).containsEntry("id", id).containsEntry("status", "DONE")
                .containsEntry("actionsNew", api.get("scheduler", "/api/evaluations/" + id).json().get("actionsNew"));
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(before + 1);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE idempotency_key = 'nightly-2026-11-20T08'")).isEqualTo(1);
    }

    @Test
    @DisplayName("two triggers at once give one run; while it runs, a synchronous or other-day trigger is refused 409 naming it, here and on a second replica; once it ended the book is free")
    void oneRunOfTheBook() throws Exception {
        long before = count("SELECT COUNT(*) FROM evaluation");
        gate.close();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF), ASYNC);
            }));
        }
        go.countDown();
        Api.Reply a = replies.get(0).get(120, TimeUnit.SECONDS);
        Api.Reply b = replies.get(1).get(120, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(List.of(a.status(), b.status())).containsOnly(202);
        assertThat(a.header("Location")).as("both follow the one run").isEqualTo(b.header("Location"));
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(before + 1);
        String location = a.header("Location");
        gate.awaitChunk();

        Api.Reply sync = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF));
        assertThat(sync.status()).isEqualTo(409);
        assertThat(sync.header("Location")).isEqualTo(location);
        assertThat(sync.json().get("message").toString()).contains("one real evaluation of the book runs at a time")
                .contains(location.substring(location.lastIndexOf('/') + 1));
        Api.Reply otherDay = api.postJson("admin", "/api/evaluations", Map.of("asOf", NEXT_WEEK), ASYNC);
        assertThat(otherDay.status()).isEqualTo(409);
        assertThat(otherDay.header("Location")).isEqualTo(location);

        Map<String, String> replica = new HashMap<>(getProperties());
        try (ApplicationContext second = ApplicationContext.builder().environments(Environment.TEST)
                .properties(new HashMap<>(replica)).start()) {
            EvaluationJobs.Answer there = second.getBean(EvaluationJobs.class)
                    .trigger(new EvaluationRequest(false, NEXT_WEEK, null), "scheduler", null, null);
            assertThat(there).isInstanceOf(EvaluationJobs.Busy.class);
            assertThat(there.id()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
            assertThatThrownBy(() -> second.getBean(EvaluateMatters.class)
                    .execute(new EvaluationRequest(false, AS_OF, null), "scheduler"))
                    .isInstanceOf(EvaluateMatters.BookBusy.class).hasMessageContaining("one real evaluation of the book");
        }
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(before + 1);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE book_lock IS NOT NULL")).isEqualTo(1);

        // the point is made; stop the run after this chunk rather than wait for the whole book
        assertThat(api.postJson("scheduler", location + "/cancel", Map.of()).status()).isEqualTo(202);
        gate.open();
        assertThat(await(location)).containsEntry("status", "CANCELLED").containsEntry("mattersEvaluated", CHUNK);
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE book_lock IS NOT NULL")).isZero();
        Api.Reply now = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "matters", firstMatters(1)));
        assertThat(now.status()).as("the book is free again").isEqualTo(200);
    }

    @Test
    @DisplayName("cancelled part-way, a run stops after its chunk, keeps and releases what it recorded, is audited with who and where; a later run completes the book")
    @SuppressWarnings("unchecked")
    void cancelMidRun() throws Exception {
        Set<String> recordedBefore = keys("SELECT idempotency_key FROM planned_action");
        Set<String> nextWeek = new HashSet<>();
        evaluate.preview(new EvaluationRequest(true, NEXT_WEEK, null), (PlannedAction a) -> nextWeek.add(a.idempotencyKey()));
        Set<String> missing = new HashSet<>(nextWeek);
        missing.removeAll(recordedBefore);
        assertThat(missing).as("next week's run has new actions to record").isNotEmpty();

        gate.close();
        Api.Reply accepted = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", NEXT_WEEK), ASYNC);
        String id = (String) accepted.json().get("id");
        String location = accepted.header("Location");
        for (int chunk = 1; chunk < 5; chunk++) {
            gate.awaitChunk();
            gate.step();
        }
        gate.awaitChunk(); // the fifth chunk is recorded
        assertThat(api.postJson("billing", location + "/cancel", Map.of()).status()).isEqualTo(403);
        Api.Reply cancel = api.postJson("admin", location + "/cancel", Map.of());
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.json()).containsEntry("status", "RUNNING");
        assertThat((Map<String, Object>) cancel.json().get("cancellation")).containsEntry("requestedBy", "admin")
                .doesNotContainKey("stoppedAfterMatters");
        gate.open();
        Map<String, Object> stopped = await(location);

        assertThat(stopped).containsEntry("status", "CANCELLED").containsEntry("mattersEvaluated", 5 * CHUNK);
        assertThat((Map<String, Object>) stopped.get("cancellation")).containsEntry("requestedBy", "admin")
                .containsEntry("stoppedAfterMatters", 5 * CHUNK);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'CHECKED' AND evaluation_id = '" + id + "'"))
                .isEqualTo(5 * CHUNK);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'HELD'")).as("what it recorded is released").isZero();
        assertThat(single("SELECT actor FROM audit_entry WHERE kind = 'EVALUATION_CANCEL_REQUESTED' AND evaluation_id = '"
                + id + "'")).isEqualTo("admin");
        assertThat(single("SELECT detail FROM audit_entry WHERE kind = 'EVALUATION_CANCELLED' AND evaluation_id = '"
                + id + "'")).contains("CANCELLED by admin").contains("stopped after 5000 of 20000 matters")
                .contains("released for delivery");
        long recordedByCancelled = count("SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = '" + id
                + "' AND outcome = 'NEW'");
        assertThat(recordedByCancelled).isPositive().isLessThan(missing.size());
        assertThat(api.postJson("admin", location + "/cancel", Map.of()).status()).as("it has ended").isEqualTo(409);
        assertThat(audit.verify().valid()).isTrue();

        Api.Reply later = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", NEXT_WEEK, "includeActions", false));
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json()).containsEntry("status", "DONE").containsEntry("mattersEvaluated", MATTERS)
                .containsEntry("actionsNew", (int) (missing.size() - recordedByCancelled));
        Set<String> all = new HashSet<>(recordedBefore);
        all.addAll(nextWeek);
        assertThat(keys("SELECT idempotency_key FROM planned_action")).isEqualTo(all);
        assertThat(keys("SELECT idempotency_key FROM planned_action GROUP BY idempotency_key HAVING COUNT(*) > 1")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state = 'HELD'")).isZero();
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("the synchronous trigger still answers with the ended evaluation, and its actions when there are few")
    @SuppressWarnings("unchecked")
    void synchronousFormStillWorks() throws Exception {
        List<String> two = twoMatters;
        Api.Reply first = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "matters", two));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).containsEntry("status", "DONE").containsEntry("mattersEvaluated", 2)
                .containsEntry("selection", 2);
        assertThat((List<Map<String, Object>>) first.json().get("actions")).isNotEmpty()
                .hasSize((Integer) first.json().get("actionsDecided"))
                .anySatisfy(a -> assertThat(a).containsEntry("type", "REPLENISHMENT_REQUEST"))
                .allSatisfy(a -> assertThat(a).containsEntry("outcome", "NEW").containsKey("delivery"));
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "matters", two));
        assertThat(reply.status()).isEqualTo(200);
        List<Map<String, Object>> actions = (List<Map<String, Object>>) reply.json().get("actions");
        // the same again: nothing new (the request is not decided again while its episode is open)
        assertThat(reply.json()).containsEntry("actionsNew", 0);
        assertThat(actions).isNotEmpty().hasSize((Integer) reply.json().get("actionsDecided"))
                .allSatisfy(a -> assertThat(a).containsEntry("outcome", "ALREADY_RECORDED").containsKey("delivery"));
        Api.Reply waited = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "matters", two, "wait", 120));
        assertThat(waited.status()).as("a wait long enough answers like the synchronous form").isEqualTo(200);
        Api.Reply tooLong = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "wait", 86400));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("message").toString()).contains("wait: must be a number of seconds from 0 to 600");
    }

    @Test
    @DisplayName("GET /api/evaluations lists runs newest first, filtered by date, state and dry run, for the scheduler, billing managers, counsel and admins")
    void theList() throws Exception {
        String one = twoMatters.get(1);
        // four evaluations a minute apart: real as of this week and next, a dry run, and one cancelled
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF, "matters", List.of(one))).status())
                .isEqualTo(200);
        clock.advanceSeconds(60);
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("asOf", NEXT_WEEK, "matters", List.of(one)))
                .status()).isEqualTo(200);
        clock.advanceSeconds(60);
        gate.close();
        String cancelled;
        try {
            cancelled = (String) api.postJson("admin", "/api/evaluations", Map.of("asOf", NEXT_WEEK), ASYNC).json().get("id");
            gate.awaitChunk();
            assertThat(api.postJson("admin", "/api/evaluations/" + cancelled + "/cancel", Map.of()).status()).isEqualTo(202);
        } finally {
            gate.open();
        }
        await("/api/evaluations/" + cancelled);
        clock.advanceSeconds(60);
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("dryRun", true, "asOf", AS_OF,
                "matters", List.of(one))).status()).isEqualTo(200);

        Api.Reply all = api.get("ethics", "/api/evaluations?size=3");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("X-Total-Count")).isEqualTo("4");
        assertThat(all.list()).hasSize(3).first().satisfies(e -> assertThat(e).containsEntry("dryRun", true));
        assertThat(all.list()).extracting(e -> (String) e.get("acceptedAt")).isSortedAccordingTo(
                java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(all.list()).allSatisfy(e -> assertThat(e).doesNotContainKey("actions").containsKey("counts")
                .containsKey("progress"));
        assertThat(all.header("Link")).contains("rel=\"next\"");
        assertThat(api.get("billing", "/api/evaluations?status=CANCELLED").list()).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("id", cancelled).containsEntry("status", "CANCELLED"));
        assertThat(api.get("scheduler", "/api/evaluations?dryRun=true").list()).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("dryRun", true));
        assertThat(api.get("admin", "/api/evaluations?from=" + NEXT_WEEK + "&to=" + NEXT_WEEK + "&dryRun=false").list())
                .hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("asOf", NEXT_WEEK));
        Api.Reply bad = api.get("billing", "/api/evaluations?status=STUCK&from=2026-02-30&dryRun=yes");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("message").toString()).contains("status: 'STUCK' is not one of QUEUED, RUNNING,")
                .contains("from: ").contains("dryRun: must be true or false");
        Api.Reply reversed = api.get("billing", "/api/evaluations?from=" + NEXT_WEEK + "&to=2026-01-01");
        assertThat(reversed.status()).as("a range that ends before it starts is refused, not answered empty").isEqualTo(422);
        assertThat(reversed.json().get("message").toString()).contains("from: " + NEXT_WEEK + " is after to (2026-01-01)");
        assertThat(api.get(null, "/api/evaluations").status()).isEqualTo(401);
    }

    private List<String> firstMatters(int n) throws Exception {
        return new ArrayList<>(keys("SELECT matter_number FROM matter WHERE id <= " + n));
    }

    /** Polls an evaluation until it has ended. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> await(String location) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Map<String, Object> e = api.get("scheduler", location).json();
            if (!List.of("QUEUED", "RUNNING").contains(e.get("status"))) {
                return e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("evaluation " + location + " did not end");
    }

    private String single(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private Set<String> keys(String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
