package com.trustwatch.reports;

import com.trustwatch.fixtures.DemoBook;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The monthly email's words, from figures built by hand: what it says, that both parts say it, and that an empty month says so. */
class MonthlyReportLetterTest {

    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final LocalDate PREPARED = LocalDate.of(2026, 12, 1);
    static final List<String> FILES = List.of("trust-activity-2026-11.csv", "trust-aging-2026-12-01.csv",
            "replenishment-performance-2026-12-01.csv");

    /** Trust aging of the open ones of {@code matters}, bucketed as the reports bucket them. */
    static TrustReports.TrustAging aging(List<Matter> matters, LocalDate today) {
        Map<String, List<Matter>> byBucket = new LinkedHashMap<>();
        TrustReports.BUCKETS.forEach(b -> byBucket.put(b, new ArrayList<>()));
        matters.stream().filter(m -> m.status() == MatterStatus.OPEN)
                .forEach(m -> byBucket.get(TrustReports.bucketOf(m, today)).add(m));
        return new TrustReports.TrustAging(today, byBucket);
    }

    static BigDecimal $(String amount) {
        return new BigDecimal(amount);
    }

    static MonthlyReportLetter.Written november() {
        TrustReports.Activity activity = new TrustReports.Activity(NOVEMBER, LocalDate.of(2026, 11, 30), List.of(
                new TrustReports.MatterActivity("M-2024-0847", "Henderson Family Trust", $("3750.00"), $("2000.00"), $("0.00")),
                new TrustReports.MatterActivity("M-2026-0666", "<script>x</script> & Sons", $("0.00"), $("0.00"), $("150.50"))),
                $("3750.00"), $("2000.00"), $("150.50"), List.of(
                new TrustReports.Overdue("M-2025-0100", "Okafor Holdings", "US-CA", LocalDate.of(2026, 9, 30), 61L, 30),
                new TrustReports.Overdue("M-2025-0101", "Brandt GmbH", "US-NY", null, null, 30)));
        LocalDate nov2 = LocalDate.of(2026, 11, 2);
        TrustReports.Replenishment replenishment = new TrustReports.Replenishment(PREPARED, List.of(
                new ReplenishmentPerformance.Request("M-2024-0847", "Maria Lopez", nov2, true, nov2.plusDays(4), null),
                new ReplenishmentPerformance.Request("M-2024-0900", "Maria Lopez", nov2.plusDays(8), true, null,
                        nov2.plusDays(15)),
                new ReplenishmentPerformance.Request("M-2024-0901", "James Okoro", LocalDate.of(2026, 10, 5), true,
                        LocalDate.of(2026, 10, 15), LocalDate.of(2026, 10, 12))));
        return MonthlyReportLetter.write(NOVEMBER, PREPARED, "Whitfield & Ames LLP", "Dana Whitfield", activity,
                aging(DemoBook.matters(), PREPARED), replenishment, FILES);
    }

    @Test
    @DisplayName("the email gives the month's activity with its totals, the overdue reconciliations, aging by runway and the month's requests")
    void figures() {
        MonthlyReportLetter.Written w = november();
        assertThat(w.subject()).isEqualTo("Trust reports for November 2026, Whitfield & Ames LLP");
        assertThat(w.text())
                .startsWith("Dear Dana Whitfield,\n\nThese are Whitfield & Ames LLP's trust reports for November 2026,"
                        + " prepared on December 1, 2026.")
                .contains("Trust-account activity, November 1, 2026 to November 30, 2026")
                .contains("Deposits $3,750.00, drawdowns $2,000.00, refunds $150.50, on 2 matters.")
                .contains("  - M-2024-0847 (Henderson Family Trust): deposits $3,750.00, drawdowns $2,000.00, refunds $0.00\n")
                .contains("Reconciliation overdue as of November 30, 2026: 2 open matters.")
                .contains("  - M-2025-0100 (Okafor Holdings, US-CA): 61 days since its last reconciliation on"
                        + " September 30, 2026; due every 30 days\n")
                .contains("  - M-2025-0101 (Brandt GmbH, US-NY): never reconciled; due every 30 days\n")
                .contains("Trust aging as of December 1, 2026")
                .contains("not as they stood at the end of November 2026.")
                .contains(DemoBook.matters().stream().filter(m -> m.status() == MatterStatus.OPEN).count()
                        + " open matters by runway:")
                .contains("  - Empty or overdrawn: 2 matters, holding -$150.00\n")
                // two requests were made in November: one paid after 4 days, before stage 2; one not paid
                .contains("Requests made in November 2026: 2 requests, 2 sent, 1 paid; 4.0 days on average and 4 at the"
                        + " median from request to deposit; 50% paid before stage 2.")
                .contains("  - Maria Lopez: 2 requests, 2 sent, 1 paid;")
                .doesNotContain("  - James Okoro: 1 request")
                .contains("All requests on record: 3 requests, 3 sent, 2 paid; 7.0 days on average and 7.0 at the median"
                        + " from request to deposit; 33% paid before stage 2.")
                .contains("Outstanding as of December 1, 2026: 1 request, by age:")
                .contains("  - 15 to 30 days: 1\n")
                .contains("  - trust-activity-2026-11.csv\n");
    }

    @Test
    @DisplayName("the HTML part says word for word what the plain-text part says, and a client's name is text in it, never markup")
    void bothPartsSayTheSame() {
        MonthlyReportLetter.Written w = november();
        assertThat(w.html()).contains("&lt;script&gt;x&lt;/script&gt; &amp; Sons").doesNotContain("<script>");
        assertThat(words(w.html().replaceAll("(?s)<[^>]*>", " "))).isEqualTo(words(w.text()));
    }

    @Test
    @DisplayName("an empty month says that nothing moved and no request was made, and an empty book says it has no open matters")
    void emptyMonth() {
        YearMonth october = YearMonth.of(2026, 10);
        MonthlyReportLetter.Written w = MonthlyReportLetter.write(october, PREPARED, "Whitfield & Ames LLP", null,
                new TrustReports.Activity(october, LocalDate.of(2026, 10, 31), List.of(), BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, List.of()),
                aging(List.of(), PREPARED), new TrustReports.Replenishment(PREPARED, List.of()), FILES);
        assertThat(w.text()).startsWith("Hello,\n")
                .contains("No deposits, drawdowns or refunds were recorded in October 2026.")
                .contains("No open matter's reconciliation was overdue as of October 31, 2026.")
                .contains("There are no open matters in the book.")
                .contains("No replenishment requests were made in October 2026.")
                .contains("No replenishment request is on record.")
                .doesNotContain("$").doesNotContain("—");
    }

    @Test
    @DisplayName("a month with more matters than the email lists names how many more there are and the attached file that has them")
    void longMonthPointsToTheCsv() {
        List<TrustReports.MatterActivity> rows = new ArrayList<>();
        for (int i = 0; i < MonthlyReportLetter.LISTED + 7; i++) {
            rows.add(new TrustReports.MatterActivity(String.format("M-2026-%04d", i), "Client " + i, $("10.00"), $("0.00"),
                    $("0.00")));
        }
        MonthlyReportLetter.Written w = MonthlyReportLetter.write(NOVEMBER, PREPARED, "Firm", null,
                new TrustReports.Activity(NOVEMBER, LocalDate.of(2026, 11, 30), rows, $("570.00"), BigDecimal.ZERO,
                        BigDecimal.ZERO, List.of()),
                aging(List.of(), PREPARED), new TrustReports.Replenishment(PREPARED, List.of()), FILES);
        assertThat(w.text()).contains("Deposits $570.00, drawdowns $0.00, refunds $0.00, on 57 matters.")
                .contains("  - M-2026-0049 (Client 49)").doesNotContain("M-2026-0050")
                .contains("  - and 7 more matters, in trust-activity-2026-11.csv\n");
    }

    /** The words of a part as a reader sees them (HTML with its tags already out): entities decoded, underlines and list marks ignored. */
    static String words(String part) {
        String text = part.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        return text.replaceAll("(?m)^-+$", " ").replaceAll("(?m)^  - ", " ").replaceAll("\\s+", " ").trim();
    }
}
