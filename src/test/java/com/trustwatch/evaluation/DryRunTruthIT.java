package com.trustwatch.evaluation;

import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 B, dry runs tell the truth: on the demo book (and one matter with no billing contact
 * address), a dry run says for each action what a real run would do now, before any real run, right
 * after one, after delivery (sent, dead, held for review), after a person resolved a task, a week later
 * when the ladder moves on, and after a deposit that ends an episode. A dry run never changes the book.
 * Each test starts from the book alone and takes the steps it needs.
 */
@MicronautTest(transactional = false)
class DryRunTruthIT extends IntegrationTest {

    static final String AS_OF = "2026-11-20";
    static final String HENDERSON = "M-2024-0847";
    static final String QUIET = "M-2026-0100";
    /** Overdrawn (a negative client ledger): its request waits for a person before it may go out. */
    static final String OKAFOR = "M-2025-0415";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Dispatcher dispatcher;

    Api api;

    @BeforeAll
    void setUp() throws Exception {
        api = new Api(http.toBlocking());
        String roster = demoRoster();
        String henderson = roster.lines().filter(l -> l.startsWith(HENDERSON + ",")).findFirst().orElseThrow();
        // the same matter, for a client whose billing contact has no address on file
        String quiet = henderson.replace("M-2024-0847,Henderson Matter,C-100,Henderson Family Trust,,Dana Henderson,"
                + "dana@henderson.example,", QUIET + ",Quiet matter,C-1200,Quiet Client,,,,").replace(",3240.00,", ",1000.00,");
        assertThat(api.postCsv("billing", "/api/matters/import", roster.stripTrailing() + "\n" + quiet + "\n").status())
                .isEqualTo(200);
        assertThat(api.postJson("billing", "/api/matters/" + HENDERSON + "/transactions", Map.of("type", "DRAWDOWN",
                "amount", "2000.00", "date", "2026-11-12", "description", "Hearing preparation")).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("before any real run every action is NEW, saying where it would go, and nothing in the book changes")
    void beforeAnyRealRunEverythingIsNew() throws Exception {
        long audit = count("SELECT COUNT(*) FROM audit_entry");
        Map<String, Object> dry = dryRun(AS_OF);
        assertThat(actions(dry)).isNotEmpty().allSatisfy(a -> assertThat(a).containsEntry("outcome", "NEW")
                .doesNotContainKey("delivery"));
        assertThat(dry).containsEntry("actionsNew", dry.get("actionsDecided"));
        assertThat(request(dry, HENDERSON)).containsEntry("note",
                "Not recorded yet: a real run now would record it and send it to dana@henderson.example.");
        assertThat(request(dry, QUIET).get("note").toString()).contains("no address is on file for it, so its"
                + " delivery would fail at once (a dead letter)");
        assertThat(actions(dry)).filteredOn(a -> "EXCEPTION_TASK".equals(a.get("type"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("note").toString()).contains("put it in the exception queue"));
        assertThat(request(dry, OKAFOR)).as("an overdrawn client's request would wait for a person")
                .containsKey("heldFor").satisfies(a -> assertThat(a.get("note").toString())
                        .startsWith("Not recorded yet: a real run now would record it and hold it for a person's review (")
                        .endsWith("it goes out to finance@okafor.example only once someone releases it from the review list."));
        assertThat(count("SELECT COUNT(*) FROM planned_action")).isZero();
        assertThat(count("SELECT COUNT(*) FROM low_balance_episode")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry")).isEqualTo(audit);
    }

    @Test
    @DisplayName("right after a real run, a dry run finds nothing new: every action ALREADY_RECORDED with its delivery, the open episodes' requests included")
    void rightAfterARealRunNothingIsNew() throws Exception {
        Api.Reply real = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF));
        assertThat(real.status()).isEqualTo(200);
        String realId = (String) real.json().get("id");
        Set<String> firstRun = keys("SELECT a.idempotency_key FROM planned_action a JOIN evaluation_action ea ON ea.action_id = a.id"
                + " WHERE ea.evaluation_id = '" + realId + "'");
        long episodes = count("SELECT COUNT(*) FROM low_balance_episode WHERE status = 'OPEN'");
        assertThat(episodes).as("the requests opened episodes").isPositive();

        Map<String, Object> dry = dryRun(AS_OF);
        assertThat(dry).containsEntry("actionsNew", 0).containsEntry("actionsDecided", firstRun.size());
        assertThat(actions(dry)).allSatisfy(a -> assertThat(a).containsEntry("outcome", "ALREADY_RECORDED")
                .containsKey("delivery"));
        assertThat(actions(dry).stream().map(a -> (String) a.get("idempotencyKey")).collect(Collectors.toSet()))
                .as("what the real run decided, its requests included").isEqualTo(firstRun);
        Map<String, Object> henderson = request(dry, HENDERSON);
        // delivery starts as soon as the real run has ended: the request may be waiting or sent by now, and
        // the dry run says which, in the state and in the note
        String delivery = (String) henderson.get("delivery");
        assertThat(delivery).isIn("PENDING", "SENDING", "SENT");
        assertThat(henderson).containsEntry("amount", "3760.00");
        assertThat(henderson.get("note").toString()).startsWith("The replenishment request of the open low-balance"
                + " episode that began on 2026-11-20, recorded as of 2026-11-20 by evaluation " + realId
                + "; " + DeliveryStates.inWords(delivery) + ". No new request goes out while the episode is open.");
        assertThat(actions(dry)).filteredOn(a -> "EXCEPTION_TASK".equals(a.get("type")))
                .allSatisfy(a -> assertThat(a).containsEntry("delivery", "QUEUED"));
        Map<String, Integer> byOutcome = counts(dry).get("byOutcome");
        assertThat(byOutcome).containsExactly(Map.entry("ALREADY_RECORDED", firstRun.size()));
        assertThat(request(dry, OKAFOR)).containsEntry("delivery", "AWAITING_REVIEW").containsKey("heldFor")
                .satisfies(a -> assertThat(a.get("note").toString()).contains("held for a person's review"));
    }

    /** The real run of the demo date, through the trigger, and the keys of what it decided. */
    private Set<String> aRealRun() throws Exception {
        Api.Reply real = api.postJson("scheduler", "/api/evaluations", Map.of("asOf", AS_OF));
        assertThat(real.status()).as("the real run: %s", real.body()).isEqualTo(200);
        return keys("SELECT a.idempotency_key FROM planned_action a JOIN evaluation_action ea ON ea.action_id = a.id"
                + " WHERE ea.evaluation_id = '" + real.json().get("id") + "'");
    }

    @Test
    @DisplayName("after delivery a dry run shows each message SENT, the request with no address DEAD, and the overdrawn client's request still AWAITING_REVIEW")
    void afterDeliverySentAndDead() throws Exception {
        aRealRun();
        dispatcher.dispatchNow();
        Map<String, Object> dry = dryRun(AS_OF);
        assertThat(request(dry, HENDERSON)).containsEntry("delivery", "SENT");
        assertThat(request(dry, HENDERSON).get("note").toString()).contains("; sent.");
        assertThat(request(dry, QUIET)).containsEntry("delivery", "DEAD");
        assertThat(request(dry, QUIET).get("note").toString()).contains("delivery gave up (a dead letter");
        assertThat(request(dry, OKAFOR)).as("not released by anyone, so not sent").containsEntry("delivery", "AWAITING_REVIEW");
        assertThat(actions(dry)).filteredOn(a -> !"EXCEPTION_TASK".equals(a.get("type")) && !a.containsKey("heldFor"))
                .extracting(a -> a.get("delivery")).containsOnly("SENT", "DEAD");
    }

    @Test
    @DisplayName("a task a person resolved shows RESOLVED, not queued")
    void resolvedTask() throws Exception {
        aRealRun();
        long item = count("SELECT MIN(id) FROM exception_item WHERE kind = 'TASK'");
        String key = single("SELECT a.idempotency_key FROM planned_action a JOIN exception_item x ON x.action_id = a.id"
                + " WHERE x.id = " + item);
        assertThat(api.postJson("billing", "/api/exceptions/" + item + "/resolve", Map.of("note", "called the client"))
                .status()).isEqualTo(200);
        Map<String, Object> dry = dryRun(AS_OF);
        assertThat(actions(dry)).filteredOn(a -> key.equals(a.get("idempotencyKey"))).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("outcome", "ALREADY_RECORDED").containsEntry("delivery", "RESOLVED"));
    }

    @Test
    @DisplayName("a week later the ladder's follow-up is NEW beside the request already SENT, and the page of NEW actions holds only the new ones")
    void aWeekLaterTheLadderMovesOn() throws Exception {
        Set<String> firstRun = aRealRun();
        dispatcher.dispatchNow();
        Map<String, Object> dry = dryRun("2026-11-27");
        List<Map<String, Object>> henderson = actions(dry).stream()
                .filter(a -> HENDERSON.equals(a.get("matterNumber"))).toList();
        assertThat(henderson).anySatisfy(a -> assertThat(a).containsEntry("type", "REPLENISHMENT_REQUEST")
                .containsEntry("outcome", "ALREADY_RECORDED").containsEntry("delivery", "SENT"));
        assertThat(henderson).anySatisfy(a -> assertThat(a).containsEntry("type", "ESCALATION")
                .containsEntry("code", "CLIENT_FOLLOW_UP").containsEntry("outcome", "NEW"));
        List<Map<String, Object>> fresh = api.get("billing", "/api/evaluations/" + dry.get("id") + "/actions?outcome=NEW")
                .list();
        assertThat(fresh).hasSize((Integer) dry.get("actionsNew"))
                .allSatisfy(a -> assertThat(firstRun).doesNotContain((String) a.get("idempotencyKey")));
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE type = 'ESCALATION'")).as("nothing recorded").isZero();
    }

    @Test
    @DisplayName("after a deposit restores the balance, the request stays SENT and the note says a real run now would end the episode")
    void aDepositEndsTheEpisode() throws Exception {
        aRealRun();
        dispatcher.dispatchNow();
        assertThat(api.postJson("billing", "/api/matters/" + HENDERSON + "/transactions", Map.of("type", "DEPOSIT",
                "amount", "3760.00", "date", AS_OF)).status()).isEqualTo(201);
        Map<String, Object> dry = dryRun(AS_OF);
        Map<String, Object> henderson = request(dry, HENDERSON);
        assertThat(henderson).containsEntry("outcome", "ALREADY_RECORDED").containsEntry("delivery", "SENT");
        assertThat(henderson.get("note").toString()).contains("a real run now would end the episode (ES-004): Balance"
                + " $5,000.00 is back at or above the threshold");
        assertThat(count("SELECT COUNT(*) FROM low_balance_episode WHERE status = 'OPEN' AND matter_number = '"
                + HENDERSON + "'")).as("a dry run ends nothing").isEqualTo(1);
    }

    private Map<String, Object> dryRun(String asOf) {
        Api.Reply reply = api.postJson("scheduler", "/api/evaluations", Map.of("dryRun", true, "asOf", asOf));
        assertThat(reply.status()).as("reply %s", reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("dryRun", true).containsEntry("status", "DONE");
        return reply.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(Map<String, Object> evaluation) {
        return (List<Map<String, Object>>) evaluation.get("actions");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Integer>> counts(Map<String, Object> evaluation) {
        return (Map<String, Map<String, Integer>>) evaluation.get("counts");
    }

    private static Map<String, Object> request(Map<String, Object> evaluation, String matter) {
        return actions(evaluation).stream().filter(a -> matter.equals(a.get("matterNumber"))
                        && "REPLENISHMENT_REQUEST".equals(a.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no request for " + matter + " in " + actions(evaluation)));
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
