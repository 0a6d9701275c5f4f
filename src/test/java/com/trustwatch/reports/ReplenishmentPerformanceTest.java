package com.trustwatch.reports;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplenishmentPerformanceTest {

    static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);

    static ReplenishmentPerformance.Request paidAfter(int days, LocalDate stage2) {
        return new ReplenishmentPerformance.Request("M-1", "Maria Lopez", NOV_2, true, NOV_2.plusDays(days), stage2);
    }

    @Test
    @DisplayName("average and median days from request to deposit, and the share paid before stage 2 went out")
    void figures() {
        List<ReplenishmentPerformance.Request> requests = List.of(paidAfter(2, null), paidAfter(5, NOV_2.plusDays(4)),
                paidAfter(9, NOV_2.plusDays(10)), paidAfter(20, null),
                new ReplenishmentPerformance.Request("M-2", "James Okoro", NOV_2, false, null, NOV_2.plusDays(7)));
        ReplenishmentPerformance.Figures f = ReplenishmentPerformance.figures("All", requests);
        assertThat(f.requests()).isEqualTo(5);
        assertThat(f.sent()).isEqualTo(4);
        assertThat(f.paid()).isEqualTo(4);
        assertThat(f.averageDays()).isEqualTo("9.0");
        assertThat(f.medianDays()).as("the middle two of 2, 5, 9, 20").isEqualTo("7.0");
        assertThat(f.paidBeforeStage2()).as("2, 9 and 20 days were before stage 2 (or there was none)").isEqualTo("60%");
    }

    @Test
    @DisplayName("the share paid before stage 2 counts only requests whose outcome is known: a fresh unpaid request is not a failure")
    void shareOfKnownOutcomes() {
        List<ReplenishmentPerformance.Request> requests = List.of(paidAfter(2, null), paidAfter(9, NOV_2.plusDays(7)),
                new ReplenishmentPerformance.Request("M-3", "A", NOV_2, true, null, NOV_2.plusDays(7)),
                new ReplenishmentPerformance.Request("M-4", "A", NOV_2, true, null, null),
                new ReplenishmentPerformance.Request("M-5", "A", NOV_2, true, null, null));
        assertThat(ReplenishmentPerformance.figures("All", requests).paidBeforeStage2())
                .as("1 of the 3 known (paid after 2 days; paid after stage 2; followed by stage 2 unpaid)").isEqualTo("33%");
    }

    @Test
    @DisplayName("a request whose episode ended unpaid before stage 2 (a payment plan, the matter closed) is a known outcome, not paid before stage 2, and no longer outstanding")
    void endedEpisodeIsKnown() {
        LocalDate today = NOV_2.plusDays(20);
        ReplenishmentPerformance.Request onPlan = new ReplenishmentPerformance.Request("M-6", "A", NOV_2, true, true,
                null, null, NOV_2.plusDays(3));
        List<ReplenishmentPerformance.Request> requests = List.of(paidAfter(2, null), onPlan);
        assertThat(ReplenishmentPerformance.figures("All", requests).paidBeforeStage2())
                .as("1 of 2 known: the request answered by a payment plan was not paid before stage 2").isEqualTo("50%");
        assertThat(ReplenishmentPerformance.outstandingByAge(requests, today).values()).as("nothing still asked for")
                .containsOnly(0L);
        String csv = new TrustReports.Replenishment(today, requests).csv();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("\"stage_2_on\",\"episode_ended_on\",\"paid_before_stage_2\"");
        assertThat(csv.lines().toList().get(2)).startsWith("\"M-6\",").endsWith(",\"2026-11-05\",\"false\"");
    }

    @Test
    @DisplayName("unpaid requests that reached the outbox, a dead letter among them, are aged from today into four buckets; one held and never sent is owed by nobody")
    void outstanding() {
        LocalDate today = NOV_2.plusDays(20);
        List<ReplenishmentPerformance.Request> requests = List.of(
                new ReplenishmentPerformance.Request("M-1", "A", today.minusDays(3), true, null, null),
                new ReplenishmentPerformance.Request("M-2", "A", today.minusDays(14), true, null, null),
                new ReplenishmentPerformance.Request("M-3", "A", today.minusDays(31), true, null, null),
                paidAfter(1, null),
                new ReplenishmentPerformance.Request("M-4", "A", today.minusDays(3), false, false, null, null),
                new ReplenishmentPerformance.Request("M-5", "A", today.minusDays(20), false, true, null, null));
        Map<String, Long> ages = ReplenishmentPerformance.outstandingByAge(requests, today);
        assertThat(ages).containsExactly(Map.entry("0 to 7 days", 1L), Map.entry("8 to 14 days", 1L),
                Map.entry("15 to 30 days", 1L), Map.entry("Over 30 days", 1L));
    }

    @Test
    @DisplayName("the CSV leaves 'paid before stage 2' empty for a request whose outcome is not known yet, not false")
    void csvSaysOnlyWhatIsKnown() {
        LocalDate today = NOV_2.plusDays(3);
        String csv = new TrustReports.Replenishment(today, List.of(paidAfter(2, null),
                new ReplenishmentPerformance.Request("M-2", "A", NOV_2, true, null, null),
                new ReplenishmentPerformance.Request("M-3", "A", NOV_2, true, null, NOV_2.plusDays(2)))).csv();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(1)).endsWith(",\"true\"");
        assertThat(lines.get(2)).as("one day old, unpaid, no stage 2 yet").startsWith("\"M-2\",").endsWith(",\"\"");
        assertThat(lines.get(3)).as("followed by stage 2, unpaid").endsWith(",\"false\"");
    }

    @Test
    @DisplayName("with no request paid there is no average or median, and with no outcome known yet no share, not a zero")
    void nothingPaid() {
        ReplenishmentPerformance.Figures f = ReplenishmentPerformance.figures("None", List.of(
                new ReplenishmentPerformance.Request("M-1", "A", NOV_2, true, null, null)));
        assertThat(f.averageDays()).isEqualTo("—");
        assertThat(f.medianDays()).isEqualTo("—");
        assertThat(f.paidBeforeStage2()).isEqualTo("—");
    }
}
