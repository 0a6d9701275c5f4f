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

    /**
     * The one compliance flag {@code ruleId} raised, checked against the rule's metadata: for a rule
     * that reads a jurisdiction's obligation row, the severity and citation are the row's.
     */
    static ActionProposal flagBy(RulesHarness.Result result, String ruleId) {
        ActionProposal flag = anyFlagBy(result, ruleId);
        assertThat(flag.to()).as("%s's flag recipients", ruleId).containsExactly(Role.ATTORNEY);
        assertThat(flag.cc()).as("%s's flag cc", ruleId).contains(Role.BILLING_MANAGER);
        return flag;
    }

    /** An informational flag: {@code ruleId}'s one flag, for the billing manager alone. */
    static ActionProposal noteBy(RulesHarness.Result result, String ruleId) {
        ActionProposal flag = anyFlagBy(result, ruleId);
        assertThat(flag.severity().name()).as("%s is informational", ruleId).isEqualTo("LOW");
        assertThat(flag.to()).as("%s's recipients", ruleId).containsExactly(Role.BILLING_MANAGER);
        return flag;
    }

    private static ActionProposal anyFlagBy(RulesHarness.Result result, String ruleId) {
        ActionProposal flag = onlyActionBy(result, ruleId);
        RuleEntry rule = catalogueEntry(ruleId);
        assertThat(flag.type()).as("type of %s's action", ruleId).isEqualTo(ActionType.COMPLIANCE_FLAG);
        if (rule.severity() != null) {
            assertThat(flag.severity().name()).as("%s's flag severity vs its @severity", ruleId).isEqualTo(rule.severity());
        }
        assertThat(flag.code()).as("%s's flag code vs its @code", ruleId).isEqualTo(rule.code());
        assertThat(flag.citation()).as("%s's citation", ruleId).isNotBlank();
        assertThat(flag.reason()).as("%s's reason", ruleId).isNotBlank();
        assertPlainWords(flag);
        assertEpisode(flag, rule);
        return flag;
    }

    /** A firm-policy item: LOW, citing no rule, saying "Firm policy:" first. */
    static ActionProposal policyItemBy(RulesHarness.Result result, String ruleId) {
        ActionProposal item = onlyActionBy(result, ruleId);
        RuleEntry rule = catalogueEntry(ruleId);
        assertThat(rule.policy()).as("%s's @policy", ruleId).isNotBlank();
        assertThat(rule.citation()).as("%s cites no rule", ruleId).isNull();
        assertThat(item.type()).as("type of %s's action", ruleId).isEqualTo(ActionType.COMPLIANCE_FLAG);
        assertThat(item.severity().name()).isEqualTo("LOW").isEqualTo(rule.severity());
        assertThat(item.code()).isEqualTo(rule.code());
        assertThat(item.citation()).as("%s cites no rule", ruleId).isNull();
        assertThat(item.to()).containsExactly(Role.ATTORNEY);
        assertThat(item.cc()).contains(Role.BILLING_MANAGER);
        assertThat(item.reason()).startsWith("Firm policy:");
        assertPlainWords(item);
        return item;
    }

    // What a lawyer reads: no enum names, codes or jurisdiction codes in the sentence.
    private static final java.util.regex.Pattern ENUM_WORDS = java.util.regex.Pattern.compile(
            "\\b(OPEN|CLOSED|HOURLY|HYBRID|FLAT_FEE|CONTINGENCY|EVERGREEN|ONE_TIME|OPERATING|TRUST|US-[A-Z]{2}|[A-Z]+_[A-Z_]+)\\b"
                    + "|\\bABA matter\\b|\\ba OPEN\\b");

    static void assertPlainWords(ActionProposal action) {
        assertThat(ENUM_WORDS.matcher(action.reason()).find())
                .as("%s's reason prints a code or enum name: %s", action.ruleId(), action.reason()).isFalse();
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
        assertPlainWords(task);
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
