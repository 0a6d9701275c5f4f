package com.trustwatch.rules.compliance;

import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.dataQualityBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-fl.drl. */
class FloridaPackTest {

    private static MatterFixture aFloridaMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-FL");
    }

    @Test
    @DisplayName("FL-001: a Florida matter last reconciled 32 days ago is a HIGH reconciliation flag, and not the ABA one")
    void reconciliationOverdue() {
        var result = evaluate(aFloridaMatter().reconciledOn(AS_OF.minusDays(32)));
        flagBy(result, "FL-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("FL-001 does not fire at exactly 31 days")
    void reconciliationBoundary() {
        assertThat(flags(evaluate(aFloridaMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("FL-002: a flat fee in the operating account whose agreement is not nonrefundable is an advance fee not in trust (HIGH)")
    void refundableFlatFeeInOperating() {
        var result = evaluate(aFloridaMatter().flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(false));
        flagBy(result, "FL-002");
        result.didNotFire("ABA-002", "FL-003");
    }

    @Test
    @DisplayName("FL-003: a nonrefundable flat fee in operating is not an advance-fee flag, only a LOW reminder to confirm it in writing")
    void nonrefundableFlatFee() {
        var result = evaluate(aFloridaMatter().flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(true));
        flagBy(result, "FL-003");
        result.didNotFire("FL-002", "ABA-003");
    }

    @Test
    @DisplayName("FL-090: a flat fee in operating with the refund terms not recorded is a data-quality task, not a flag")
    void feeTermsUnknown() {
        var result = evaluate(aFloridaMatter().flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(null));
        dataQualityBy(result, "FL-090");
        assertThat(flags(result)).isEmpty();
    }
}
