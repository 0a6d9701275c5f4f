package com.trustwatch.evaluation;

import com.trustwatch.action.ActionPlanner;
import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.action.Recipients;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Role;
import com.trustwatch.decision.Severity;
import com.trustwatch.rules.RuleEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dry run says a real run would do with each action, from what is recorded, without a
 * database: the recorded actions and their delivery are stand-ins (plain subclasses), the proposals
 * are built here. The integration test {@code DryRunTruthIT} covers the same on the real book.
 */
class DryRunOutcomesTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    static final LocalDate EPISODE = LocalDate.of(2026, 11, 13);

    /** Recorded actions, by key, as the database would hold them. */
    private final Map<String, RecordedAction> recorded = new HashMap<>();
    private final Map<Long, String> delivery = new HashMap<>();
    private final ActionPlanner planner = new ActionPlanner(null, null, null);

    private final Actions actions = new Actions(null) {
        @Override
        public Map<String, RecordedAction> byKeys(Collection<String> keys) {
            Map<String, RecordedAction> out = new HashMap<>();
            keys.stream().filter(recorded::containsKey).forEach(k -> out.put(k, recorded.get(k)));
            return out;
        }

        @Override
        public List<RecordedAction> ofEpisodes(Map<String, ? extends Collection<String>> episodes) {
            return recorded.values().stream().filter(a -> episodes.containsKey(a.matterNumber())
                    && episodes.get(a.matterNumber()).contains(a.action().episode().text())).toList();
        }
    };
    private final DeliveryStates deliveries = new DeliveryStates(null, null, null) {
        @Override
        Map<Long, String> of(Collection<Long> ids) {
            Map<Long, String> out = new HashMap<>();
            ids.forEach(id -> out.put(id, delivery.getOrDefault(id, RECORDED)));
            return out;
        }

        @Override
        Map<Long, List<String>> holds(Collection<Long> ids) {
            return Map.of();
        }
    };
    private final DryRunOutcomes outcomes = new DryRunOutcomes(actions, deliveries);

    @Test
    @DisplayName("a new action is NEW, a recorded one ALREADY_RECORDED as recorded with its delivery, and a second rule's very same action SUPPRESSED")
    void newRecordedAndSuppressed() {
        ActionProposal alert = proposal("M-1", ActionType.INTERNAL_ALERT, "LOW_BALANCE_BREACH", "RP-040 Alert",
                EpisodeKey.lowBalance(AS_OF, "BREACH"));
        ActionProposal sameAlert = proposal("M-1", ActionType.INTERNAL_ALERT, "LOW_BALANCE_BREACH", "XX-900 Alert again",
                EpisodeKey.lowBalance(AS_OF, "BREACH"));
        ActionProposal request = proposal("M-1", ActionType.REPLENISHMENT_REQUEST, null, "RP-020 Ask",
                EpisodeKey.ladderStage(AS_OF, 1));
        PlannedAction plannedAlert = planned(alert, "billing.manager@firm.example", "balance 1000.00 today");
        PlannedAction plannedRequest = planned(request, "client@example.com", "requesting 4000.00");
        record(7, planned(alert, "billing.manager@firm.example", "balance 1240.00 when it was recorded"), "SENT");

        List<EvaluationView.Action> found = outcomes.of(decided(List.of(alert, sameAlert, request),
                List.of(plannedAlert, plannedRequest), Map.of(), List.of()), planner.collapsed(List.of(alert, sameAlert, request)));

        assertThat(found).extracting(EvaluationView.Action::outcome).containsExactly("ALREADY_RECORDED", "NEW", "SUPPRESSED");
        assertThat(found.get(0)).satisfies(a -> {
            assertThat(a.delivery()).isEqualTo("SENT");
            assertThat(a.reason()).as("what was recorded, not today's wording").isEqualTo("balance 1240.00 when it was recorded");
            assertThat(a.note()).isEqualTo("Recorded as of 2026-11-20 by evaluation e-earlier; sent. A real run now"
                    + " records nothing new for it and sends nothing again.");
        });
        assertThat(found.get(1)).satisfies(a -> {
            assertThat(a.delivery()).isNull();
            assertThat(a.note()).isEqualTo("Not recorded yet: a real run now would record it and send it to client@example.com.");
        });
        assertThat(found.get(2)).satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("XX-900");
            assertThat(a.idempotencyKey()).isEqualTo(plannedAlert.idempotencyKey());
            assertThat(a.note()).isEqualTo("Suppressed: RP-040 proposes the very same action (same matter, type, code"
                    + " and episode, so the same idempotency key); a real run records it once, under RP-040.");
        });
    }

    @Test
    @DisplayName("the request of an open episode is listed with its delivery, and with the stop a real run would make now")
    void openEpisodeRequest() {
        ActionProposal first = proposal("M-2", ActionType.REPLENISHMENT_REQUEST, null, "RP-020 Ask",
                EpisodeKey.ladderStage(EPISODE, 1));
        PlannedAction stage1 = new PlannedAction(key(first), EPISODE, "M-2", "C-2", first.type(), Band.BREACH,
                Severity.HIGH, null, new BigDecimal("3760.00"), new BigDecimal("1240.00"), new BigDecimal("2500.00"),
                new BigDecimal("5000.00"), null, null, null, new Recipients(List.of("dana@example.com"), List.of(), List.of()),
                "RP-020", "RP-020 Ask", "requesting 3760.00", first.episode(), "v1", null, null, null, null, List.of(), null);
        record(9, stage1, "PENDING");
        ActionProposal flag = proposal("M-2", ActionType.COMPLIANCE_FLAG, "MISSING_FEE_AGREEMENT_FLOOR", "CM-005 Floor",
                EpisodeKey.standing("MISSING_FEE_AGREEMENT_FLOOR"));
        EpisodeStop stop = new EpisodeStop("M-2", "Balance $5,000.00 is back at or above the threshold", "ES-004 Restored");

        List<EvaluationView.Action> found = outcomes.of(decided(List.of(flag), List.of(planned(flag, "", "no floor")),
                Map.of("M-2", new OpenEpisode("M-2", EPISODE, 1, 5)), List.of(stop)), List.of());

        assertThat(found).extracting(EvaluationView.Action::type).containsExactly("REPLENISHMENT_REQUEST", "COMPLIANCE_FLAG");
        assertThat(found.get(0)).satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("ALREADY_RECORDED");
            assertThat(a.delivery()).isEqualTo("PENDING");
            assertThat(a.amount()).isEqualTo("3760.00");
            assertThat(a.note()).isEqualTo("The replenishment request of the open low-balance episode that began on"
                    + " 2026-11-13, recorded as of 2026-11-13 by evaluation e-earlier; waiting to be sent. No new request"
                    + " goes out while the episode is open; a real run now would end the episode (ES-004): Balance"
                    + " $5,000.00 is back at or above the threshold.");
        });
        assertThat(found.get(1).note()).as("a message with no address on file would go dead at once")
                .contains("no address is on file for it, so its delivery would fail at once (a dead letter)");
    }

    private static ActionProposal proposal(String matter, ActionType type, String code, String rule, EpisodeKey episode) {
        return new ActionProposal(matter, type, type == ActionType.REPLENISHMENT_REQUEST ? Band.BREACH : null,
                Severity.HIGH, code, type == ActionType.REPLENISHMENT_REQUEST ? new BigDecimal("4000.00") : null,
                List.of(Role.BILLING_MANAGER), List.of(), List.of(), rule, "why", episode, null, null, null, null, List.of(),
                null);
    }

    /** The idempotency key planning gives a proposal (read through {@code collapsed}, which names it). */
    private static String key(ActionProposal p) {
        return new ActionPlanner(null, null, null).collapsed(List.of(p, p)).get(0).idempotencyKey();
    }

    private static PlannedAction planned(ActionProposal p, String to, String reason) {
        return new PlannedAction(key(p), AS_OF, p.matterNumber(), "C-1", p.type(), p.band(), p.severity(), p.code(),
                p.amount(), new BigDecimal("1000.00"), null, null, null, null, null,
                new Recipients(to.isEmpty() ? List.of() : List.of(to), List.of(), List.of()), p.ruleId(), p.ruleName(),
                reason, p.episode(), "v1", null, null, null, null, List.of(), null);
    }

    private void record(long id, PlannedAction a, String state) {
        recorded.put(a.idempotencyKey(), new RecordedAction(id, "e-earlier", LocalDateTime.of(2026, 11, 13, 9, 0), a));
        delivery.put(id, state);
    }

    private static ChunkEvaluator.Decided decided(List<ActionProposal> proposals, List<PlannedAction> planned,
                                                  Map<String, OpenEpisode> open, List<EpisodeStop> stops) {
        return new ChunkEvaluator.Decided(new RuleEngine.Outcome(new ArrayList<>(proposals), stops, List.of()), planned,
                Map.of(), open);
    }
}
