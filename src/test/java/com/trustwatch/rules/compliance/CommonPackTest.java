package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Role;
import com.trustwatch.fixtures.MatterFixture;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.rules.RulesHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.trustwatch.decision.ActionType.COMPLIANCE_FLAG;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.RulesHarness.evaluateWithSms;
import static com.trustwatch.rules.compliance.ComplianceAssertions.dataQualityBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static com.trustwatch.rules.compliance.ComplianceAssertions.noteBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.policyItemBy;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/common.drl: flags for every jurisdiction. */
class CommonPackTest {

    @Test
    @DisplayName("CM-001: a Texas ledger at -150.00 is CRITICAL, cites the Texas rule (not Illinois or NYSBA Op. 737) and allows for a posting error")
    void negativeLedgerInTexas() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-TX").holding("-150.00")), "CM-001");
        assertThat(flag.severity().name()).isEqualTo("CRITICAL");
        assertThat(flag.citation()).startsWith("Tex. Disciplinary R. Prof'l Conduct 1.15(a)").contains("1.14(a)")
                .doesNotContain("Ill.").doesNotContain("NYSBA").doesNotContain("Op. 737");
        assertThat(flag.reason()).contains("-$150.00").contains("November 20, 2026").contains("If this figure is correct")
                .contains("posting or timing error").doesNotContain("Money of other clients covered");
        assertThat(flag.cc()).contains(Role.MANAGING_PARTNER);
        assertThat(flag.episode().text()).isEqualTo("NEGATIVE_CLIENT_LEDGER:balance=-150.00");
    }

    @Test
    @DisplayName("CM-001 cites the ABA Model Rule for a matter in ABA or in a state without a pack, and Florida's flag adds the duty to report a shortage covered with the firm's own money")
    void negativeLedgerCitationPerJurisdiction() {
        for (String j : List.of("ABA", "US-OH")) {
            assertThat(flagBy(evaluate(aMatter().inJurisdiction(j).holding("-1.00")), "CM-001").citation())
                    .as(j).startsWith("ABA Model Rule 1.15(a)");
        }
        ActionProposal florida = flagBy(evaluate(aMatter().inJurisdiction("US-FL").holding("-80.00")), "CM-001");
        assertThat(florida.citation()).contains("5-1.1(a)(1)(B)");
        assertThat(florida.reason()).contains("notify The Florida Bar's lawyer regulation department immediately");
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-WA").holding("-80.00")), "CM-001").citation())
                .startsWith("Wash. RPC 1.15A(b)");
    }

    @Test
    @DisplayName("CM-001 does not fire on a balance of exactly zero")
    void zeroIsNotNegative() {
        evaluate(aMatter().holding("0.00")).didNotFire("CM-001");
    }

    @Test
    @DisplayName("CM-002: an open matter billing 6000 a month with 0.00 in trust is a LOW reminder, not a breach; below zero it is CM-001 alone")
    void billingAgainstDepletedRetainer() {
        var result = evaluate(aMatter().holding("0.00").billingMonthly("6000.00"));
        ActionProposal flag = flagBy(result, "CM-002");
        assertThat(flag.severity().name()).isEqualTo("LOW");
        assertThat(flag.reason()).contains("$0.00").contains("$6,000.00").contains("open hourly matter");
        result.didNotFire("CM-001");
        evaluate(aMatter().holding("-150.00").billingMonthly("6000.00")).fired("CM-001").didNotFire("CM-002");
    }

    @Test
    @DisplayName("CM-002 does not fire when the depleted matter has no billing, or is closed")
    void depletedButNotBilling() {
        evaluate(aMatter().holding("0.00").withoutBillingHistory()).didNotFire("CM-002");
        evaluate(aMatter().holding("0.00").closedOn(AS_OF.minusDays(10))).didNotFire("CM-002");
    }

    @Test
    @DisplayName("CM-003: a matter closed 45 days ago still holding 1200.00 not in dispute is a MEDIUM flag")
    void closedWithFundsAfter30Days() {
        var result = evaluate(aMatter().closedOn(AS_OF.minusDays(45)).holding("1200.00"));
        ActionProposal flag = flagBy(result, "CM-003");
        assertThat(flag.reason()).contains("$1,200.00").contains("45 days").contains("October 6, 2026");
        assertThat(flag.episode().text()).isEqualTo("UNEARNED_FUNDS_NOT_RETURNED:closed-2026-10-06:MEDIUM");
        result.didNotFire("CM-004");
    }

    @Test
    @DisplayName("CM-004: a matter closed 91 days ago still holding money is a HIGH flag, and not also MEDIUM")
    void closedWithFundsAfter90Days() {
        var result = evaluate(aMatter().closedOn(AS_OF.minusDays(91)).holding("1200.00"));
        flagBy(result, "CM-004");
        result.didNotFire("CM-003");
    }

    @Test
    @DisplayName("closed exactly 30 days is not yet flagged; exactly 90 days is still MEDIUM")
    void unreturnedFundsBoundaries() {
        evaluate(aMatter().closedOn(AS_OF.minusDays(30)).holding("1200.00")).didNotFire("CM-003", "CM-004");
        evaluate(aMatter().closedOn(AS_OF.minusDays(90)).holding("1200.00")).fired("CM-003").didNotFire("CM-004");
    }

    @Test
    @DisplayName("a closed California matter whose whole 4,000 balance is disputed raises no flag telling the lawyer to pay it out, however long ago it closed")
    void wholeBalanceDisputed() {
        for (int days : List.of(40, 60, 100, 400)) {
            var result = evaluate(aMatter().inJurisdiction("US-CA").closedOn(AS_OF.minusDays(days)).holding("4000.00")
                    .disputed("4000.00").reconciledOn(AS_OF.minusDays(10)));
            result.didNotFire("CM-003", "CM-004", "CM-009", "CA-004", "CM-005");
            assertThat(flags(result)).as("flags %d days after closing", days).isEmpty();
        }
    }

    @Test
    @DisplayName("CM-009: a matter closed 40 days ago holding 5,000 of which 3,000 is disputed: distribute the undisputed 2,000 and keep the 3,000 in trust")
    void undisputedPortionOfDisputedMatter() {
        var result = evaluate(aMatter().closedOn(AS_OF.minusDays(40)).holding("5000.00").disputed("3000.00"));
        ActionProposal flag = flagBy(result, "CM-009");
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.reason()).contains("$5,000.00").contains("$3,000.00 is recorded as disputed")
                .contains("remaining $2,000.00").contains("keeping the disputed amount in trust");
        result.didNotFire("CM-003", "CM-004", "CM-005");
        evaluate(aMatter().closedOn(AS_OF.minusDays(20)).holding("5000.00").disputed("3000.00")).didNotFire("CM-009");
        evaluate(aMatter().holding("5000.00").disputed("3000.00")).didNotFire("CM-009");
    }

    @Test
    @DisplayName("CM-005: disputed over 5000.00 with only 3000.00 left in trust: a HIGH flag that allows for a dispute about money never in trust")
    void disputedFundsReleased() {
        ActionProposal flag = flagBy(evaluate(aMatter().disputed("5000.00").holding("3000.00")), "CM-005");
        assertThat(flag.reason()).contains("$5,000.00").contains("$3,000.00").contains("never in trust");
    }

    @Test
    @DisplayName("CM-005 does not fire while the whole disputed amount is still in trust")
    void disputedFundsIntact() {
        evaluate(aMatter().disputed("5000.00").holding("5000.00")).didNotFire("CM-005");
    }

    @Test
    @DisplayName("CM-006: an open hourly evergreen matter with no fee-agreement floor is a LOW firm-policy item citing no rule")
    void missingFloor() {
        var result = evaluate(aMatter().withoutFloor());
        policyItemBy(result, "CM-006");
        assertThat(flags(result)).containsExactly("CM-006:MISSING_FEE_AGREEMENT_FLOOR");
    }

    @Test
    @DisplayName("CM-006 claims no threshold the policy cannot compute: with no floor, billing or original retainer (RP-090) it says only where one would come from")
    void missingFloorClaimsNoThreshold() {
        var result = evaluate(aMatter().holding("100.00").withoutFloor().withoutBillingHistory().withOriginalRetainer(null));
        result.fired("RP-090");
        assertThat(policyItemBy(result, "CM-006").reason())
                .contains("so any replenishment threshold for it comes from the firm's policy tables")
                .doesNotContain("requests use").doesNotContain("default threshold");
    }

    @Test
    @DisplayName("CM-006 does not fire for flat-fee, one-time or closed matters without a floor")
    void missingFloorOnlyForEvergreenHourly() {
        evaluate(aMatter().withoutFloor().flatFeeHeldIn("TRUST")).didNotFire("CM-006");
        evaluate(aMatter().withoutFloor().onRetainer(RetainerType.ONE_TIME)).didNotFire("CM-006");
        evaluate(aMatter().withoutFloor().closedOn(AS_OF.minusDays(5))).didNotFire("CM-006");
    }

    @Test
    @DisplayName("CM-007: a 1000.00 floor on a matter billing 4000 a month is under 10 days of burn (1333.33): a firm-policy item")
    void floorBelowTenDaysOfBurn() {
        ActionProposal item = policyItemBy(evaluate(aMatter().withFloor("1000.00").billingMonthly("4000.00")), "CM-007");
        assertThat(item.reason()).contains("$1,000.00").contains("$1,333.33").contains("$4,000.00");
    }

    @Test
    @DisplayName("CM-007 does not fire on a floor of exactly 10 days of burn, or without billing history")
    void floorBoundaries() {
        evaluate(aMatter().withFloor("1333.33").billingMonthly("4000.00")).didNotFire("CM-007");
        evaluate(aMatter().withFloor("100.00").withoutBillingHistory()).didNotFire("CM-007");
    }

    @Test
    @DisplayName("while no SMS channel is in use, a billing contact who declined texts, or whose answer is unknown, raises nothing")
    void smsRulesSilentWithoutAnSmsChannel() {
        evaluate(aMatter().withSms("+1 555 0100", false)).didNotFire("CM-008", "CM-091");
        evaluate(aMatter().withSms("+1 555 0100", null)).didNotFire("CM-008", "CM-091");
        assertThat(evaluate(aMatter().withSms("+1 555 0100", false)).actions()).isEmpty();
    }

    @Test
    @DisplayName("CM-008: with an SMS channel in use, a client who declined texts is a LOW note for the billing manager citing the TCPA and FCC 24-24, not FCC 14-32 or 24-18")
    void smsWithoutConsent() {
        var result = evaluateWithSms(aMatter().withSms("+1 555 0100", false));
        ActionProposal note = noteBy(result, "CM-008");
        assertThat(note.citation()).contains("47 U.S.C. § 227(b)(1)(A)(iii)").contains("47 C.F.R. § 64.1200(a)(1)(iii)")
                .contains("FCC 24-24").doesNotContain("14-32").doesNotContain("24-18");
        assertThat(note.reason()).contains("by email only");
        result.didNotFire("CM-091");
    }

    @Test
    @DisplayName("a phone on file with SMS consent raises nothing, with or without an SMS channel")
    void smsWithConsent() {
        assertThat(evaluateWithSms(aMatter().withSms("+1 555 0100", true)).actions()).isEmpty();
        assertThat(evaluate(aMatter().withSms("+1 555 0100", true)).actions()).isEmpty();
    }

    @Test
    @DisplayName("CM-010: 150,000 in trust, or 30,000 with no deposit for 120 days, is a LOW review of the IOLTA placement; 30,000 deposited 30 days ago is not")
    void ioltaPlacementReview() {
        ActionProposal large = flagBy(evaluate(aMatter().holding("150000.00").withOriginalRetainer("150000.00")), "CM-010");
        assertThat(large.severity().name()).isEqualTo("LOW");
        assertThat(large.reason()).contains("$150,000.00").contains("judgment for the responsible lawyer");
        assertThat(flagBy(evaluate(aMatter().holding("30000.00").lastDepositOn(AS_OF.minusDays(120))
                .receiptNotifiedOn(AS_OF.minusDays(120))), "CM-010").reason()).contains("120 days ago");
        evaluate(aMatter().holding("30000.00").lastDepositOn(AS_OF.minusDays(30)).receiptNotifiedOn(AS_OF.minusDays(30)))
                .didNotFire("CM-010");
        evaluate(aMatter().holding("99999.99")).didNotFire("CM-010");
    }

    @Test
    @DisplayName("CM-011: the reconciliation period and severity are the matter's own jurisdiction's (California 31 days HIGH; Texas 31 days MEDIUM guidance; New York LOW)")
    void reconciliationPerJurisdiction() {
        ActionProposal ca = flagBy(evaluate(aMatter().inJurisdiction("US-CA").reconciledOn(AS_OF.minusDays(32))), "CM-011");
        assertThat(ca.severity().name()).isEqualTo("HIGH");
        assertThat(ca.citation()).startsWith("Cal. Rules of Prof. Conduct, rule 1.15(e)");
        assertThat(ca.reason()).contains("October 19, 2026").contains("32 days ago").contains("California requires a monthly");
        assertThat(ca.episode().text()).isEqualTo("RECONCILIATION_OVERDUE:last-reconciled-2026-10-19");
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-CA").reconciledOn(AS_OF.minusDays(31))))).isEmpty();
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-TX").reconciledOn(AS_OF.minusDays(40))), "CM-011")
                .severity().name()).isEqualTo("MEDIUM");
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-NY").reconciledOn(AS_OF.minusDays(40))), "CM-011")
                .severity().name()).isEqualTo("LOW");
    }

    @Test
    @DisplayName("CM-011 in a state without a pack reads the default rows: LOW after a month, MEDIUM after a quarter, citing the ABA model records rules and naming the state")
    void reconciliationDefault() {
        ActionProposal month = flagBy(evaluate(aMatter().inJurisdiction("US-OH").reconciledOn(AS_OF.minusDays(40))), "CM-011");
        assertThat(month.severity().name()).isEqualTo("LOW");
        assertThat(month.citation()).startsWith("ABA Model Rules for Client Trust Account Records");
        assertThat(month.reason()).contains("no pack of its own for Ohio");
        ActionProposal quarter = flagBy(evaluate(aMatter().inJurisdiction("US-OH").reconciledOn(AS_OF.minusDays(100))), "CM-011");
        assertThat(quarter.severity().name()).isEqualTo("MEDIUM");
        assertThat(quarter.episode().text()).isEqualTo("RECONCILIATION_OVERDUE:last-reconciled-2026-08-12:MEDIUM");
        assertThat(flagBy(evaluate(aMatter().reconciledOn(AS_OF.minusDays(40))), "CM-011").reason())
                .contains("no pack of its own for this matter's jurisdiction");
    }

    @Test
    @DisplayName("CM-012: a Texas deposit 20 days ago with no notice to the client is a MEDIUM flag citing the Texas rule; a notice on the deposit day clears it")
    void texasDepositWithoutNotice() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-TX").lastDepositOn(AS_OF.minusDays(20))), "CM-012");
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.citation()).startsWith("Tex. Disciplinary R. Prof'l Conduct 1.15(b)");
        assertThat(flag.reason()).contains("October 31, 2026").contains("20 days ago").contains("Texas requires")
                .contains("14 days as the limit");
        assertThat(flag.episode().text()).isEqualTo("RECEIPT_NOTICE_LATE:deposit-2026-10-31");
        evaluate(aMatter().inJurisdiction("US-TX").lastDepositOn(AS_OF.minusDays(20)).receiptNotifiedOn(AS_OF.minusDays(20)))
                .didNotFire("CM-012");
    }

    @Test
    @DisplayName("CM-012 reads every jurisdiction's row: California's rule figure is HIGH, the others' 'promptly' is MEDIUM at the firm's 14 days")
    void receiptNoticeEverywhere() {
        for (String j : List.of("ABA", "US-OH", "US-NY", "US-FL", "US-IL", "US-WA", "US-MA", "US-NJ", "US-TX")) {
            ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction(j).lastDepositOn(AS_OF.minusDays(15))), "CM-012");
            assertThat(flag.severity().name()).as(j).isEqualTo("MEDIUM");
        }
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-CA").lastDepositOn(AS_OF.minusDays(15))), "CM-012")
                .severity().name()).isEqualTo("HIGH");
    }

    @Test
    @DisplayName("CM-090: a matter never reconciled is a data-quality task naming the jurisdiction in words, not a reconciliation flag")
    void reconciliationUnknown() {
        for (String jurisdiction : List.of("ABA", "US-OH", "US-CA", "US-IL", "US-MA")) {
            var result = evaluate(aMatter().inJurisdiction(jurisdiction).neverReconciled());
            dataQualityBy(result, "CM-090");
            assertThat(flags(result)).as("flags for %s", jurisdiction).isEmpty();
        }
        assertThat(dataQualityBy(evaluate(aMatter().inJurisdiction("US-CA").neverReconciled()), "CM-090").reason())
                .contains("the reconciliation California requires");
    }

    @Test
    @DisplayName("CM-091: with an SMS channel in use, a phone with consent not recorded is a data-quality task, not an SMS flag")
    void smsConsentUnknown() {
        var result = evaluateWithSms(aMatter().withSms("+1 555 0100", null));
        dataQualityBy(result, "CM-091");
        assertThat(flags(result)).isEmpty();
    }

    @Test
    @DisplayName("CM-092: a closed matter with no closing date is a data-quality task, whether or not it still holds money")
    void closedDateUnknown() {
        var holding = evaluate(aMatter().closedOn(null).holding("700.00"));
        assertThat(dataQualityBy(holding, "CM-092").reason()).contains("$700.00");
        assertThat(flags(holding)).isEmpty();
        assertThat(dataQualityBy(evaluate(aMatter().closedOn(null).holding("0.00")), "CM-092").reason())
                .contains("until when the matter's records must be kept");
    }

    @Test
    @DisplayName("CM-093: a disputed matter with no disputed amount is a data-quality task")
    void disputedAmountUnknown() {
        var result = evaluate(aMatter().disputed(null));
        dataQualityBy(result, "CM-093");
        assertThat(flags(result)).isEmpty();
    }

    @Test
    @DisplayName("CM-094: a flat-fee matter with no record of the account holding the fee is a data-quality task")
    void flatFeeAccountUnknown() {
        for (String jurisdiction : List.of("ABA", "US-CA", "US-TX", "US-FL", "US-WA")) {
            var result = evaluate(aMatter().inJurisdiction(jurisdiction).flatFeeHeldIn(null));
            dataQualityBy(result, "CM-094");
            assertThat(flags(result)).as("flags for %s", jurisdiction).isEmpty();
        }
    }

    @Test
    @DisplayName("running again the next day on unchanged matters gives every flag the same episode, so nothing is sent twice")
    void nextDayDedupes() {
        List<Matter> book = List.of(
                aMatter().holding("-150.00").billingMonthly("6000.00").withoutFloor().reconciledOn(AS_OF.minusDays(60)).build(),
                aMatter().closedOn(AS_OF.minusDays(50)).holding("900.00").build(),
                aMatter().closedOn(AS_OF.minusDays(50)).holding("900.00").disputed("400.00").build(),
                aMatter().disputed("5000.00").holding("3000.00").build(),
                aMatter().inJurisdiction("US-CA").lastDepositOn(AS_OF.minusDays(20)).flatFeeHeldIn("OPERATING").flatFeeOf("1500.00").build(),
                aMatter().inJurisdiction("US-CA").closedOn(AS_OF.minusDays(60)).holding("300.00").build(),
                aMatter().inJurisdiction("US-IL").reconciledOn(AS_OF.minusDays(120)).nonrefundableFeeTerm(true).build(),
                aMatter().inJurisdiction("US-WA").lastAccountingOn(AS_OF.minusDays(400)).build(),
                aMatter().inJurisdiction("US-WA").closedOn(AS_OF.minusDays(60)).holding("0.00").build(),
                aMatter().holding("150000.00").build());
        Set<String> today = episodes(evaluate(AS_OF, List.of(), book));
        Set<String> tomorrow = episodes(evaluate(AS_OF.plusDays(1), List.of(), book));
        assertThat(today).hasSizeGreaterThan(10);
        assertThat(tomorrow).isEqualTo(today);
    }

    private static Set<String> episodes(RulesHarness.Result result) {
        return result.actions(COMPLIANCE_FLAG).stream()
                .map(a -> a.matterNumber() + "|" + a.ruleId() + "|" + a.episode().text()).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("common rules apply in every jurisdiction: a negative ledger is flagged in ABA, US-OH and every pack state")
    void commonRulesEverywhere() {
        for (String jurisdiction : List.of("ABA", "US-OH", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-WA", "US-MA", "US-NJ")) {
            flagBy(evaluate(aMatter().inJurisdiction(jurisdiction).holding("-1.00").onFeeType(FeeType.CONTINGENCY)), "CM-001");
        }
    }

    @Test
    @DisplayName("no flag cites another state's rule: every flag of a matter in one jurisdiction cites that jurisdiction, or the ABA Model Rules or federal law")
    void flagsCiteTheirOwnJurisdiction() {
        java.util.Map<String, String> marks = java.util.Map.of("US-CA", "Cal.", "US-NY", "N.Y.", "US-TX", "Tex.",
                "US-FL", "Fla.", "US-IL", "Ill.", "US-WA", "Wash.", "US-MA", "Mass.", "US-NJ", "N.J.", "US-OH", "Ohio");
        for (String j : List.of("ABA", "US-OH", "US-PA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-WA", "US-MA", "US-NJ")) {
            List<MatterFixture> troubled = List.of(
                    aMatter().inJurisdiction(j).holding("-150.00").reconciledOn(AS_OF.minusDays(200)),
                    aMatter().inJurisdiction(j).lastDepositOn(AS_OF.minusDays(40)).flatFeeHeldIn("OPERATING")
                            .flatFeeOf("800.00").nonrefundableFeeTerm(true),
                    aMatter().inJurisdiction(j).closedOn(AS_OF.minusDays(100)).holding("900.00").disputed("300.00"),
                    aMatter().inJurisdiction(j).closedOn(AS_OF.minusDays(100)).holding("0.00").lastAccountingOn(AS_OF.minusDays(500)));
            int seen = 0;
            for (MatterFixture m : troubled) {
                var result = evaluateWithSms(m.withSms("+1 555 0100", false));
                seen += result.actions(COMPLIANCE_FLAG).size();
                assertThat(result.actions(COMPLIANCE_FLAG)).as("flags in %s", j).allSatisfy(flag -> {
                    ComplianceAssertions.assertPlainWords(flag);
                    marks.forEach((state, mark) -> {
                        if (!state.equals(j)) {
                            assertThat(flag.citation()).as("%s's citation for a %s matter", flag.ruleId(), j)
                                    .doesNotContain(mark);
                        }
                    });
                });
            }
            assertThat(seen).as("flags raised in %s", j).isGreaterThan(3);
        }
    }

    @Test
    @DisplayName("every action a compliance rule raises says what it says in plain words: no codes or enum names in the reason")
    void plainWordsEverywhere() {
        var result = evaluateWithSms(
                aMatter().inJurisdiction("US-TX").holding("-150.00").withoutFloor().withSms("+1 555 0100", null),
                aMatter().closedOn(null).holding("10.00"),
                aMatter().flatFeeHeldIn(null).disputed(null),
                aMatter().inJurisdiction("US-FL").flatFeeHeldIn("OPERATING"),
                aMatter().inJurisdiction("US-CA").flatFeeHeldIn("OPERATING"),
                aMatter().inJurisdiction("US-WA").neverReconciled().flatFeeHeldIn("OPERATING"));
        assertThat(result.actions()).hasSizeGreaterThan(8).filteredOn(a -> a.type() != ActionType.REPLENISHMENT_REQUEST)
                .filteredOn(a -> a.ruleId().matches("(CM|ABA|[A-Z]{2})-0[0-9]{2}"))
                .allSatisfy(ComplianceAssertions::assertPlainWords);
    }
}
