package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-ca.drl. */
class CaliforniaPackTest {

    private static MatterFixture aCaliforniaMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-CA");
    }

    @Test
    @DisplayName("CA-001: a California matter last reconciled 32 days ago is a HIGH reconciliation flag, and not the ABA one")
    void reconciliationOverdue() {
        var result = evaluate(aCaliforniaMatter().reconciledOn(AS_OF.minusDays(32)));
        flagBy(result, "CA-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("CA-001 does not fire at exactly 31 days")
    void reconciliationBoundary() {
        assertThat(flags(evaluate(aCaliforniaMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("CA-002: a flat fee in the operating account with no signed disclosure on record is flagged HIGH")
    void flatFeeWithoutDisclosure() {
        var result = evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING"));
        assertThat(flagBy(result, "CA-002").reason()).contains("no signed disclosure on record");
        result.didNotFire("ABA-002");
    }

    @Test
    @DisplayName("CA-002 also fires when the disclosure is recorded as not signed, and not when it is signed or the fee is in trust")
    void flatFeeDisclosureVariants() {
        assertThat(flagBy(evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeDisclosureSigned(false)), "CA-002")
                .reason()).contains("recorded as not signed");
        assertThat(flags(evaluate(aCaliforniaMatter().flatFeeHeldIn("OPERATING").flatFeeDisclosureSigned(true)))).isEmpty();
        assertThat(flags(evaluate(aCaliforniaMatter().flatFeeHeldIn("TRUST")))).isEmpty();
    }

    @Test
    @DisplayName("CA-003: a deposit 15 days ago with no notice to the client is a late receipt notice (HIGH)")
    void receiptNoticeLate() {
        ActionProposal flag = flagBy(evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(15))), "CA-003");
        assertThat(flag.reason()).contains("2026-11-05").contains("15 days");
        assertThat(flag.episode().text()).isEqualTo("RECEIPT_NOTICE_LATE:deposit-2026-11-05");
    }

    @Test
    @DisplayName("CA-003 fires when the last notice predates the last deposit")
    void noticeForAnEarlierDeposit() {
        flagBy(evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(20)).receiptNotifiedOn(AS_OF.minusDays(40))),
                "CA-003");
    }

    @Test
    @DisplayName("CA-003 does not fire at exactly 14 days, nor once the client was notified")
    void receiptNoticeInTime() {
        evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(14))).didNotFire("CA-003");
        evaluate(aCaliforniaMatter().lastDepositOn(AS_OF.minusDays(30)).receiptNotifiedOn(AS_OF.minusDays(25)))
                .didNotFire("CA-003");
    }

    @Test
    @DisplayName("a deposit outside California is not checked for a receipt notice")
    void receiptNoticeIsCaliforniaOnly() {
        assertThat(flags(evaluate(MatterFixture.aMatter().inJurisdiction("US-NY").lastDepositOn(AS_OF.minusDays(60))))).isEmpty();
    }
}
