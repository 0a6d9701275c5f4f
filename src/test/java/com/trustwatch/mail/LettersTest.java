package com.trustwatch.mail;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.fixtures.DemoBook;
import com.trustwatch.matter.Matter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's letters read as a client would read them (issue 10, A1–A4, A8): every figure says where
 * it comes from, the projection agrees with the listed drawdowns, nothing past is printed as ahead,
 * a consolidated notice carries its total, and dates read the American way.
 */
class LettersTest {

    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");

    private static Letters demo(String... matterNumbers) {
        Letters letters = new Letters();
        for (String n : matterNumbers) {
            letters.with(DemoBook.matter(n));
        }
        return letters;
    }

    /** Henderson as the demo leaves it: 3,240.00 imported, then 1,200.00 and 800.00 drawn. */
    private static Letters henderson() {
        return new Letters().with(DemoBook.matter("M-2024-0847").withTrustBalance(new BigDecimal("1240.00")))
                .drawdown("M-2024-0847", "1200.00", LocalDate.of(2026, 10, 28), "October fees")
                .drawdown("M-2024-0847", "800.00", LocalDate.of(2026, 11, 12), "Hearing preparation");
    }

    @Test
    @DisplayName("Okafor's letter says its 6,000.00 threshold is 30 days of projected work, and never cites the fee agreement (whose floor is 4,000)")
    void okaforThresholdReadsTruly() {
        OutgoingMessage letter = demo("M-2025-0415").letterFor("M-2025-0415");
        assertThat(letter.text())
                .contains("below its replenishment threshold of $6,000.00: 30 days of projected work at the matter's recent billing rate.")
                .contains("Replenishment threshold:  $6,000.00 (30 days of projected work at the matter's recent billing rate)")
                .doesNotContainIgnoringCase("fee agreement");
    }

    @Test
    @DisplayName("Atlas's consolidated notice: M-2025-0112 (no floor) reads '30 days of projected work', M-2025-0113 reads 'your fee agreement', with the total of 11,000.00")
    void atlasConsolidated() {
        Letters atlas = demo("M-2025-0112", "M-2025-0113");
        OutgoingMessage letter = atlas.compose(atlas.requests());
        String text = letter.text();
        assertThat(letter.subject()).isEqualTo("Trust retainer replenishment requested: 2 matters for Atlas Logistics Inc.");
        assertThat(text).contains("The trust balances that fund 2 of your matters are below their replenishment thresholds.")
                .contains("Replenishment threshold:  $9,000.00 (30 days of projected work at the matter's recent billing rate)")
                .contains("Replenishment threshold:  $3,000.00 (the minimum balance agreed in your fee agreement)")
                .contains("Total requested for the 2 matters: $11,000.00");
        assertThat(text.indexOf("Atlas Logistics v. Brightway")).isLessThan(text.indexOf("$9,000.00"));
        assertThat(letter.html()).contains("Total requested for the 2 matters: <b>$11,000.00</b>");
    }

    @Test
    @DisplayName("a single request carries no total line: the amount requested is the total")
    void singleRequestHasNoTotal() {
        assertThat(demo("M-2025-0415").letterFor("M-2025-0415").text()).doesNotContain("Total requested");
    }

    @Test
    @DisplayName("Henderson's projection comes from the listed drawdowns: January 14, 2027 at about 666.67 a month, never 'not projected' above them")
    void hendersonProjectionAgreesWithTheDrawdowns() {
        String text = henderson().letterFor("M-2024-0847").text();
        assertThat(text)
                .contains("Projected depletion date:  January 14, 2027, at the rate fees were drawn over the last 90 days,"
                        + " about $666.67 a month")
                .contains("Fees drawn from trust since September 15, 2026:")
                .contains("October 28, 2026  $1,200.00  October fees")
                .contains("November 12, 2026  $800.00  Hearing preparation")
                .contains("Replenishment threshold:  $2,500.00 (the minimum balance agreed in your fee agreement)")
                .contains("Amount requested:  $3,760.00 (restores the balance to $5,000.00)")
                .doesNotContain("not projected").doesNotContain("No fees have been drawn");
    }

    @Test
    @DisplayName("Atlas M-2025-0112 is projected from its imported billing and never says 'No fees have been drawn' beside its depletion date")
    void atlasNoContradiction() {
        String text = demo("M-2025-0112").letterFor("M-2025-0112").text();
        assertThat(text).contains("Projected depletion date:  December 16, 2026, at the matter's average monthly billing of $9,000.00")
                .doesNotContain("No fees have been drawn");
    }

    @Test
    @DisplayName("'No fees have been drawn since …' is said only where the ledger is the source of the projection")
    void noDrawdownsOnlyWhenTheLedgerSaysSo() {
        Matter m = aMatter().numbered("M-2026-0500").holding("1000.00").withFloor("2500.00").withoutBillingHistory()
                .withOriginalRetainer("5000.00").with(b -> b.lastReplenishedOn(LocalDate.of(2026, 11, 1))).build();
        String text = new Letters().with(m).drawdown("M-2026-0500", "900.00", LocalDate.of(2026, 10, 1), "September fees")
                .letterFor("M-2026-0500").text();
        assertThat(text).contains("No fees have been drawn from trust since November 1, 2026.")
                .contains("at the rate fees were drawn over the last 90 days, about $300.00 a month");
    }

    @Test
    @DisplayName("an overdrawn balance has no depletion date: 'none: the balance is already below zero'")
    void overdrawnIsNotProjected() {
        String text = demo("M-2025-0415").letterFor("M-2025-0415").text();
        assertThat(text).contains("Trust balance on November 20, 2026:  -$150.00")
                .contains("Projected depletion date:  none: the balance is already below zero");
    }

    @Test
    @DisplayName("a depletion date that has passed by the time the letter goes out is not printed as a projection")
    void pastDepletionIsNotAProjection() {
        // 8,000.00 at 9,000.00 a month runs out on December 16, 2026
        String late = demo("M-2025-0112").composedOn(LocalDate.of(2026, 12, 18)).letterFor("M-2025-0112").text();
        assertThat(late).contains("Projected depletion date:  now or within days, at the matter's average monthly billing")
                .doesNotContain("December 16, 2026");
        // a first request sent after its pay-by date does not print that date as still ahead, nor claim an earlier ask
        assertThat(late).contains("Please replenish as soon as you can. If the balance is not restored soon, we may need to pause work")
                .doesNotContain("November 27, 2026").doesNotContain("We asked");
    }

    @Test
    @DisplayName("dates in a client letter read 'November 27, 2026', never ISO; spelling is American")
    void usDatesAndSpelling() {
        Letters all = henderson().with(DemoBook.matter("M-2025-0112")).with(DemoBook.matter("M-2025-0113"))
                .with(DemoBook.matter("M-2025-0415"));
        for (RecordedAction r : all.requests()) {
            OutgoingMessage letter = all.compose(List.of(r));
            assertThat(letter.text()).as(r.matterNumber()).contains("Please replenish by November 27, 2026.");
            for (String part : List.of(letter.subject(), letter.text(), letter.html())) {
                assertThat(ISO_DATE.matcher(part).find()).as("an ISO date in %s: %s", r.matterNumber(), part).isFalse();
                assertThat(part).doesNotContain("authorisation", "organisation", "recognise", "cheque", "colour", "favour");
            }
            assertThat(letter.text()).contains("without your authorization");
        }
    }

    @Test
    @DisplayName("every figure and date of a letter appears in both its HTML and its plain-text part")
    void sameFactsInBothParts() {
        Letters all = henderson().with(DemoBook.matter("M-2025-0112")).with(DemoBook.matter("M-2025-0113"))
                .with(DemoBook.matter("M-2025-0415"));
        Pattern facts = Pattern.compile("-?\\$[0-9,]+\\.[0-9]{2}|[A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}|M-[0-9]{4}-[0-9]{4}");
        for (RecordedAction r : all.actions()) {
            OutgoingMessage m = all.compose(List.of(r));
            List<String> inText = facts.matcher(m.text()).results().map(x -> x.group()).toList();
            List<String> inHtml = facts.matcher(TemplateParityTest.words(m.html())).results().map(x -> x.group()).toList();
            assertThat(inHtml).as("facts of %s %s", r.action().type(), r.matterNumber()).isEqualTo(inText);
        }
    }

    @Test
    @DisplayName("a follow-up on day 10 repeats the first request's pay-by date; once it has passed it says so rather than asking for a date gone by")
    void followUpRepeatsTheDeadline() {
        LocalDate start = LocalDate.of(2026, 11, 20);
        Letters onDay5 = new Letters().with(DemoBook.matter("M-2024-0847").withTrustBalance(new BigDecimal("1240.00")))
                .on(LocalDate.of(2026, 11, 27), new com.trustwatch.decision.OpenEpisode("M-2024-0847", start, 1, 5, start,
                        LocalDate.of(2026, 11, 27)));
        RecordedAction followUp = onDay5.actions().stream().filter(r -> "CLIENT_FOLLOW_UP".equals(r.action().code()))
                .findFirst().orElseThrow();
        assertThat(followUp.action().deadline()).isEqualTo(LocalDate.of(2026, 11, 27));
        String text = onDay5.compose(List.of(followUp)).text();
        assertThat(text).contains("Please replenish by November 27, 2026, or reply to this message")
                .contains("Replenishment threshold:  $2,500.00 (the minimum balance agreed in your fee agreement)");
        String late = onDay5.composedOn(LocalDate.of(2026, 11, 30)).compose(List.of(followUp)).text();
        assertThat(late).contains("We asked for the replenishment by November 27, 2026. Please replenish as soon as you can, or reply");
    }

    @Test
    @DisplayName("internal alerts name the threshold's basis in the firm's words, never 'your fee agreement'; a negative balance reads 'below zero', not '-2.5% of'")
    void internalAlertWording() {
        Letters book = henderson().with(DemoBook.matter("M-2025-0415"));
        for (RecordedAction r : book.actions()) {
            if (r.action().type() != com.trustwatch.decision.ActionType.INTERNAL_ALERT) {
                continue;
            }
            String text = book.compose(List.of(r)).text();
            assertThat(text).as(r.matterNumber()).doesNotContain("your");
            if (r.matterNumber().equals("M-2024-0847")) {
                assertThat(text).contains("Threshold:  $2,500.00 (fee-agreement floor)")
                        .contains("BREACH: balance $1,240.00 is 49.6% of the threshold of $2,500.00 (fee-agreement floor); notify within 8 hours");
            } else {
                assertThat(text).contains("Threshold:  $6,000.00 (30 days of projected burn)")
                        .contains("CRITICAL: balance -$150.00 is below zero, against a threshold of $6,000.00 (30 days of projected burn); notify immediately")
                        .contains("Projected depletion:  none: the balance is already below zero");
            }
        }
    }
}
