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

/** rules/compliance/us-ny.drl and us-ny.obligations.csv. */
class NewYorkPackTest {

    @Test
    @DisplayName("a New York ledger not reconciled for 32 days is LOW: the rule states no frequency, monthly is best practice")
    void reconciliationBestPractice() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-NY").reconciledOn(AS_OF.minusDays(32))), "CM-011");
        assertThat(flag.severity().name()).isEqualTo("LOW");
        assertThat(flag.reason()).contains("sets no reconciliation frequency");
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-NY").reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("NY-002: a 'nonrefundable' fee term in New York is a HIGH flag citing rule 1.5(d)(4) beside Cooperman, not the ABA LOW one")
    void nonrefundableTerm() {
        var result = evaluate(aMatter().inJurisdiction("US-NY").nonrefundableFeeTerm(true));
        ActionProposal flag = flagBy(result, "NY-002");
        assertThat(flag.citation()).contains("1.5(d)(4)").contains("Cooperman");
        assertThat(flag.reason()).contains("plain language");
        result.didNotFire("ABA-003");
    }

    @Test
    @DisplayName("a refundable flat fee in the operating account is not flagged in New York (NYSBA Op. 570)")
    void refundableFlatFeeNotFlagged() {
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-NY").flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(false))))
                .isEmpty();
    }
}
