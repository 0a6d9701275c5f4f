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

/** rules/compliance/us-ma.obligations.csv (the pack's DRL file holds no rule of its own). */
class MassachusettsPackTest {

    @Test
    @DisplayName("a Massachusetts ledger last reconciled 61 days ago is MEDIUM while the 60-day figure is unconfirmed; 60 days is nothing")
    void reconciliation() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-MA").reconciledOn(AS_OF.minusDays(61))), "CM-011");
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.citation()).startsWith("Mass. R. Prof. C. 1.15(f)");
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-MA").reconciledOn(AS_OF.minusDays(60))))).isEmpty();
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-MA").reconciledOn(AS_OF.minusDays(45))))).isEmpty();
    }

    @Test
    @DisplayName("a flat fee in the operating account is not flagged in Massachusetts (flat fees need not be held in trust)")
    void flatFeeNotFlagged() {
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-MA").flatFeeHeldIn("OPERATING")))).isEmpty();
    }
}
