package com.trustwatch.rules;

import com.trustwatch.decision.Band;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.EscalationKind;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Role;
import com.trustwatch.fixtures.DefaultTables;
import com.trustwatch.fixtures.MatterFixture;
import com.trustwatch.matter.FeeType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static com.trustwatch.decision.ActionType.ESCALATION;
import static com.trustwatch.decision.ActionType.EXCEPTION_TASK;
import static com.trustwatch.decision.ActionType.PAUSE_WORK_NOTICE;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The escalation ladder (escalation-ladder.xlsx and rules/escalation.drl): one test per shipped row,
 * the stop conditions, the end of the ladder, and the seed 001 and 003 ladders written as a billing
 * manager would write them, by editing the sheet alone. Seed 000's day-5 follow-up is its worked example;
 * the other cases take the shipped ladder's stages and days from its mirror ({@link DefaultTables}).
 */
class EscalationLadderRulesTest {

    /** A Monday; the first request of every episode here went out that day. */
    static final LocalDate START = LocalDate.of(2026, 11, 2);
    static final BusinessCalendar WEEKDAYS = new BusinessCalendar(List.of());
    static final TableTemplate LADDER = ApprovedTables.ALL.stream()
            .filter(t -> t.workbook().equals(ApprovedTables.LADDER)).findFirst().orElseThrow();

    /** Seed 000's Henderson: 1240.00 against a 2500.00 floor on a 5000.00 retainer, a BREACH. */
    static MatterFixture unpaid() {
        return aMatter().holding("1240.00").withFloor("2500.00").withOriginalRetainer("5000.00").withoutBillingHistory();
    }

    /** Evaluates {@code matter} {@code days} business days into its episode, {@code stageSent} stages sent. */
    static RulesHarness.Result onDay(Ruleset ruleset, MatterFixture matter, int stageSent, int days) {
        var m = matter.build();
        LocalDate asOf = WEEKDAYS.plusBusinessDays(START, days);
        return RulesHarness.evaluate(ruleset, asOf, List.of(new OpenEpisode(m.matterNumber(), START, stageSent, days)),
                List.of(m));
    }

    static RulesHarness.Result onDay(MatterFixture matter, int stageSent, int days) {
        return onDay(RulesHarness.shippedRuleset(), matter, stageSent, days);
    }

    /** The business day the shipped ladder's {@code stage} goes out (every row of a stage goes out that day). */
    static int dayOf(int stage) {
        return DefaultTables.rows("escalation-ladder").stream().filter(r -> r.days("Stage") == stage)
                .mapToInt(r -> r.days("Business days after the first request")).findFirst()
                .orElseThrow(() -> new AssertionError("the shipped ladder has no stage " + stage));
    }

    /** The shipped ladder's last stage. */
    static int lastStage() {
        return DefaultTables.rows("escalation-ladder").stream().mapToInt(r -> r.days("Stage")).max().orElseThrow();
    }

    static List<ActionProposal> ladderActions(RulesHarness.Result result) {
        return result.actions().stream().filter(a -> a.type() == ESCALATION || a.type() == PAUSE_WORK_NOTICE
                || "LADDER_EXHAUSTED".equals(a.code())).toList();
    }

    static List<ActionProposal> byRule(RulesHarness.Result result, String ruleId) {
        return result.actions().stream().filter(a -> a.ruleId().equals(ruleId)).toList();
    }

    static ActionProposal exhausted(RulesHarness.Result result) {
        List<ActionProposal> found = result.actions(EXCEPTION_TASK).stream()
                .filter(a -> "LADDER_EXHAUSTED".equals(a.code())).toList();
        assertThat(found).as("expected one LADDER_EXHAUSTED task; actions: %s", result.summary()).hasSize(1);
        return found.get(0);
    }

    static List<Role> roles(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Role.valueOf(s.toUpperCase(Locale.ROOT).replace(' ', '_'))).toList();
    }

    // ---- the shipped ladder, row by row ----------------------------------------------------------

    static Stream<Arguments> shippedLadder() throws IOException {
        return DefaultWorkbooks.mirrorRows(LADDER).stream().map(r -> Arguments.of(r.get(0), r.get(1), r));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shippedLadder")
    @DisplayName("each row of the shipped ladder goes out on its business day, to its people, and not a day sooner")
    void shippedRow(String id, String name, List<String> row) {
        int stage = Integer.parseInt(row.get(2));
        int days = Integer.parseInt(row.get(3));
        EscalationKind kind = EscalationKind.valueOf(row.get(4));
        assertThat(RulesHarness.shippedRuleset().rule(id))
                .as("the shipped workbook has the mirror's row %s", id)
                .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo(name));

        var due = onDay(unpaid(), stage - 1, days);
        List<ActionProposal> sent = byRule(due.fired(id, "ES-010"), id);
        assertThat(sent).as("actions of %s; all actions: %s", id, due.summary()).hasSize(1);
        ActionProposal action = sent.get(0);
        assertThat(action.type()).isEqualTo(kind.actionType());
        assertThat(action.code()).isEqualTo(kind.name());
        assertThat(action.to()).containsExactlyElementsOf(roles(row.get(5)));
        assertThat(action.cc()).containsExactlyElementsOf(roles(row.get(6)));
        assertThat(action.episode().text()).isEqualTo("low-balance:2026-11-02:stage-" + stage);
        assertThat(action.reason()).contains("Stage " + stage + " of the escalation ladder")
                .contains("unpaid after " + days + " business days");
        if (row.get(7).equalsIgnoreCase("Yes")) {
            assertThat(action.reason()).contains("Recommendation: stop work");
        } else {
            assertThat(action.reason()).doesNotContain("stop work");
        }

        assertThat(byRule(onDay(unpaid(), stage - 1, days - 1), id)).as("%s a business day early", id).isEmpty();
    }

    // ---- how the ladder moves --------------------------------------------------------------------

    @Test
    @DisplayName("seed 000: the day-5 follow-up asks again for 3760.00 to restore 5000.00, to the billing contact with the attorney on CC")
    void followUpCarriesTheRequest() {
        var result = onDay(unpaid(), 1, 5);
        ActionProposal followUp = result.only(ESCALATION);
        assertThat(followUp.code()).isEqualTo("CLIENT_FOLLOW_UP");
        assertThat(followUp.band()).isEqualTo(Band.BREACH);
        assertThat(followUp.amount()).isEqualByComparingTo("3760.00");
        assertThat(followUp.threshold()).isEqualByComparingTo("2500.00");
        assertThat(followUp.refillTo()).isEqualByComparingTo("5000.00");
        assertThat(followUp.to()).containsExactly(Role.BILLING_CONTACT);
        assertThat(followUp.cc()).containsExactly(Role.ATTORNEY);
        assertThat(followUp.reason()).isEqualTo("Stage 2 of the escalation ladder: the replenishment request of"
                + " 2026-11-02 is unpaid after 5 business days; balance $1,240.00 is still below the threshold of"
                + " $2,500.00 (fee-agreement floor), and $3,760.00 would restore $5,000.00");
        assertThat(result.actions(REPLENISHMENT_REQUEST)).as("stage 1 is not asked again").isEmpty();
        assertThat(result.stops()).isEmpty();
    }

    @Test
    @DisplayName("between the request and the follow-up's day nothing more goes out, and the episode stays open")
    void quietBetweenSteps() {
        var result = onDay(unpaid(), 1, dayOf(2) - 1);
        result.didNotFire("ES-010", "ES-020", "RP-020");
        assertThat(ladderActions(result)).isEmpty();
        assertThat(result.stops()).isEmpty();
    }

    @Test
    @DisplayName("a stage already sent is not sent again")
    void sentStageIsNotRepeated() {
        assertThat(dayOf(3)).as("the shipped ladder's stage 3 comes at least a day after stage 2").isGreaterThan(dayOf(2));
        var result = onDay(unpaid(), 2, dayOf(3) - 1);
        result.didNotFire("ES-010");
        assertThat(ladderActions(result)).isEmpty();
    }

    @Test
    @DisplayName("an evaluation that comes late takes every step that is due: two days after the last stage's day, a case at stage 1 gets every later stage")
    void lateEvaluationCatchesUp() {
        var result = onDay(unpaid(), 1, dayOf(lastStage()) + 2);
        assertThat(ladderActions(result)).extracting(ActionProposal::ruleId).containsExactlyInAnyOrderElementsOf(
                DefaultTables.rows("escalation-ladder").stream().map(DefaultTables.Row::id).toList());
        result.didNotFire("ES-020");
    }

    @Test
    @DisplayName("no ladder step goes out without an open case: a first low balance gets the stage-1 request")
    void noCaseNoLadder() {
        var m = unpaid().build();
        var result = RulesHarness.evaluate(START, List.of(), List.of(m));
        result.fired("RP-020").didNotFire("ES-010", "ES-020");
        assertThat(result.only(REPLENISHMENT_REQUEST).episode().text()).isEqualTo("low-balance:2026-11-02:stage-1");
        assertThat(ladderActions(result)).isEmpty();
    }

    @Test
    @DisplayName("a business day after the last stage, an unpaid case becomes one exception-queue item for the billing manager")
    void ladderExhausted() {
        int last = lastStage();
        int dayAfter = dayOf(last) + 1;
        var result = onDay(unpaid(), last, dayAfter);
        ActionProposal task = exhausted(result.fired("ES-020"));
        assertThat(task.to()).containsExactly(Role.BILLING_MANAGER);
        assertThat(task.episode().text()).isEqualTo("low-balance:2026-11-02:ladder-exhausted");
        assertThat(task.reason()).contains("last stage " + last).contains("still unpaid after " + dayAfter + " business days")
                .contains("balance $1,240.00 against a threshold of $2,500.00");
        result.didNotFire("ES-010");

        onDay(unpaid(), last, dayOf(last)).didNotFire("ES-020");
        onDay(unpaid(), 1, dayAfter).didNotFire("ES-020");
    }

    // ---- stop conditions -------------------------------------------------------------------------

    static EpisodeStop onlyStop(RulesHarness.Result result, String ruleId) {
        result.fired(ruleId);
        assertThat(result.stops()).as("stops").hasSize(1);
        EpisodeStop stop = result.stops().get(0);
        assertThat(stop.ruleName()).startsWith(ruleId + " ");
        assertThat(ladderActions(result)).as("no ladder action once the episode stops; actions: %s", result.summary())
                .isEmpty();
        return stop;
    }

    @Test
    @DisplayName("a deposit that restores the balance to the threshold stops the ladder, naming balance and threshold")
    void restoredStops() {
        EpisodeStop stop = onlyStop(onDay(unpaid().holding("2500.00"), 1, 5), "ES-004");
        assertThat(stop.reason()).isEqualTo("Balance $2,500.00 is back at or above the threshold of $2,500.00"
                + " (fee-agreement floor): the low-balance episode of 2026-11-02 ends");
    }

    @Test
    @DisplayName("a closed matter stops the ladder, naming the day it closed")
    void closedStops() {
        EpisodeStop stop = onlyStop(onDay(unpaid().closedOn(LocalDate.of(2026, 11, 5)), 2, 10), "ES-001");
        assertThat(stop.reason()).isEqualTo("Matter closed on 2026-11-05 with a trust balance of $1,240.00: the low-balance episode"
                + " of 2026-11-02 ends and no further reminder goes out");
    }

    @Test
    @DisplayName("a payment plan stops the ladder")
    void paymentPlanStops() {
        EpisodeStop stop = onlyStop(onDay(unpaid().onPaymentPlan(), 1, 5), "ES-002");
        assertThat(stop.reason()).isEqualTo("Payment plan agreed with a trust balance of $1,240.00: the low-balance episode of"
                + " 2026-11-02 ends and the plan replaces the reminders");
    }

    @Test
    @DisplayName("a matter moved to a flat fee is no longer watched, and its ladder stops")
    void noLongerReplenishableStops() {
        EpisodeStop stop = onlyStop(onDay(unpaid().onFeeType(FeeType.FLAT_FEE), 1, 5), "ES-003");
        assertThat(stop.reason()).isEqualTo("The matter is now FLAT_FEE on a EVERGREEN retainer, which the replenishment"
                + " policy does not watch: the low-balance episode of 2026-11-02 ends (trust balance $1,240.00)");
    }

    @Test
    @DisplayName("a matter that has lost every basis for a threshold stops its ladder, and its data-quality item still goes to the queue")
    void noThresholdStops() {
        var result = onDay(unpaid().withoutFloor().withOriginalRetainer(null), 1, 5);
        EpisodeStop stop = onlyStop(result, "ES-005");
        assertThat(stop.reason()).isEqualTo("No replenishment threshold can be computed any more (no fee-agreement"
                + " floor, billing history or original retainer), so a balance of $1,240.00 is below none: the"
                + " low-balance episode of 2026-11-02 ends");
        assertThat(result.codes()).contains("EXCEPTION_TASK:DATA_QUALITY_NO_THRESHOLD");
    }

    @Test
    @DisplayName("a balance still below the threshold does not stop the ladder, even after a partial deposit")
    void stillBelowDoesNotStop() {
        var result = onDay(unpaid().holding("2000.00"), 1, dayOf(2));
        result.didNotFire("ES-001", "ES-002", "ES-003", "ES-004", "ES-005");
        assertThat(result.stops()).isEmpty();
        assertThat(result.only(ESCALATION).amount()).isEqualByComparingTo("3000.00");
    }

    // ---- seed variants, written in the sheet alone -------------------------------------------------

    @Nested
    @DisplayName("a billing manager's edited ladder")
    class EditedLadder {

        @TempDir
        Path tables;

        Ruleset withLadder(List<List<String>> rows) throws IOException {
            try (Stream<Path> shipped = Files.list(Path.of("decision-tables"))) {
                for (Path p : shipped.filter(p -> p.toString().endsWith(".xlsx")).toList()) {
                    Files.copy(p, tables.resolve(p.getFileName()));
                }
            }
            Files.write(tables.resolve(ApprovedTables.LADDER),
                    new WorkbookWriter().write(ApprovedTables.LADDER, Map.of(LADDER.sheet(), rows)));
            return new RulesetBuilder(Path.of("rules"), tables).build();
        }

        @Test
        @DisplayName("seed 001: one row escalates an unanswered request to the responsible attorney after 7 business days")
        void seed001() throws IOException {
            Ruleset ruleset = withLadder(List.of(List.of("EL-1",
                    "Stage 2, day 7, unanswered: the responsible attorney makes a personal call", "2", "7",
                    "Internal escalation", "attorney", "", "No")));

            assertThat(ladderActions(onDay(ruleset, unpaid(), 1, 5))).as("no day-5 follow-up in this ladder").isEmpty();
            assertThat(ladderActions(onDay(ruleset, unpaid(), 1, 6))).isEmpty();
            ActionProposal escalation = onDay(ruleset, unpaid(), 1, 7).only(ESCALATION);
            assertThat(escalation.code()).isEqualTo("INTERNAL_ESCALATION");
            assertThat(escalation.to()).containsExactly(Role.ATTORNEY);
            assertThat(escalation.ruleId()).isEqualTo("EL-1");
            assertThat(exhausted(onDay(ruleset, unpaid(), 2, 8)).to()).containsExactly(Role.BILLING_MANAGER);
        }

        @Test
        @DisplayName("seed 003: after 72 hours (3 business days) the attorney is re-notified, then the managing partner gets a stop-billing recommendation")
        void seed003() throws IOException {
            Ruleset ruleset = withLadder(List.of(
                    List.of("EL-1", "Stage 2, three business days without a replenishing deposit: re-notify the responsible attorney",
                            "2", "3", "INTERNAL_ESCALATION", "attorney", "", "No"),
                    List.of("EL-2", "Stage 3, continued silence: the managing partner, with a stop-billing recommendation",
                            "3", "6", "INTERNAL_ESCALATION", "managing partner", "attorney", "Yes")));

            assertThat(ladderActions(onDay(ruleset, unpaid(), 1, 2))).isEmpty();
            ActionProposal renotify = onDay(ruleset, unpaid(), 1, 3).only(ESCALATION);
            assertThat(renotify.to()).containsExactly(Role.ATTORNEY);
            assertThat(renotify.reason()).doesNotContain("stop work");

            assertThat(ladderActions(onDay(ruleset, unpaid(), 2, 5))).isEmpty();
            ActionProposal partner = onDay(ruleset, unpaid(), 2, 6).only(ESCALATION);
            assertThat(partner.ruleId()).isEqualTo("EL-2");
            assertThat(partner.to()).containsExactly(Role.MANAGING_PARTNER);
            assertThat(partner.cc()).containsExactly(Role.ATTORNEY);
            assertThat(partner.reason()).contains("Recommendation: stop work on the matter until the retainer is replenished");
        }

        @Test
        @DisplayName("rows a case could never reach are refused, each at its cell: stage 1, a stage split over two days, a later stage that comes sooner, one action twice in a stage")
        void unreachableRowsAreRefused() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("EL-1", "The request again", "1", "0", "CLIENT_FOLLOW_UP", "billing contact", "", "No"));
            rows.add(List.of("EL-2", "Follow up", "2", "5", "CLIENT_FOLLOW_UP", "billing contact", "attorney", "No"));
            rows.add(List.of("EL-3", "Escalate", "3", "4", "INTERNAL_ESCALATION", "billing manager", "", "No"));
            rows.add(List.of("EL-4", "Pause work", "3", "12", "PAUSE_WORK_NOTICE", "attorney", "", "Yes"));
            rows.add(List.of("EL-5", "Escalate again", "3", "4", "INTERNAL_ESCALATION", "practice group leader", "", "No"));
            String where = "escalation-ladder.xlsx › Escalation ladder › ";

            assertThatThrownBy(() -> withLadder(rows)).isInstanceOfSatisfying(RulesetException.class, e ->
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            where + "C5 (Stage): stage 1 is not a ladder step: stage 1 is the client request itself"
                                    + " (rule RP-020), sent when the balance falls below the threshold; the ladder starts at stage 2",
                            where + "D8 (Business days after the first request): stage 3 goes out after 4 business days"
                                    + " in row 7; every row of a stage goes out on the same day (give this row a stage of its own)",
                            where + "E9 (Action): stage 3 already has this action (internal escalation) in row 7;"
                                    + " put everyone in that row's To and CC",
                            where + "D7 (Business days after the first request): stage 3 goes out after 4 business days,"
                                    + " sooner than stage 2 (5 business days in row 6); a later stage cannot come sooner"));
        }

        @Test
        @DisplayName("an action the ladder does not know, or a To cell that names nobody, is refused with what it expects")
        void badCells() {
            assertThatThrownBy(() -> withLadder(List.of(
                    List.of("EL-1", "Call them", "2", "5", "Phone call", "billing contact", "", "No"),
                    List.of("EL-2", "Nobody", "3", "10", "PAUSE_WORK_NOTICE", ",", "", "Yes"))))
                    .isInstanceOfSatisfying(RulesetException.class, e -> assertThat(e.problems()).containsExactly(
                            "escalation-ladder.xlsx › Escalation ladder › E5 (Action): 'Phone call' is not one of:"
                                    + " client follow-up, internal escalation, pause-work notice",
                            "escalation-ladder.xlsx › Escalation ladder › F6 (To): ',' names nobody; enter people such as:"
                                    + " billing contact, attorney, billing manager, practice group leader, managing partner, bookkeeper"));
        }
    }
}
