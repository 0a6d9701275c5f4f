package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-il.drl. */
class IllinoisPackTest {

    private static MatterFixture anIllinoisMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-IL");
    }

    @Test
    @DisplayName("IL-001: an Illinois matter last reconciled 93 days ago missed the quarterly reconciliation (HIGH), and is not also LOW")
    void quarterlyReconciliationOverdue() {
        var result = evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(93)));
        ActionProposal flag = flagBy(result, "IL-001");
        assertThat(flag.episode().text()).endsWith(":HIGH");
        result.didNotFire("IL-002", "ABA-001");
    }

    @Test
    @DisplayName("IL-002: an Illinois matter last reconciled 32 days ago is a LOW best-practice flag")
    void monthlyReconciliationOverdue() {
        var result = evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(32)));
        assertThat(flagBy(result, "IL-002").episode().text()).endsWith(":LOW");
        result.didNotFire("IL-001", "ABA-001");
    }

    @Test
    @DisplayName("exactly 92 days is still LOW, and exactly 31 days is no flag at all")
    void reconciliationBoundaries() {
        evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(92))).fired("IL-002").didNotFire("IL-001");
        assertThat(flags(evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("IL-003: a 'nonrefundable' fee term in Illinois is a HIGH flag, not the ABA LOW one")
    void nonrefundableTerm() {
        var result = evaluate(anIllinoisMatter().nonrefundableFeeTerm(true));
        flagBy(result, "IL-003");
        result.didNotFire("ABA-003");
    }
}
