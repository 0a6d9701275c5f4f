package com.trustwatch.exceptionqueue;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exception queue over HTTP, as a billing manager works it: list what needs a person, acknowledge,
 * resolve with a note; every move is in the audit trail, and moves the queue does not allow are refused.
 */
@MicronautTest(transactional = false)
class ExceptionQueueIT extends IntegrationTest {

    static final String HENDERSON = "M-2024-0847";

    /** The demo book evaluated on 20 November with Henderson 2000.00 lower, its messages sent: a queue to work. */
    private void aQueueToWork() {
        given().theDemoRoster()
                .drawdown(HENDERSON, "2000.00", "2026-11-12", "Hearing preparation")
                .evaluatedAsOf("2026-11-20")
                .dispatched();
    }

    /** Henderson's breach task, as the queue lists it. */
    private long hendersonTask() {
        return api().get("billing", "/api/exceptions?matter=" + HENDERSON).list().stream()
                .filter(i -> "TASK".equals(i.get("kind"))).map(i -> ((Number) i.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no exception task for " + HENDERSON));
    }

    @Test
    @DisplayName("an evaluation's breaches, critical balances, serious flags and data-quality items are listed with their matter, severity, rule and action")
    void listsWhatNeedsAPerson() {
        aQueueToWork();
        Api.Reply all = api().get("billing", "/api/exceptions");
        assertThat(all.status()).isEqualTo(200);
        List<Map<String, Object>> items = all.list();
        assertThat(items).isNotEmpty().allSatisfy(i -> {
            // absent values are left out of the JSON, as everywhere in the API
            assertThat(i).containsKeys("id", "kind", "matterNumber", "severity", "summary", "actionId", "ruleId",
                    "createdAt", "updatedAt").doesNotContainKeys("handledBy", "handledNote");
            assertThat(i).containsEntry("status", "OPEN");
        });
        assertThat(items).extracting(i -> i.get("kind")).contains("TASK", "DATA_QUALITY", "COMPLIANCE_FLAG");

        Map<String, Object> breach = items.stream().filter(i -> HENDERSON.equals(i.get("matterNumber"))
                && "TASK".equals(i.get("kind"))).findFirst().orElseThrow();
        assertThat(breach).containsEntry("severity", "HIGH").containsEntry("actionType", "EXCEPTION_TASK");
        assertThat(breach.get("summary").toString()).contains("LOW_BALANCE_BREACH");

        List<Map<String, Object>> dataQuality = api().get("billing", "/api/exceptions?kind=data_quality").list();
        assertThat(dataQuality).isNotEmpty().allSatisfy(i -> assertThat(i).containsEntry("kind", "DATA_QUALITY"));
        assertThat(dataQuality).extracting(i -> i.get("matterNumber")).contains("M-2025-0904");
        assertThat(api().get("admin", "/api/exceptions?status=OPEN&matter=" + HENDERSON).list())
                .isNotEmpty().allSatisfy(i -> assertThat(i).containsEntry("matterNumber", HENDERSON));
        assertThat(api().get("billing", "/api/exceptions?status=RESOLVED").list()).isEmpty();
    }

    @Test
    @DisplayName("acknowledging then resolving records who did it and why, in the item and in the audit trail")
    void acknowledgeThenResolve() {
        aQueueToWork();
        long hendersonTask = hendersonTask();
        Api.Reply ack = api().postJson("billing", "/api/exceptions/" + hendersonTask + "/acknowledge",
                Map.of("note", "Calling Dana Henderson today"));
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json()).containsEntry("status", "ACKNOWLEDGED").containsEntry("handledBy", "billing")
                .containsEntry("handledNote", "Calling Dana Henderson today");

        Api.Reply resolved = api().postJson("admin", "/api/exceptions/" + hendersonTask + "/resolve",
                Map.of("note", "Client wired 3760.00; deposit recorded"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json()).containsEntry("status", "RESOLVED").containsEntry("handledBy", "admin")
                .containsEntry("handledNote", "Client wired 3760.00; deposit recorded");
        assertThat(api().get("billing", "/api/exceptions/" + hendersonTask).json()).containsEntry("status", "RESOLVED");
        assertThat(api().get("billing", "/api/exceptions?status=RESOLVED").list()).extracting(i -> i.get("id"))
                .containsExactly((int) hendersonTask);

        List<Map<String, Object>> trail = api().get("ethics", "/api/audit?matter=" + HENDERSON).list();
        Map<String, Object> acked = trail.stream().filter(e -> "EXCEPTION_ACKNOWLEDGED".equals(e.get("kind")))
                .findFirst().orElseThrow();
        assertThat(acked).containsEntry("actor", "billing").containsEntry("ruleId", "RP-041");
        assertThat(acked.get("detail").toString()).contains("exception item " + hendersonTask)
                .contains("Calling Dana Henderson today");
        Map<String, Object> closed = trail.stream().filter(e -> "EXCEPTION_RESOLVED".equals(e.get("kind")))
                .findFirst().orElseThrow();
        assertThat(closed).containsEntry("actor", "admin");
        assertThat(closed.get("detail").toString()).contains("Client wired 3760.00");
        assertThat(api().get("ethics", "/api/audit/verify").json()).containsEntry("valid", true);
    }

    @Test
    @DisplayName("resolving twice or acknowledging a resolved item is a 409, an unknown item a 404, a bare resolve a 422; none of them changes anything")
    void refusedMoves() throws Exception {
        aQueueToWork();
        long hendersonTask = hendersonTask();
        assertThat(api().postJson("admin", "/api/exceptions/" + hendersonTask + "/resolve",
                Map.of("note", "Client wired 3760.00; deposit recorded")).status()).isEqualTo(200);
        long audit = count("SELECT COUNT(*) FROM audit_entry");
        Api.Reply again = api().postJson("billing", "/api/exceptions/" + hendersonTask + "/resolve", Map.of("note", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").toString())
                .contains("exception item " + hendersonTask + " is RESOLVED (resolved by admin)")
                .contains("cannot be resolved again");
        Api.Reply ackResolved = api().postJson("billing", "/api/exceptions/" + hendersonTask + "/acknowledge", Map.of());
        assertThat(ackResolved.status()).isEqualTo(409);
        assertThat(ackResolved.json().get("message").toString()).contains("cannot be acknowledged");

        Api.Reply unknown = api().postJson("billing", "/api/exceptions/999999/resolve", Map.of("note", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("message", "no exception item 999999");
        assertThat(api().get("billing", "/api/exceptions/999999").status()).isEqualTo(404);

        long open = openItem();
        Api.Reply bare = api().postJson("billing", "/api/exceptions/" + open + "/resolve", Map.of());
        assertThat(bare.status()).isEqualTo(422);
        assertThat(bare.json().get("message").toString()).contains("note:");
        Api.Reply ackTwice = api().postJson("billing", "/api/exceptions/" + open + "/acknowledge", Map.of());
        assertThat(ackTwice.status()).isEqualTo(200);
        assertThat(ackTwice.json()).containsEntry("status", "ACKNOWLEDGED").doesNotContainKey("handledNote");
        assertThat(api().postJson("admin", "/api/exceptions/" + open + "/acknowledge", Map.of()).status()).isEqualTo(409);

        Api.Reply badStatus = api().get("billing", "/api/exceptions?status=CLOSED");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.json().get("message").toString())
                .contains("status: 'CLOSED' is not one of OPEN, ACKNOWLEDGED, RESOLVED");
        assertThat(count("SELECT COUNT(*) FROM audit_entry")).as("only the one acknowledgement was audited")
                .isEqualTo(audit + 1);
    }

    @Test
    @DisplayName("eight people resolving the same item at once: one succeeds, seven get a 409, one audit entry")
    void concurrentResolvesResolveOnce() throws Exception {
        aQueueToWork();
        long item = openItem();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String note = "resolved by attempt " + i;
            replies.add(pool.submit(() -> {
                go.await();
                return api().postJson(note.endsWith("0") ? "admin" : "billing", "/api/exceptions/" + item + "/resolve",
                        Map.of("note", note));
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Reply> f : replies) {
            statuses.add(f.get(60, TimeUnit.SECONDS).status());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'EXCEPTION_RESOLVED' AND detail LIKE"
                + " 'exception item " + item + " %'")).isEqualTo(1);
    }

    @Test
    @DisplayName("the queue and the outbox are for billing managers and admins: 401 without credentials, 403 for other roles")
    void accessControl() {
        assertThat(api().get(null, "/api/exceptions").status()).isEqualTo(401);
        assertThat(api().postJson(null, "/api/exceptions/1/acknowledge", Map.of()).status()).isEqualTo(401);
        assertThat(api().get(null, "/api/outbox?state=DEAD").status()).isEqualTo(401);
        assertThat(api().get("scheduler", "/api/exceptions").status()).isEqualTo(403);
        assertThat(api().get("ethics", "/api/exceptions").status()).isEqualTo(403);
        assertThat(api().postJson("ethics", "/api/exceptions/1/resolve", Map.of("note", "x")).status()).isEqualTo(403);
        assertThat(api().postJson("scheduler", "/api/exceptions/1/acknowledge", Map.of()).status()).isEqualTo(403);
        assertThat(api().get("scheduler", "/api/outbox").status()).isEqualTo(403);
        assertThat(api().get("ethics", "/api/outbox?state=DEAD").status()).isEqualTo(403);
        assertThat(api().get("admin", "/api/exceptions").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the outbox lists what was sent with its Message-ID, and refuses an unknown state")
    void outboxOverHttp() {
        aQueueToWork();
        List<Map<String, Object>> sent = api().get("billing", "/api/outbox?state=SENT").list();
        assertThat(sent).isNotEmpty().allSatisfy(o -> {
            assertThat(o).containsEntry("state", "SENT").containsEntry("attempts", 1).doesNotContainKey("lastError");
            assertThat(o.get("messageId").toString()).startsWith("<tw-");
        });
        assertThat(sent).filteredOn(o -> HENDERSON.equals(o.get("matterNumber"))
                && "REPLENISHMENT_REQUEST".equals(o.get("actionType")))
                .singleElement().satisfies(o -> assertThat(o.get("to")).isEqualTo(List.of("dana@henderson.example")));
        assertThat(api().get("admin", "/api/outbox?state=DEAD").list()).isEmpty();
        Api.Reply bad = api().get("billing", "/api/outbox?state=LOST");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("message").toString()).contains("state: 'LOST' is not one of");
    }

    private long openItem() {
        return api().get("billing", "/api/exceptions?status=OPEN").list().stream()
                .map(i -> ((Number) i.get("id")).longValue()).findFirst().orElseThrow();
    }
}
