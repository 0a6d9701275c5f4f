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

/** rules/compliance/us-ca.drl and us-ca.obligations.csv. */
class CaliforniaPackTest {

    private static MatterFixture aCaliforniaMatter() {
        return aMatter().inJurisdiction("US-CA");
    }

    @Test
    @DisplayName("CA-002: a flat fee of 1,500 in the operating account with no disclosure the client signed is HIGH")
    void flatFeeOverThousandWithoutSignature() {
        var result = evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeOf("1500.00"));
        ActionProposal flag = flagBy(result, "CA-002");
        assertThat(flag.citation()).isEqualTo("Cal. Rules of Prof. Conduct, rule 1.15(b)(1)-(2)");
        assertThat(flag.reason()).contains("$1,500.00").contains("no disclosure signed by the client is on record")
                .contains("over $1,000");
        result.didNotFire("ABA-002", "CA-005");
        assertThat(flagBy(evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeOf("1500.00")
                .flatFeeDisclosureSigned(false)), "CA-002").reason()).contains("recorded as not signed");
    }

    @Test
    @DisplayName("the $800 California flat fee in operating is not HIGH: only a LOW check of the written disclosure (CA-005)")
    void eightHundredDollarFlatFee() {
        var result = evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeOf("800.00"));
        result.didNotFire("CA-002");
        ActionProposal flag = flagBy(result, "CA-005");
        assertThat(flag.severity().name()).isEqualTo("LOW");
        assertThat(flag.reason()).contains("$800.00").contains("need not sign");
        evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeOf("1000.00")).fired("CA-005").didNotFire("CA-002");
        evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeOf("1000.01")).fired("CA-002").didNotFire("CA-005");
    }

    @Test
    @DisplayName("a signed disclosure, or the fee in trust, raises nothing; an unknown amount is a data-quality task (CA-090)")
    void flatFeeVariants() {
        assertThat(flags(evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeOf("5000.00").flatFeeDisclosureSigned(true)))).isEmpty();
        assertThat(flags(evaluate(aCaliforniaMatter().flatFeeHeldIn("TRUST").flatFeeOf("5000.00")))).isEmpty();
        var unknown = evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING"));
        assertThat(dataQualityBy(unknown, "CA-090").reason()).contains("amount is not recorded");
        assertThat(flags(unknown)).isEmpty();
    }

    @Test
    @DisplayName("CA-004: 1,200 not in dispute on a California matter closed 50 days ago passes the 45-day presumption (MEDIUM), and replaces the 30-day default")
    void undisputedAfter45Days() {
        var result = evaluate(aCaliforniaMatter().closedOn(AS_OF.minusDays(50)).holding("1200.00"));
        ActionProposal flag = flagBy(result, "CA-004");
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.reason()).contains("$1,200.00").contains("50 days ago").contains("45 days");
        result.didNotFire("CM-003", "CM-009");
        evaluate(aCaliforniaMatter().closedOn(AS_OF.minusDays(45)).holding("1200.00")).fired("CM-003").didNotFire("CA-004");
    }

    @Test
    @DisplayName("CA-004 counts only the undisputed part: 5,000 held with 3,000 disputed names both amounts; all disputed raises nothing")
    void undisputedPartOnly() {
        ActionProposal flag = flagBy(evaluate(aCaliforniaMatter().closedOn(AS_OF.minusDays(60)).holding("5000.00")
                .disputed("3000.00")), "CA-004");
        assertThat(flag.reason()).contains("$2,000.00 that is not recorded as disputed").contains("besides $3,000.00");
        evaluate(aCaliforniaMatter().closedOn(AS_OF.minusDays(60)).holding("4000.00").disputed("4000.00")).didNotFire("CA-004");
        evaluate(aCaliforniaMatter().closedOn(AS_OF.minusDays(60)).holding("4000.00").disputed(null)).didNotFire("CA-004");
    }

    @Test
    @DisplayName("a California deposit is checked against California's 14-day rule figure: HIGH at 15 days, nothing at 14 or once notified")
    void receiptNotice() {
        ActionProposal flag = flagBy(evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(15))), "CM-012");
        assertThat(flag.severity().name()).isEqualTo("HIGH");
        assertThat(flag.citation()).contains("rule 1.15(d)(1)");
        assertThat(flag.episode().text()).isEqualTo("RECEIPT_NOTICE_LATE:deposit-2026-11-05");
        evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(14))).didNotFire("CM-012");
        evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(30)).receiptNotifiedOn(AS_OF.minusDays(25))).didNotFire("CM-012");
        flagBy(evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(20)).receiptNotifiedOn(AS_OF.minusDays(40))), "CM-012");
    }
}
