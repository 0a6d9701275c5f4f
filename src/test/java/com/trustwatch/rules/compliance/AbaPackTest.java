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

/** rules/compliance/aba.drl: the default pack, for ABA matters and states without a pack of their own. */
class AbaPackTest {

    @Test
    @DisplayName("ABA-002: a flat fee in the operating account in Pennsylvania is a MEDIUM flag that speaks for the model rule and says to check the state's own")
    void advanceFeeNotInTrust() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-PA").flatFeeHeldIn("OPERATING")), "ABA-002");
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.citation()).contains("ABA Model Rule 1.15(c)").contains("advisory");
        assertThat(flag.reason()).contains("no pack of its own for Pennsylvania").contains("some states' rules differ")
                .doesNotContain("Ohio");
    }

    @Test
    @DisplayName("ABA-002 does not fire for a flat fee held in trust")
    void flatFeeInTrust() {
        evaluate(aMatter().flatFeeHeldIn("TRUST")).didNotFire("ABA-002");
    }

    @Test
    @DisplayName("the Ohio flat fee in operating is not told Ohio requires trust (ABA-002); ABA-004 says what Ohio allows and asks for the designation and the written notice (LOW)")
    void ohioFlatFee() {
        var result = evaluate(aMatter().inJurisdiction("US-OH").flatFeeHeldIn("OPERATING"));
        result.didNotFire("ABA-002");
        ActionProposal flag = flagBy(result, "ABA-004");
        assertThat(flag.severity().name()).isEqualTo("LOW");
        assertThat(flag.citation()).startsWith("Ohio Prof. Cond. R. 1.5(d)(3)");
        assertThat(flag.reason()).contains("earned upon receipt or nonrefundable").contains("told in writing")
                .contains("does not show such a designation");
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-OH").flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(true)),
                "ABA-004").reason()).contains("recorded as calling the fee nonrefundable");
        evaluate(aMatter().inJurisdiction("US-OH").flatFeeHeldIn("TRUST")).didNotFire("ABA-004");
        evaluate(aMatter().inJurisdiction("US-PA").flatFeeHeldIn("OPERATING")).didNotFire("ABA-004");
    }

    @Test
    @DisplayName("ABA-003: a 'nonrefundable' fee term outside the state packs is a LOW flag")
    void nonrefundableTerm() {
        flagBy(evaluate(aMatter().nonrefundableFeeTerm(true)), "ABA-003");
        evaluate(aMatter().nonrefundableFeeTerm(false)).didNotFire("ABA-003");
        evaluate(aMatter().nonrefundableFeeTerm(null)).didNotFire("ABA-003");
    }

    @Test
    @DisplayName("a closed matter that holds nothing is not expected to be reconciled")
    void closedPaidOutIsNotReconciled() {
        evaluate(aMatter().closedOn(AS_OF.minusDays(200)).holding("0.00").reconciledOn(AS_OF.minusDays(200)))
                .didNotFire("CM-011");
        evaluate(aMatter().closedOn(AS_OF.minusDays(200)).holding("0.00").neverReconciled()).didNotFire("CM-011", "CM-090");
    }
}
