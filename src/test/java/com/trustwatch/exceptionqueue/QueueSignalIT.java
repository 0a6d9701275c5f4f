package com.trustwatch.exceptionqueue;

import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.trustwatch.decision.Severity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue is signal, not noise (issue 10, E), on the demo book: one open item per matter and concern
 * with later findings attached (Okafor's overdraft is one item, not four); a litigation request waits
 * in the review list, not in the queue; an item whose cause is gone closes itself, audited with the
 * reason, and a new finding of the same concern later opens a new item. Each test starts from the demo
 * book evaluated on Friday 20 November ({@link #theDemoBookEvaluated()}).
 */
@MicronautTest(transactional = false)
class QueueSignalIT extends IntegrationTest {

    static final String HENDERSON = "M-2024-0847";
    static final String OKAFOR = "M-2025-0415";

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    @Inject
    TestClock clock;

    @Inject
    ExceptionQueue queue;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.firm.time-zone", "UTC");
    }

    /** The demo book on Friday 20 November with Henderson's two drawdowns, evaluated that day and its mail sent. */
    private Fixture theDemoBookEvaluated() {
        return given().today(FRIDAY)
                .theDemoRoster()
                .drawdown(HENDERSON, "1200.00", "2026-10-28", "October fees")
                .drawdown(HENDERSON, "800.00", "2026-11-12", "Hearing preparation")
                .evaluatedOn(FRIDAY)
                .dispatched();
    }

    private List<Map<String, Object>> open() {
        return api().get("billing", "/api/exceptions?status=OPEN").list();
    }

    @Test
    @DisplayName("after the demo's evaluation each open item is one matter's one concern: 6 items where there were 13 (4 of them for Okafor's one overdraft)")
    void oneItemPerMatterAndConcern() {
        theDemoBookEvaluated();
        List<Map<String, Object>> items = open();
        List<String> keys = items.stream().map(i -> i.get("matterNumber") + " " + i.get("concern")).toList();
        System.out.println("open exception items after the demo evaluation (" + items.size() + "): " + keys);
        assertThat(keys).as("one open item per matter and concern").doesNotHaveDuplicates();
        assertThat(keys).containsExactlyInAnyOrder(
                "M-2023-0990 UNEARNED_FUNDS_NOT_RETURNED",
                HENDERSON + " balance",
                OKAFOR + " balance",
                "M-2025-0520 data-quality",
                "M-2025-0904 balance",
                "M-2025-0904 data-quality");
        assertThat(items).as("no item for Patel's litigation request: it waits in the review list")
                .noneMatch(i -> "M-2025-0309".equals(i.get("matterNumber")));
    }

    @Test
    @DisplayName("Okafor's overdraft is one CRITICAL item with its three findings attached: the critical band's task, the emergency queue and the negative-ledger flag")
    void okaforOneItem() {
        theDemoBookEvaluated();
        Map<String, Object> item = open().stream().filter(i -> OKAFOR.equals(i.get("matterNumber"))).findFirst().orElseThrow();
        assertThat(item).containsEntry("kind", "TASK").containsEntry("severity", "CRITICAL").containsEntry("findingCount", 3);
        Map<String, Object> detail = api().get("billing", "/api/exceptions/" + item.get("id")).json();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) detail.get("findings");
        assertThat(findings).extracting(f -> f.get("code")).containsExactlyInAnyOrder("LOW_BALANCE_CRITICAL",
                "EMERGENCY_LOW_BALANCE", "NEGATIVE_CLIENT_LEDGER");
        assertThat(api().get("billing", "/api/exceptions/" + item.get("id")).json().get("findings")).isNotNull();
    }

    @Test
    @DisplayName("the same day evaluated again adds no item and no finding")
    void sameDayAgainAddsNothing() throws Exception {
        theDemoBookEvaluated();
        long items = count("SELECT COUNT(*) FROM exception_item");
        long findings = count("SELECT COUNT(*) FROM exception_finding");
        clock.advanceSeconds(3600);
        given().evaluatedAsOf("2026-11-20");
        assertThat(count("SELECT COUNT(*) FROM exception_item")).isEqualTo(items);
        assertThat(count("SELECT COUNT(*) FROM exception_finding")).isEqualTo(findings);
    }

    @Test
    @DisplayName("a deposit ends Henderson's episode: at the next evaluation its BREACH item closes itself with the reason, audited; the others stay")
    void causeGoneClosesTheItem() {
        theDemoBookEvaluated();
        Object henderson = open().stream().filter(i -> HENDERSON.equals(i.get("matterNumber"))).findFirst().orElseThrow()
                .get("id");
        given().today(LocalDate.of(2026, 11, 23)).deposit(HENDERSON, "3760.00", "2026-11-23", "Client wire")
                .evaluatedOn(LocalDate.of(2026, 11, 23))
                .dispatched();
        Map<String, Object> closed = api().get("billing", "/api/exceptions/" + henderson).json();
        assertThat(closed).containsEntry("status", "RESOLVED").containsEntry("handledBy", "trustwatch");
        assertThat(closed.get("handledNote").toString())
                .startsWith("Closed by the evaluation as of 2026-11-23: nothing about the trust balance needs a person any more")
                .contains("Balance $5,000.00 is back at or above the threshold of $2,500.00")
                .contains("checked: balance $5,000.00, floor $2,500.00");
        assertThat(api().get("ethics", "/api/audit?matter=" + HENDERSON).list())
                .filteredOn(e -> "EXCEPTION_CLOSED".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("actor", "trustwatch"))
                .satisfies(e -> assertThat(e.get("detail").toString()).contains("exception item " + henderson)
                        .contains("closed itself"));
        assertThat(open().stream().map(i -> i.get("matterNumber")).collect(Collectors.toSet()))
                .doesNotContain(HENDERSON).contains(OKAFOR, "M-2023-0990");
    }

    @Test
    @DisplayName("an item a person resolved while the cause stays is not reopened by the same findings; a new finding of that concern opens a new item")
    void resolvedByAPersonThenNewFinding() {
        theDemoBookEvaluated();
        Map<String, Object> kim = open().stream().filter(i -> "M-2023-0990".equals(i.get("matterNumber"))).findFirst()
                .orElseThrow();
        assertThat(api().postJson("billing", "/api/exceptions/" + kim.get("id") + "/resolve",
                Map.of("note", "Refund check approved")).status()).isEqualTo(200);
        given().evaluatedOn(LocalDate.of(2026, 11, 24)).dispatched();
        assertThat(open()).noneMatch(i -> "M-2023-0990".equals(i.get("matterNumber")));
        assertThat(api().get("billing", "/api/exceptions/" + kim.get("id")).json()).containsEntry("status", "RESOLVED")
                .containsEntry("handledBy", "billing");

        // a finding of the same concern that no earlier evaluation made (a new source) opens a new item
        queue.open(List.of(new NewItem("test:kim:new-finding", ItemKind.valueOf((String) kim.get("kind")), "M-2023-0990",
                null, "COMPLIANCE_FLAG", "TEST-1", Severity.HIGH, "A new finding about Kim's funds", "TEST_FINDING",
                (String) kim.get("concern"))), LocalDateTime.of(2026, 11, 24, 9, 0));
        List<Map<String, Object>> kims = open().stream().filter(i -> "M-2023-0990".equals(i.get("matterNumber"))).toList();
        assertThat(kims).singleElement().satisfies(i -> {
            assertThat(i.get("id")).isNotEqualTo(kim.get("id"));
            assertThat(i).containsEntry("concern", kim.get("concern")).containsEntry("summary", "A new finding about Kim's funds");
        });
    }

    @Test
    @DisplayName("an item's summary and rule are those of its most severe finding: a later, more severe finding replaces both")
    void summaryAndRuleGoTogether() {
        given().today(FRIDAY).theDemoRoster();
        LocalDateTime nine = LocalDateTime.of(2026, 11, 20, 9, 0);
        queue.open(List.of(new NewItem("test:first", ItemKind.COMPLIANCE_FLAG, OKAFOR, null, "COMPLIANCE_FLAG", "CM-090", Severity.LOW,
                "The last reconciliation date is unknown", "DATA_QUALITY_NO_RECONCILIATION", "test-concern")), nine);
        queue.open(List.of(new NewItem("test:second", ItemKind.COMPLIANCE_FLAG, OKAFOR, null, "COMPLIANCE_FLAG", "RP-090", Severity.MEDIUM,
                "No threshold can be worked out", "DATA_QUALITY_NO_THRESHOLD", "test-concern")), nine.plusMinutes(1));
        Map<String, Object> item = open().stream().filter(i -> "test-concern".equals(i.get("concern"))).findFirst().orElseThrow();
        assertThat(item).containsEntry("summary", "No threshold can be worked out").containsEntry("ruleId", "RP-090")
                .containsEntry("severity", "MEDIUM").containsEntry("findingCount", 2);
    }
}
