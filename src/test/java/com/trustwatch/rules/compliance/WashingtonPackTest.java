package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.dataQualityBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-wa.drl. */
class WashingtonPackTest {

    /** A Washington matter whose client had a written accounting 100 days ago. */
    private static MatterFixture aWashingtonMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-WA").lastAccountingOn(AS_OF.minusDays(100));
    }

    @Test
    @DisplayName("WA-001: a Washington matter last reconciled 32 days ago is a HIGH reconciliation flag, and not the ABA one")
    void reconciliationOverdue() {
        var result = evaluate(aWashingtonMatter().reconciledOn(AS_OF.minusDays(32)));
        flagBy(result, "WA-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("WA-001 does not fire at exactly 31 days")
    void reconciliationBoundary() {
        assertThat(flags(evaluate(aWashingtonMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("WA-002: money held and the last written accounting 366 days ago is an annual accounting due (MEDIUM)")
    void annualAccountingDue() {
        ActionProposal flag = flagBy(evaluate(aWashingtonMatter().lastAccountingOn(AS_OF.minusDays(366))), "WA-002");
        assertThat(flag.episode().text()).isEqualTo("ANNUAL_ACCOUNTING_DUE:last-accounting-2025-11-19");
    }

    @Test
    @DisplayName("WA-002 does not fire at exactly 365 days, nor when trust holds nothing")
    void annualAccountingBoundaries() {
        evaluate(aWashingtonMatter().lastAccountingOn(AS_OF.minusDays(365))).didNotFire("WA-002");
        evaluate(aWashingtonMatter().lastAccountingOn(AS_OF.minusDays(500)).holding("0.00")).didNotFire("WA-002");
    }

    @Test
    @DisplayName("WA-003: a flat fee in the operating account without a client-signed flat-fee agreement is flagged HIGH")
    void flatFeeWithoutSignedAgreement() {
        var result = evaluate(aWashingtonMatter().flatFeeHeldIn("OPERATING"));
        flagBy(result, "WA-003");
        result.didNotFire("ABA-002");
        assertThat(flags(evaluate(aWashingtonMatter().flatFeeHeldIn("OPERATING").flatFeeDisclosureSigned(true)))).isEmpty();
    }

    @Test
    @DisplayName("WA-090: money held with no written accounting on record is a data-quality task, not a flag")
    void accountingUnknown() {
        var result = evaluate(MatterFixture.aMatter().inJurisdiction("US-WA"));
        dataQualityBy(result, "WA-090");
        assertThat(flags(result)).isEmpty();
    }
}
