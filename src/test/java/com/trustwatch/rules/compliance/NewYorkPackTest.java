package com.trustwatch.rules.compliance;

import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-ny.drl. */
class NewYorkPackTest {

    private static MatterFixture aNewYorkMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-NY");
    }

    @Test
    @DisplayName("NY-001: a New York matter last reconciled 32 days ago is a MEDIUM reconciliation flag, and not the ABA one")
    void reconciliationOverdue() {
        var result = evaluate(aNewYorkMatter().reconciledOn(AS_OF.minusDays(32)));
        flagBy(result, "NY-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("NY-001 does not fire at exactly 31 days")
    void reconciliationBoundary() {
        assertThat(flags(evaluate(aNewYorkMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("NY-002: a 'nonrefundable' fee term in New York is a HIGH flag, not the ABA LOW one")
    void nonrefundableTerm() {
        var result = evaluate(aNewYorkMatter().nonrefundableFeeTerm(true));
        flagBy(result, "NY-002");
        result.didNotFire("ABA-003");
    }

    @Test
    @DisplayName("a refundable flat fee in the operating account is not flagged in New York (NYSBA Op. 570)")
    void advanceFeeMayBeTheLawyers() {
        assertThat(flags(evaluate(aNewYorkMatter().flatFeeHeldIn("OPERATING")))).isEmpty();
    }
}
