package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.outbox.Outbox;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.mail.ComposeMessages;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.mail.MailSettings;
import com.trustwatch.mail.Mailer;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.Received;
import com.trustwatch.support.TestMail;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overlapping triggers, as a scheduler that fires twice (or a retrying cron, or two replicas) would
 * produce them: a dozen real evaluations for the same day asked at once against real MariaDB, then
 * several dispatchers racing for the outbox. One real evaluation of the book runs at a time (a trigger
 * that finds one running is refused 409 naming it); every action must be recorded once and every
 * message delivered once.
 */
@MicronautTest(transactional = false)
class ConcurrentTriggersIT extends IntegrationTest {

    static final int TRIGGERS = 12;
    static final String AS_OF = "2026-11-20";
    /** A book large enough that each evaluation works in many chunks, which is where overlapping runs interleave. */
    static final int SYNTHETIC_MATTERS = 240;
    static final int SYNTHETIC_CLIENTS = 80;
    static final int CHUNK = 25;
    static final Set<String> MESSAGE_TYPES = Set.of("REPLENISHMENT_REQUEST", "ESCALATION", "PAUSE_WORK_NOTICE",
            "INTERNAL_ALERT", "COMPLIANCE_FLAG");

    @Inject
    Dispatcher dispatcher;
    @Inject
    EvaluateMatters evaluate;

    // the parts of a second and third service instance: same database, same mail server
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> tx;
    @Inject
    Actions actions;
    @Inject
    Outbox outbox;
    @Inject
    ExceptionQueue queue;
    @Inject
    @Named(TaskExecutors.SCHEDULED)
    TaskScheduler scheduler;
    @Inject
    MatterRepository matterRepository;
    @Inject
    ComposeMessages compose;
    @Inject
    Mailer mailer;
    @Inject
    AuditLog auditLog;
    @Inject
    MailSettings mailSettings;
    @Inject
    Clock clock;
    @Inject
    LockConflicts lockConflicts;

    @Override
    protected Map<String, String> extraProperties() {
        // twelve evaluations share two cores: the default 10 s read timeout is about the client, not the service
        return Map.of("micronaut.http.client.read-timeout", "300s",
                "trustwatch.evaluation.chunk-size", Integer.toString(CHUNK));
    }

    /** The demo book plus the synthetic clients' low matters, Henderson 2000.00 lower. */
    private void aBookOfManyLowMatters() throws Exception {
        given().roster(demoRoster() + syntheticBook())
                .drawdown("M-2024-0847", "2000.00", "2026-11-12", "Hearing preparation");
    }

    /** What a dry run plans: each action's key, and how many messages that makes (client requests consolidated). */
    record Plan(List<Map<String, Object>> actions, Set<String> keys, int messages) {
    }

    @SuppressWarnings("unchecked")
    private Plan dryRun() {
        Api.Reply dry = api().postJson("scheduler", "/api/evaluations", Map.of("dryRun", true, "asOf", AS_OF));
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json()).containsEntry("mattersEvaluated", 12 + SYNTHETIC_MATTERS);
        List<Map<String, Object>> planned = (List<Map<String, Object>>) dry.json().get("actions");
        Set<String> keys = new HashSet<>();
        Set<Object> clientContacts = new HashSet<>();
        int internal = 0;
        for (Map<String, Object> a : planned) {
            keys.add((String) a.get("idempotencyKey"));
            if (held(a)) {
                continue; // waits for a person on the review list: no message until it is released
            }
            if ("REPLENISHMENT_REQUEST".equals(a.get("type"))) {
                clientContacts.add(((Map<String, Object>) a.get("recipients")).get("to"));
            } else if (MESSAGE_TYPES.contains(a.get("type"))) {
                internal++;
            }
        }
        assertThat(keys).hasSize(planned.size());
        assertThat(clientContacts.size()).as("Atlas's two low matters go to one billing contact")
                .isLessThan((int) planned.stream().filter(a -> "REPLENISHMENT_REQUEST".equals(a.get("type"))).count());
        return new Plan(planned, keys, clientContacts.size() + internal);
    }

    /** A client request the rules hold for an attorney or billing manager (litigation, a negative client ledger). */
    private static boolean held(Map<String, Object> action) {
        return action.get("heldFor") instanceof List<?> holds && !holds.isEmpty();
    }

    @Test
    @DisplayName("twelve evaluations for the same day asked at once: never two at the same time, the others refused naming the running one, each planned action recorded exactly once")
    void overlappingTriggersRecordEachActionOnce() throws Exception {
        aBookOfManyLowMatters();
        Plan plan = dryRun();
        List<Map<String, Object>> planned = plan.actions();
        Set<String> plannedKeys = plan.keys();

        ExecutorService pool = Executors.newFixedThreadPool(TRIGGERS);
        CountDownLatch ready = new CountDownLatch(TRIGGERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < TRIGGERS; i++) {
            replies.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return api().postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF));
            }));
        }
        ready.await(30, TimeUnit.SECONDS);
        long start = System.nanoTime();
        go.countDown();
        int recordedNew = 0;
        int ran = 0;
        Set<String> ids = new HashSet<>();
        for (Future<Api.Reply> f : replies) {
            Api.Reply r = f.get(300, TimeUnit.SECONDS);
            assertThat(r.status()).as("reply %s", r.body()).isIn(200, 409);
            if (r.status() == 200) {
                assertThat(r.json()).containsEntry("status", "DONE");
                recordedNew += ((Number) r.json().get("actionsNew")).intValue();
                ids.add((String) r.json().get("id"));
                ran++;
            } else {
                assertThat(r.header("Location")).startsWith("/api/evaluations/");
                assertThat(r.json().get("message").toString()).contains("one real evaluation of the book runs at a time");
            }
        }
        assertThat(ids).hasSize(ran);
        long millis = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        System.out.printf("%d triggers at once of %d matters in chunks of %d: %d ms; %d ran, %d refused; %d actions"
                + " planned, %d recorded new%n", TRIGGERS, 12 + SYNTHETIC_MATTERS, CHUNK, millis, ran, TRIGGERS - ran,
                plannedKeys.size(), recordedNew);
        assertThat(recordedNew).as("actions an evaluation reports as its own").isEqualTo(plannedKeys.size());
        assertThat(count("SELECT COUNT(*) FROM planned_action")).isEqualTo(plannedKeys.size());
        assertThat(keys("SELECT idempotency_key FROM planned_action")).isEqualTo(plannedKeys);
        assertThat(keys("SELECT idempotency_key FROM planned_action GROUP BY idempotency_key HAVING COUNT(*) > 1"))
                .isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox")).as("a message per action, except requests held for a person")
                .isEqualTo(planned.stream().filter(a -> MESSAGE_TYPES.contains(a.get("type")) && !held(a)).count());
        assertThat(count("SELECT COUNT(*) FROM request_review"))
                .isEqualTo(planned.stream().filter(ConcurrentTriggersIT::held).count()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE dry_run = FALSE")).as("a refused trigger records nothing")
                .isEqualTo(ran);
        // the audit chain is appended one entry at a time, so its order is the order things happened in:
        // from its start to its end, no entry of one evaluation lies between those of another
        String spans = "(SELECT evaluation_id, MIN(seq) lo, MAX(seq) hi FROM audit_entry WHERE kind IN"
                + " ('EVALUATION_STARTED', 'CHECKED', 'EVALUATION_FINISHED', 'EVALUATION_FAILED') GROUP BY evaluation_id)";
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EVALUATION_STARTED'")).isEqualTo(ran);
        assertThat(count("SELECT COUNT(*) FROM " + spans + " a JOIN " + spans + " b ON a.evaluation_id < b.evaluation_id"
                + " WHERE a.lo < b.hi AND b.lo < a.hi")).as("real evaluations that ran at the same time").isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'ACTION_PLANNED'")).isEqualTo(plannedKeys.size());
        assertThat(count("SELECT COUNT(*) FROM low_balance_episode WHERE status = 'OPEN'"))
                .isEqualTo(planned.stream().filter(a -> "REPLENISHMENT_REQUEST".equals(a.get("type"))).count());
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    @Test
    @DisplayName("dispatchers racing for the outbox, in this instance and two more, deliver every message exactly once")
    void racingDispatchersDeliverEachMessageOnce() throws Exception {
        aBookOfManyLowMatters();
        int expectedMessages = dryRun().messages();
        // recorded without the background dispatch pass an HTTP trigger starts, so the racers find the whole outbox
        assertThat(evaluate.execute(new EvaluationRequest(false, AS_OF, null), "scheduler").status()).isEqualTo("DONE");
        List<Callable<Dispatcher.Pass>> passes = new ArrayList<>();
        passes.add(dispatcher::dispatchNow);
        for (int i = 0; i < 3; i++) {
            passes.add(dispatcher::dispatchDue);
        }
        for (int i = 0; i < 2; i++) {
            Dispatcher replica = new Dispatcher(outbox, tx, actions, matterRepository, compose, mailer, queue,
                    auditLog, mailSettings, clock, lockConflicts, scheduler, new com.trustwatch.lifecycle.Draining());
            passes.add(replica::dispatchNow);
            passes.add(replica::dispatchDue);
        }
        ExecutorService pool = Executors.newFixedThreadPool(passes.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Dispatcher.Pass>> results = new ArrayList<>();
        for (Callable<Dispatcher.Pass> pass : passes) {
            results.add(pool.submit(() -> {
                go.await();
                return pass.call();
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        List<Dispatcher.Pass> done = new ArrayList<>();
        for (Future<Dispatcher.Pass> f : results) {
            Dispatcher.Pass p = f.get(300, TimeUnit.SECONDS);
            assertThat(p.failed() + p.dead()).as("pass %s", p).isZero();
            done.add(p);
        }
        pool.shutdown();
        System.out.printf("%d racing dispatch passes (3 instances): %d ms; messages sent per pass %s%n", passes.size(),
                (System.nanoTime() - start) / 1_000_000, done.stream().map(Dispatcher.Pass::sent).toList());
        dispatcher.dispatchNow(); // whatever an evaluation's own background pass left (nothing, normally)

        assertThat(count("SELECT COUNT(*) FROM outbox WHERE state <> 'SENT'")).isZero();
        MimeMessage[] received = TestMail.server().getReceivedMessages();
        Map<String, Integer> copies = Received.copiesById(received);
        assertThat(copies).as("messages received, by Message-ID").hasSize(expectedMessages);
        try (Connection c = db()) {
            assertThat(copies).as("copies per Message-ID: one per recipient, so nothing was sent twice")
                    .isEqualTo(Received.expectedCopiesById(c));
            assertThat(Received.idsSharedByGroups(c)).isEmpty();
        }
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT'"))
                .isEqualTo(count("SELECT COUNT(*) FROM outbox"));
        List<MimeMessage> toAtlas = java.util.Arrays.stream(received)
                .filter(m -> Received.recipients(m).contains("ap@atlaslogistics.example")).toList();
        assertThat(toAtlas).as("one consolidated request for Atlas's two matters").hasSize(1);
        for (int k = 0; k < SYNTHETIC_CLIENTS; k++) {
            String contact = "contact." + k + "@client" + k + ".example";
            assertThat(java.util.Arrays.stream(received).filter(m -> Received.recipients(m).contains(contact)))
                    .as("one consolidated request to %s for matters read in different chunks", contact).hasSize(1);
        }
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(toAtlas.get(0));
        assertThat(body).contains("M-2025-0112").contains("M-2025-0113");
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    /**
     * Low-balance matters for {@value SYNTHETIC_CLIENTS} clients, three each, numbered so that one client's
     * matters are {@value SYNTHETIC_CLIENTS} rows apart: they fall in different chunks of an evaluation.
     */
    static String syntheticBook() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < SYNTHETIC_MATTERS; i++) {
            int k = i % SYNTHETIC_CLIENTS;
            csv.append(String.format("M-2026-%04d,Synthetic matter %d,C-9%03d,Client %d LLC,,Contact %d,"
                    + "contact.%d@client%d.example,,,Attorney %d,attorney.%d@firm.example,ABA,Commercial,HOURLY,EVERGREEN,"
                    + "OPEN,,1000.00,5000.00,2000.00,,3000.00,2026-09-01,2026-11-01,false,,%n",
                    1000 + i, i, k, k, k, k, k, i % 7, i % 7));
        }
        return csv.toString();
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
