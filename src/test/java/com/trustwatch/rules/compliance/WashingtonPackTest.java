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

/** rules/compliance/us-wa.drl and us-wa.obligations.csv. */
class WashingtonPackTest {

    private static MatterFixture aWashingtonMatter() {
        return aMatter().inJurisdiction("US-WA").lastAccountingOn(AS_OF.minusDays(100));
    }

    @Test
    @DisplayName("a Washington ledger not reconciled for 32 days is HIGH; 31 days is nothing")
    void reconciliation() {
        assertThat(flagBy(evaluate(aWashingtonMatter().reconciledOn(AS_OF.minusDays(32))), "CM-011").severity().name())
                .isEqualTo("HIGH");
        assertThat(flags(evaluate(aWashingtonMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("WA-002: money held and the last written accounting 366 days ago is an annual accounting due (MEDIUM)")
    void annualAccounting() {
        ActionProposal flag = flagBy(evaluate(aWashingtonMatter().lastAccountingOn(AS_OF.minusDays(366))), "WA-002");
        assertThat(flag.reason()).contains("366 days").contains("November 19, 2025");
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
    void flatFeeAgreementUnsigned() {
        var result = evaluate(aWashingtonMatter().flatFeeHeldIn("OPERATING"));
        flagBy(result, "WA-003");
        result.didNotFire("ABA-002");
        assertThat(flags(evaluate(aWashingtonMatter().flatFeeHeldIn("OPERATING").flatFeeDisclosureSigned(true)))).isEmpty();
    }

    @Test
    @DisplayName("WA-004: a matter closed at zero 40 days ago whose last accounting predates the closing is a LOW check of the accounting after distribution")
    void accountingAfterDistribution() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-WA").closedOn(AS_OF.minusDays(40)).holding("0.00")
                .lastAccountingOn(AS_OF.minusDays(200))), "WA-004");
        assertThat(flag.severity().name()).isEqualTo("LOW");
        assertThat(flag.reason()).contains("October 11, 2026").contains("May 4, 2026").contains("may already satisfy");
        flagBy(evaluate(aMatter().inJurisdiction("US-WA").closedOn(AS_OF.minusDays(40)).holding("0.00")), "WA-004");
        evaluate(aMatter().inJurisdiction("US-WA").closedOn(AS_OF.minusDays(40)).holding("0.00")
                .lastAccountingOn(AS_OF.minusDays(35))).didNotFire("WA-004");
        evaluate(aMatter().inJurisdiction("US-WA").closedOn(AS_OF.minusDays(20)).holding("0.00")).didNotFire("WA-004");
        evaluate(aMatter().inJurisdiction("US-WA").closedOn(AS_OF.minusDays(40)).holding("10.00")).didNotFire("WA-004");
        evaluate(aMatter().inJurisdiction("US-OR").closedOn(AS_OF.minusDays(40)).holding("0.00")).didNotFire("WA-004");
    }

    @Test
    @DisplayName("WA-090: money held with no written accounting on record is a data-quality task, not a flag")
    void accountingUnknown() {
        var result = evaluate(aMatter().inJurisdiction("US-WA").lastAccountingOn(null));
        dataQualityBy(result, "WA-090");
        assertThat(flags(result)).isEmpty();
    }
}
