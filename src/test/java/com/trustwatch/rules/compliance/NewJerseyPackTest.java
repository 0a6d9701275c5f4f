package com.trustwatch.rules.compliance;

import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-nj.drl. */
class NewJerseyPackTest {

    private static MatterFixture aNewJerseyMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-NJ");
    }

    @Test
    @DisplayName("NJ-001: a New Jersey matter last reconciled 32 days ago is a HIGH reconciliation flag, and not the ABA one")
    void reconciliationOverdue() {
        var result = evaluate(aNewJerseyMatter().reconciledOn(AS_OF.minusDays(32)));
        flagBy(result, "NJ-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("NJ-001 does not fire at exactly 31 days")
    void reconciliationBoundary() {
        assertThat(flags(evaluate(aNewJerseyMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }
}
