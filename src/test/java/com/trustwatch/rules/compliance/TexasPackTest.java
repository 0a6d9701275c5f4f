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

/** rules/compliance/us-tx.drl and us-tx.obligations.csv. */
class TexasPackTest {

    @Test
    @DisplayName("TX-002: a flat fee held in the operating account is an advance fee not in trust (HIGH), citing the Texas rule, not the ABA pack")
    void advanceFeeNotInTrust() {
        var result = evaluate(aMatter().inJurisdiction("US-TX").flatFeeHeldIn("OPERATING"));
        assertThat(flagBy(result, "TX-002").citation()).startsWith("Tex. Disciplinary R. Prof'l Conduct 1.15(a), (c)");
        result.didNotFire("ABA-002");
        evaluate(aMatter().inJurisdiction("US-TX").flatFeeHeldIn("TRUST")).didNotFire("TX-002");
    }

    @Test
    @DisplayName("TX-003: a 'nonrefundable' fee term in Texas is a LOW flag")
    void nonrefundableTerm() {
        var result = evaluate(aMatter().inJurisdiction("US-TX").nonrefundableFeeTerm(true));
        flagBy(result, "TX-003");
        result.didNotFire("ABA-003");
    }

    @Test
    @DisplayName("a Texas ledger not reconciled for 32 days is MEDIUM (State Bar guidance, not rule text); 31 days is nothing")
    void reconciliationGuidance() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-TX").reconciledOn(AS_OF.minusDays(32))), "CM-011");
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.reason()).contains("guidance, not rule text");
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-TX").reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }
}
