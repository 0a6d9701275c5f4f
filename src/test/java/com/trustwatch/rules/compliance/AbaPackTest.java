package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/aba.drl: the ABA Model Rules, for ABA and every jurisdiction without a pack of its own. */
class AbaPackTest {

    @Test
    @DisplayName("ABA-001: an ABA matter last reconciled 32 days ago is a MEDIUM reconciliation flag")
    void reconciliationOverdue() {
        ActionProposal flag = flagBy(evaluate(aMatter().reconciledOn(AS_OF.minusDays(32))), "ABA-001");
        assertThat(flag.reason()).contains("2026-10-19").contains("32 days");
        assertThat(flag.episode().text()).isEqualTo("RECONCILIATION_OVERDUE:last-reconciled-2026-10-19");
    }

    @Test
    @DisplayName("ABA-001 does not fire at exactly 31 days since reconciliation")
    void reconciliationBoundary() {
        var result = evaluate(aMatter().reconciledOn(AS_OF.minusDays(31)));
        result.didNotFire("ABA-001");
        assertThat(result.actions()).as("actions: %s", result.summary()).isEmpty();
    }

    @Test
    @DisplayName("a US-OH matter, which has no pack of its own, gets the ABA reconciliation flag")
    void stateWithoutPackGetsAba() {
        flagBy(evaluate(aMatter().inJurisdiction("US-OH").reconciledOn(AS_OF.minusDays(40))), "ABA-001");
    }

    @Test
    @DisplayName("a closed matter that holds nothing is not expected to be reconciled")
    void paidOutLedgerNeedsNoReconciliation() {
        evaluate(aMatter().closedOn(AS_OF.minusDays(200)).holding("0.00").reconciledOn(AS_OF.minusDays(200)))
                .didNotFire("ABA-001");
        evaluate(aMatter().closedOn(AS_OF.minusDays(200)).holding("0.00").neverReconciled())
                .didNotFire("ABA-001", "CM-090");
    }

    @Test
    @DisplayName("ABA-002: a flat fee held in the operating account is an advance fee not in trust (HIGH)")
    void advanceFeeInOperating() {
        flagBy(evaluate(aMatter().inJurisdiction("US-OH").flatFeeHeldIn("OPERATING")), "ABA-002");
    }

    @Test
    @DisplayName("ABA-002 does not fire for a flat fee held in trust")
    void flatFeeInTrust() {
        var result = evaluate(aMatter().flatFeeHeldIn("TRUST"));
        assertThat(flags(result)).isEmpty();
    }

    @Test
    @DisplayName("ABA-003: a 'nonrefundable' fee term outside Illinois and New York is a LOW flag")
    void nonrefundableTerm() {
        flagBy(evaluate(aMatter().nonrefundableFeeTerm(true)), "ABA-003");
        evaluate(aMatter().nonrefundableFeeTerm(false)).didNotFire("ABA-003");
        evaluate(aMatter().nonrefundableFeeTerm(null)).didNotFire("ABA-003");
    }
}
