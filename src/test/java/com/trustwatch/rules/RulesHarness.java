package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.fixtures.MatterFixture;
import com.trustwatch.matter.Matter;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shipped rules (rules/ and decision-tables/ of this repository) on fixture matters,
 * without Micronaut. The ruleset is built once per test JVM.
 */
public final class RulesHarness {

    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    private static Ruleset shipped;

    private RulesHarness() {
    }

    public static synchronized Ruleset shippedRuleset() {
        if (shipped == null) {
            shipped = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).build();
        }
        return shipped;
    }

    public static Result evaluate(MatterFixture... matters) {
        return evaluate(AS_OF, List.of(), java.util.Arrays.stream(matters).map(MatterFixture::build).toList());
    }

    /** As {@link #evaluate(MatterFixture...)} with an SMS channel in use (trustwatch.sms.enabled). */
    public static Result evaluateWithSms(MatterFixture... matters) {
        return evaluate(shippedRuleset().withChannels(new com.trustwatch.decision.DeliveryChannels(true)), AS_OF,
                List.of(), java.util.Arrays.stream(matters).map(MatterFixture::build).toList());
    }

    public static Result evaluate(LocalDate asOf, List<OpenEpisode> cases, List<Matter> matters) {
        return evaluate(shippedRuleset(), asOf, cases, matters);
    }

    /** As an evaluation does: a matter with an open case is in that case's episode. */
    public static Result evaluate(Ruleset ruleset, LocalDate asOf, List<OpenEpisode> cases, List<Matter> matters) {
        Map<String, LocalDate> starts = cases.stream()
                .collect(Collectors.toMap(OpenEpisode::matterNumber, OpenEpisode::episodeStart));
        List<MatterFacts> facts = matters.stream()
                .map(m -> MatterFacts.of(m, asOf, starts.get(m.matterNumber()))).toList();
        RuleEngine.Outcome outcome = new RuleEngine().evaluate(ruleset, asOf, facts, cases, true);
        return new Result(outcome);
    }

    /** As {@link #evaluate(MatterFixture...)} with further facts about the matters (their uncleared deposits). */
    public static Result evaluateWith(List<?> details, MatterFixture... matters) {
        List<MatterFacts> facts = java.util.Arrays.stream(matters).map(MatterFixture::build)
                .map(m -> MatterFacts.of(m, AS_OF)).toList();
        return new Result(new RuleEngine().evaluate(shippedRuleset(), AS_OF, facts, List.of(), details, true));
    }

    /** The outcome with assertions whose failures say what did fire. */
    public record Result(RuleEngine.Outcome outcome) {

        public List<String> firedIds() {
            return outcome.firedRules().stream().map(n -> n.split(" ")[0]).distinct().sorted().toList();
        }

        public Result fired(String... ruleIds) {
            for (String id : ruleIds) {
                assertThat(firedIds()).as("expected %s to fire; fired: %s", id, firedIds()).contains(id);
            }
            return this;
        }

        public Result didNotFire(String... ruleIds) {
            for (String id : ruleIds) {
                assertThat(firedIds()).as("expected %s not to fire; fired: %s", id, firedIds()).doesNotContain(id);
            }
            return this;
        }

        public List<EpisodeStop> stops() {
            return outcome.stops();
        }

        public List<ActionProposal> actions() {
            return outcome.proposals();
        }

        public List<ActionProposal> actions(ActionType type) {
            return actions().stream().filter(a -> a.type() == type).toList();
        }

        public ActionProposal only(ActionType type) {
            List<ActionProposal> found = actions(type);
            assertThat(found).as("expected exactly one %s; actions: %s", type, summary()).hasSize(1);
            return found.get(0);
        }

        public List<String> codes() {
            return actions().stream().map(a -> a.type() + (a.code() == null ? "" : ":" + a.code())).sorted().toList();
        }

        public String summary() {
            return actions().stream().map(a -> a.type() + "/" + a.severity() + "/" + a.code() + "/" + a.ruleId()
                    + (a.amount() == null ? "" : "/" + a.amount())).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
