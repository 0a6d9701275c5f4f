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

/** rules/compliance/us-fl.drl and us-fl.obligations.csv. */
class FloridaPackTest {

    private static MatterFixture aFloridaMatter() {
        return aMatter().inJurisdiction("US-FL");
    }

    @Test
    @DisplayName("FL-002: a flat fee in the operating account whose agreement is not nonrefundable is an advance fee not in trust (HIGH)")
    void refundableFlatFeeInOperating() {
        var result = evaluate(aFloridaMatter().flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(false));
        assertThat(flagBy(result, "FL-002").citation()).contains("5-1.1(a)(1)").contains("4-1.5(e)");
        result.didNotFire("ABA-002", "FL-003");
    }

    @Test
    @DisplayName("FL-003: a nonrefundable fee is a LOW reminder to confirm it in writing, citing the fee rule 4-1.5(e), not the trust rule 5-1.1")
    void nonrefundableConfirmedInWriting() {
        var result = evaluate(aFloridaMatter().flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(true));
        ActionProposal flag = flagBy(result, "FL-003");
        assertThat(flag.citation()).startsWith("R. Regulating Fla. Bar 4-1.5(e)").doesNotContain("5-1.1");
        assertThat(flag.reason()).contains("confirmed in writing");
        result.didNotFire("FL-002", "ABA-003");
    }

    @Test
    @DisplayName("FL-090: a flat fee in operating with the refund terms not recorded is a data-quality task, not a flag")
    void feeTermsUnknown() {
        var result = evaluate(aFloridaMatter().flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(null));
        dataQualityBy(result, "FL-090");
        assertThat(flags(result)).isEmpty();
    }

    @Test
    @DisplayName("a Florida ledger not reconciled for 32 days is HIGH, citing rule 5-1.2; 31 days is nothing")
    void reconciliation() {
        ActionProposal flag = flagBy(evaluate(aFloridaMatter().reconciledOn(AS_OF.minusDays(32))), "CM-011");
        assertThat(flag.severity().name()).isEqualTo("HIGH");
        assertThat(flag.citation()).startsWith("R. Regulating Fla. Bar 5-1.2");
        assertThat(flags(evaluate(aFloridaMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }
}
