package com.trustwatch.action;

import com.trustwatch.config.FirmSettings;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.BurnSource;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Role;
import com.trustwatch.matter.Matter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

class ActionPlannerTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    private static FirmSettings firm(boolean bccBookkeeper) {
        return new FirmSettings("Firm LLP", "trust@firm.example", "bm@firm.example", "books@firm.example",
                "pgl@firm.example", "mp@firm.example", bccBookkeeper, "https://pay/{matterNumber}/{amount}", List.of(), null);
    }

    private static List<PlannedAction> plan(FirmSettings firm, Matter m, ActionProposal... proposals) {
        return new ActionPlanner(firm, new RequestSettings(5, 90, false), new BusinessCalendar(List.of()))
                .plan(List.of(proposals), Map.of(m.matterNumber(), m), Map.of(m.matterNumber(), MatterFacts.of(m, AS_OF)),
                        "v1", AS_OF);
    }

    @Test
    @DisplayName("a client request goes to the billing contact, with the bookkeeper on BCC only where the firm configures it")
    void bookkeeperOnBccWhereConfigured() {
        Matter m = aMatter().build();
        MatterFacts f = MatterFacts.of(m, AS_OF);
        ActionProposal request = ActionProposal.of(f, ActionType.REPLENISHMENT_REQUEST, "RP-020 Ask")
                .to(Role.BILLING_CONTACT).episode(EpisodeKey.ladderStage(AS_OF, 1)).build();

        PlannedAction with = plan(firm(true), m, request).get(0);
        assertThat(with.recipients().to()).containsExactly(m.billingContactEmail());
        assertThat(with.recipients().bcc()).containsExactly("books@firm.example");
        assertThat(plan(firm(false), m, request).get(0).recipients().bcc()).isEmpty();
    }

    @Test
    @DisplayName("a client request's deadline is five business days after the as-of date, fixed when it is planned")
    void deadlineFromTheAsOfDate() {
        Matter m = aMatter().build();
        MatterFacts f = MatterFacts.of(m, AS_OF);
        ActionProposal request = ActionProposal.of(f, ActionType.REPLENISHMENT_REQUEST, "RP-020 Ask")
                .to(Role.BILLING_CONTACT).episode(EpisodeKey.ladderStage(AS_OF, 1)).build();
        PlannedAction planned = plan(firm(false), m, request).get(0);
        assertThat(planned.deadline()).as("Friday 2026-11-20 + 5 business days").isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(planned.asOf()).isEqualTo(AS_OF);
    }

    @Test
    @DisplayName("internal roles use the matter's own people first and the firm's settings when the matter names nobody")
    void matterAddressesFirstThenFirm() {
        Matter m = aMatter().with(b -> b.billingManagerEmail("pat.bm@firm.example")).build();
        MatterFacts f = MatterFacts.of(m, AS_OF);
        ActionProposal alert = ActionProposal.of(f, ActionType.INTERNAL_ALERT, "RP-040 Alert")
                .to(Role.ATTORNEY, Role.BILLING_MANAGER, Role.MANAGING_PARTNER).episode(EpisodeKey.standing("e")).build();
        assertThat(plan(firm(false), m, alert).get(0).recipients().to())
                .containsExactly("alex@firm.example", "pat.bm@firm.example", "mp@firm.example");
    }

    @Test
    @DisplayName("the idempotency key is matter, type, code and episode, never the run; two rules proposing the same action make one")
    void keyFromTheEpisode() {
        Matter m = aMatter().numbered("M-2024-0847").build();
        MatterFacts f = MatterFacts.of(m, AS_OF);
        ActionProposal a = ActionProposal.of(f, ActionType.COMPLIANCE_FLAG, "CM-003 Closed 30").code("UNEARNED_FUNDS_NOT_RETURNED")
                .to(Role.ATTORNEY).episode(EpisodeKey.flag("UNEARNED_FUNDS_NOT_RETURNED", "closed-2026-07-01")).build();
        ActionProposal same = ActionProposal.of(f, ActionType.COMPLIANCE_FLAG, "CM-003 Closed 30").code("UNEARNED_FUNDS_NOT_RETURNED")
                .to(Role.ATTORNEY).episode(EpisodeKey.flag("UNEARNED_FUNDS_NOT_RETURNED", "closed-2026-07-01")).build();
        List<PlannedAction> planned = plan(firm(false), m, a, same);
        assertThat(planned).hasSize(1);
        assertThat(planned.get(0).idempotencyKey())
                .isEqualTo("M-2024-0847|COMPLIANCE_FLAG|UNEARNED_FUNDS_NOT_RETURNED|UNEARNED_FUNDS_NOT_RETURNED:closed-2026-07-01");
    }

    private static ActionPlanner planner(boolean reviewFirstRequests) {
        return new ActionPlanner(firm(false), new RequestSettings(5, 90, reviewFirstRequests), new BusinessCalendar(List.of()));
    }

    @Test
    @DisplayName("a client follow-up names the deadline its episode's first request named, never one counted from its own day")
    void followUpKeepsTheFirstRequestsDeadline() {
        Matter m = aMatter().build();
        LocalDate day5 = LocalDate.of(2026, 11, 27);
        MatterFacts f = MatterFacts.of(m, day5, AS_OF);
        ActionProposal followUp = ActionProposal.of(f, ActionType.ESCALATION, "EL-1 Follow up").code("CLIENT_FOLLOW_UP")
                .to(Role.BILLING_CONTACT).episode(EpisodeKey.ladderStage(AS_OF, 2)).build();
        OpenEpisode episode = new OpenEpisode(m.matterNumber(), AS_OF, 1, 5, AS_OF, LocalDate.of(2026, 11, 27));
        PlannedAction planned = planner(false).plan(List.of(followUp), Map.of(m.matterNumber(), m),
                Map.of(m.matterNumber(), f), Map.of(m.matterNumber(), episode), "v1", day5).get(0);
        assertThat(planned.deadline()).isEqualTo(LocalDate.of(2026, 11, 27));

        // an episode recorded before deadlines were kept: the date its first request named (5 business days on)
        OpenEpisode legacy = new OpenEpisode(m.matterNumber(), AS_OF, 1, 5, AS_OF, null);
        assertThat(planner(false).plan(List.of(followUp), Map.of(m.matterNumber(), m), Map.of(m.matterNumber(), f),
                Map.of(m.matterNumber(), legacy), "v1", day5).get(0).deadline()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    @DisplayName("the firm setting review-first-requests holds every first request for a person, and no follow-up or internal message")
    void firmReviewsEveryFirstRequest() {
        Matter m = aMatter().build();
        MatterFacts f = MatterFacts.of(m, AS_OF);
        ActionProposal request = ActionProposal.of(f, ActionType.REPLENISHMENT_REQUEST, "RP-020 Ask")
                .to(Role.BILLING_CONTACT).episode(EpisodeKey.ladderStage(AS_OF, 1)).build();
        ActionProposal alert = ActionProposal.of(f, ActionType.INTERNAL_ALERT, "RP-040 Alert").code("LOW_BALANCE_WARNING")
                .to(Role.ATTORNEY).episode(EpisodeKey.lowBalance(AS_OF, "WARNING")).build();
        List<PlannedAction> reviewed = planner(true).plan(List.of(request, alert), Map.of(m.matterNumber(), m),
                Map.of(m.matterNumber(), f), "v1", AS_OF);
        assertThat(reviewed.get(0).holds()).extracting(Hold::code).containsExactly(RequestSettings.FIRST_REQUEST_REVIEW);
        assertThat(reviewed.get(1).holds()).isEmpty();
        assertThat(planner(false).plan(List.of(request), Map.of(m.matterNumber(), m), Map.of(m.matterNumber(), f), "v1",
                AS_OF).get(0).holds()).isEmpty();
    }

    @Test
    @DisplayName("a planned request carries where its threshold and its projection come from")
    void basisTravelsWithTheAction() {
        Matter m = aMatter().holding("1240.00").withoutBillingHistory().build();
        MatterFacts f = MatterFacts.of(m, AS_OF, null, new java.math.BigDecimal("2000.00"));
        ActionProposal request = ActionProposal.of(f, ActionType.REPLENISHMENT_REQUEST, "RP-020 Ask")
                .to(Role.BILLING_CONTACT).episode(EpisodeKey.ladderStage(AS_OF, 1)).build();
        PlannedAction planned = planner(false).plan(List.of(request), Map.of(m.matterNumber(), m),
                Map.of(m.matterNumber(), f), "v1", AS_OF).get(0);
        assertThat(planned.burnSource()).isEqualTo(BurnSource.LEDGER);
        assertThat(planned.monthlyBurn()).isEqualByComparingTo("666.67");
        assertThat(planned.depletionDate()).isEqualTo(LocalDate.of(2027, 1, 14));
        assertThat(planned.concern()).isEqualTo("REPLENISHMENT_REQUEST");
    }
}
