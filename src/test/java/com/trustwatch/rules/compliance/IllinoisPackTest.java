package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.dataQualityBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-il.drl and us-il.obligations.csv: two reconciliation stages. */
class IllinoisPackTest {

    private static MatterFixture anIllinoisMatter() {
        return aMatter().inJurisdiction("US-IL");
    }

    @Test
    @DisplayName("an Illinois ledger last reconciled 93 days ago missed the quarterly reconciliation (HIGH), and is not also LOW")
    void quarterlyMissed() {
        var result = evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(93)));
        ActionProposal flag = flagBy(result, "CM-011");
        assertThat(flag.severity().name()).isEqualTo("HIGH");
        assertThat(flag.citation()).startsWith("Ill. R. Prof'l Conduct 1.15A(b)(7)");
        assertThat(flag.episode().text()).endsWith(":HIGH");
    }

    @Test
    @DisplayName("an Illinois ledger last reconciled 32 days ago is a LOW best-practice flag, its own episode")
    void monthlyBestPractice() {
        ActionProposal flag = flagBy(evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(32))), "CM-011");
        assertThat(flag.severity().name()).isEqualTo("LOW");
        assertThat(flag.episode().text()).endsWith(":LOW");
    }

    @Test
    @DisplayName("exactly 92 days is still LOW, and exactly 31 days is no flag at all")
    void boundaries() {
        assertThat(flagBy(evaluate(anIllinoisMatter().reconciledOn(AS_OF.minusDays(92))), "CM-011").severity().name())
                .isEqualTo("LOW");
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
