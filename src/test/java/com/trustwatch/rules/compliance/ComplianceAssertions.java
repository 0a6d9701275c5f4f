package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Role;
import com.trustwatch.rules.RuleEntry;
import com.trustwatch.rules.RulesHarness;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions shared by the compliance-pack tests. Every flag a test sees is checked against its own
 * catalogue entry, so the severity and code ethics counsel reads in the metadata are the ones the
 * rule's consequence actually puts on the action.
 */
final class ComplianceAssertions {

    private ComplianceAssertions() {
    }

    /** The one compliance flag {@code ruleId} raised, checked against the rule's metadata. */
    static ActionProposal flagBy(RulesHarness.Result result, String ruleId) {
        ActionProposal flag = onlyActionBy(result, ruleId);
        RuleEntry rule = catalogueEntry(ruleId);
        assertThat(flag.type()).as("type of %s's action", ruleId).isEqualTo(ActionType.COMPLIANCE_FLAG);
        assertThat(flag.severity().name()).as("%s's flag severity vs its @severity", ruleId).isEqualTo(rule.severity());
        assertThat(flag.code()).as("%s's flag code vs its @code", ruleId).isEqualTo(rule.code());
        assertThat(flag.to()).as("%s's flag recipients", ruleId).containsExactly(Role.ATTORNEY);
        assertThat(flag.cc()).as("%s's flag cc", ruleId).contains(Role.BILLING_MANAGER);
        assertThat(flag.reason()).as("%s's reason", ruleId).isNotBlank();
        assertEpisode(flag, rule);
        return flag;
    }

    /** The one data-quality task {@code ruleId} raised: a LOW exception task for the billing manager. */
    static ActionProposal dataQualityBy(RulesHarness.Result result, String ruleId) {
        ActionProposal task = onlyActionBy(result, ruleId);
        RuleEntry rule = catalogueEntry(ruleId);
        assertThat(task.type()).as("type of %s's action", ruleId).isEqualTo(ActionType.EXCEPTION_TASK);
        assertThat(task.severity().name()).isEqualTo("LOW").isEqualTo(rule.severity());
        assertThat(task.code()).isEqualTo(rule.code()).startsWith("DATA_QUALITY_").endsWith("_UNKNOWN");
        assertThat(task.to()).containsExactly(Role.BILLING_MANAGER);
        assertThat(task.reason()).isNotBlank();
        assertThat(task.episode().text()).as("%s's episode", rule.id()).startsWith("data-quality:")
                .doesNotContain(RulesHarness.AS_OF.toString());
        return task;
    }

    /** The codes of the compliance flags raised, for "nothing was flagged" assertions. */
    static List<String> flags(RulesHarness.Result result) {
        return result.actions(ActionType.COMPLIANCE_FLAG).stream()
                .map(a -> a.ruleId() + ":" + a.code()).sorted().toList();
    }

    private static ActionProposal onlyActionBy(RulesHarness.Result result, String ruleId) {
        result.fired(ruleId);
        List<ActionProposal> mine = result.actions().stream().filter(a -> a.ruleId().equals(ruleId)).toList();
        assertThat(mine).as("expected exactly one action from %s; actions: %s", ruleId, result.summary()).hasSize(1);
        return mine.get(0);
    }

    private static RuleEntry catalogueEntry(String ruleId) {
        return RulesHarness.shippedRuleset().rule(ruleId)
                .orElseThrow(() -> new AssertionError(ruleId + " is not in the rule catalogue"));
    }

    // The episode names the business condition, never the as-of date, so tomorrow's run dedupes.
    private static void assertEpisode(ActionProposal action, RuleEntry rule) {
        assertThat(action.episode().text()).as("%s's episode", rule.id())
                .startsWith(rule.code())
                .doesNotContain(RulesHarness.AS_OF.toString());
    }
}
