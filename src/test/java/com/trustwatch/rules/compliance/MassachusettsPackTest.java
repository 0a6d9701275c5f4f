package com.trustwatch.rules.compliance;

import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-ma.drl. */
class MassachusettsPackTest {

    private static MatterFixture aMassachusettsMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-MA");
    }

    @Test
    @DisplayName("MA-001: a Massachusetts matter last reconciled 61 days ago is a HIGH reconciliation flag")
    void reconciliationOverdue() {
        var result = evaluate(aMassachusettsMatter().reconciledOn(AS_OF.minusDays(61)));
        flagBy(result, "MA-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("45 or exactly 60 days since reconciliation is no flag in Massachusetts: neither the 60-day rule nor the ABA monthly one")
    void withinSixtyDays() {
        assertThat(flags(evaluate(aMassachusettsMatter().reconciledOn(AS_OF.minusDays(45))))).isEmpty();
        assertThat(flags(evaluate(aMassachusettsMatter().reconciledOn(AS_OF.minusDays(60))))).isEmpty();
    }

    @Test
    @DisplayName("a flat fee in the operating account is not flagged in Massachusetts (flat fees need not be held in trust)")
    void flatFeeMayBeInOperating() {
        assertThat(flags(evaluate(aMassachusettsMatter().flatFeeHeldIn("OPERATING")))).isEmpty();
    }
}
