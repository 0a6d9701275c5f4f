package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static com.trustwatch.decision.ActionType.ESCALATION;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must not reach a client alone: the rules say why (RP-021 litigation, RP-022 a negative client
 * ledger) and hold the request or reminder; the ladder waits for the day a person releases the first
 * request (issue 10, A3 and D).
 */
class HeldRequestRulesTest {

    static final LocalDate START = LocalDate.of(2026, 11, 2);
    static final BusinessCalendar WEEKDAYS = new BusinessCalendar(List.of());

    @Test
    @DisplayName("a request on a negative client ledger (-150.00) is held for a person, with the reason")
    void negativeLedgerHeld() {
        ActionProposal request = evaluate(aMatter().holding("-150.00").billingMonthly("6000.00"))
                .fired("RP-022").only(REPLENISHMENT_REQUEST);
        assertThat(request.holds()).extracting(Hold::code, Hold::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEGATIVE_CLIENT_LEDGER", "RP-022"));
        assertThat(request.holds().get(0).reason()).isEqualTo("the client ledger is negative (-$150.00): other clients' money may have covered this matter,"
                + " so a person checks before the client is asked");
    }

    @Test
    @DisplayName("a request on a positive balance below the threshold is not held")
    void positiveBalanceNotHeld() {
        ActionProposal request = evaluate(aMatter().holding("1240.00").withFloor("2500.00")).didNotFire("RP-022")
                .only(REPLENISHMENT_REQUEST);
        assertThat(request.holds()).isEmpty();
    }

    @Test
    @DisplayName("a litigation matter on a negative ledger is held for both reasons")
    void bothReasons() {
        ActionProposal request = evaluate(aMatter().inPracticeArea("Litigation").holding("-50.00")
                .withoutBillingHistory().withOriginalRetainer("4000.00")).only(REPLENISHMENT_REQUEST);
        assertThat(request.holds()).extracting(Hold::code)
                .containsExactlyInAnyOrder("ATTORNEY_REVIEW_REQUIRED", "NEGATIVE_CLIENT_LEDGER");
    }

    private static RulesHarness.Result onDay(MatterFixture matter, OpenEpisode episode, int days) {
        var m = matter.build();
        LocalDate asOf = WEEKDAYS.plusBusinessDays(START, days);
        return evaluate(asOf, List.of(episode), List.of(m));
    }

    private static MatterFixture unpaid() {
        return aMatter().numbered("M-2026-7001").holding("1240.00").withFloor("2500.00").withOriginalRetainer("5000.00")
                .withoutBillingHistory();
    }

    @Test
    @DisplayName("while the first request waits for a person the ladder does not run, however many days pass")
    void heldFirstRequestStopsTheLadder() {
        var result = onDay(unpaid(), new OpenEpisode("M-2026-7001", START, 1, 0, null, null), 12);
        result.didNotFire("ES-010", "ES-020");
        assertThat(result.actions(ESCALATION)).isEmpty();
    }

    @Test
    @DisplayName("a request released on day 3 gets its follow-up 5 business days after the release, not after the decision")
    void ladderCountsFromTheRelease() {
        LocalDate released = WEEKDAYS.plusBusinessDays(START, 3);
        // day 7 after the decision is day 4 after the release: nothing yet
        var early = onDay(unpaid(), new OpenEpisode("M-2026-7001", START, 1, 4, released, null), 7);
        assertThat(early.actions(ESCALATION)).isEmpty();
        var due = onDay(unpaid(), new OpenEpisode("M-2026-7001", START, 1, 5, released, null), 8);
        ActionProposal followUp = due.fired("ES-010").only(ESCALATION);
        assertThat(followUp.ruleId()).isEqualTo("EL-1");
        assertThat(followUp.code()).isEqualTo("CLIENT_FOLLOW_UP");
        assertThat(followUp.reason()).contains("the replenishment request of " + released + " is unpaid after 5 business days");
        assertThat(followUp.episode().text()).as("the episode keeps its identity").isEqualTo("low-balance:" + START + ":stage-2");
    }

    @Test
    @DisplayName("a client follow-up on a ledger gone negative is held like a first request; the internal steps are not")
    void followUpOnNegativeLedgerHeld() {
        var result = onDay(aMatter().numbered("M-2026-7001").holding("-20.00").withFloor("2500.00")
                .withOriginalRetainer("5000.00").withoutBillingHistory(), new OpenEpisode("M-2026-7001", START, 1, 10), 10);
        List<ActionProposal> ladder = result.actions().stream().filter(a -> a.ruleId().startsWith("EL-")).toList();
        assertThat(ladder).extracting(ActionProposal::code).contains("CLIENT_FOLLOW_UP", "INTERNAL_ESCALATION");
        for (ActionProposal a : ladder) {
            assertThat(a.holds()).as("holds of %s", a.code()).hasSize("CLIENT_FOLLOW_UP".equals(a.code()) ? 1 : 0);
        }
        assertThat(result.actions(REPLENISHMENT_REQUEST)).as("no second first request while the episode is open").isEmpty();
    }
}
