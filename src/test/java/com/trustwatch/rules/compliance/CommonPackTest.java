package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.Role;
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
import static com.trustwatch.rules.compliance.ComplianceAssertions.dataQualityBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/common.drl: flags for every jurisdiction. */
class CommonPackTest {

    @Test
    @DisplayName("CM-001: a trust balance of -150.00 is a CRITICAL negative client ledger, copied to the managing partner")
    void negativeLedger() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-CA").holding("-150.00")), "CM-001");
        assertThat(flag.reason()).contains("-150.00");
        assertThat(flag.cc()).contains(Role.MANAGING_PARTNER);
        assertThat(flag.episode().text()).isEqualTo("NEGATIVE_CLIENT_LEDGER:balance=-150.00");
    }

    @Test
    @DisplayName("CM-001 does not fire on a balance of exactly zero")
    void zeroIsNotNegative() {
        evaluate(aMatter().holding("0.00")).didNotFire("CM-001");
    }

    @Test
    @DisplayName("CM-002: an open matter billing 6000 a month with 0.00 in trust is billing against a depleted retainer")
    void billingAgainstDepletedRetainer() {
        var result = evaluate(aMatter().holding("0.00").billingMonthly("6000.00"));
        assertThat(flagBy(result, "CM-002").reason()).contains("0.00").contains("6000.00");
        result.didNotFire("CM-001");
    }

    @Test
    @DisplayName("CM-002 does not fire when the depleted matter has no billing, or is closed")
    void depletedButNotBilling() {
        evaluate(aMatter().holding("0.00").withoutBillingHistory()).didNotFire("CM-002");
        evaluate(aMatter().holding("0.00").closedOn(AS_OF.minusDays(10))).didNotFire("CM-002");
    }

    @Test
    @DisplayName("CM-003: a matter closed 45 days ago still holding 1200.00 is a MEDIUM unreturned-funds flag")
    void closedWithFundsAfter30Days() {
        var result = evaluate(aMatter().closedOn(AS_OF.minusDays(45)).holding("1200.00"));
        ActionProposal flag = flagBy(result, "CM-003");
        assertThat(flag.reason()).contains("1200.00").contains("45 days");
        assertThat(flag.episode().text()).isEqualTo("UNEARNED_FUNDS_NOT_RETURNED:closed-2026-10-06:MEDIUM");
        result.didNotFire("CM-004");
    }

    @Test
    @DisplayName("CM-004: a matter closed 91 days ago still holding money is a HIGH unreturned-funds flag, and not also MEDIUM")
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
    @DisplayName("a closed matter that holds nothing raises no flag however long ago it closed")
    void closedAndPaidOut() {
        var result = evaluate(aMatter().closedOn(AS_OF.minusDays(400)).holding("0.00").reconciledOn(AS_OF.minusDays(400)));
        assertThat(result.actions()).as("actions: %s", result.summary()).isEmpty();
    }

    @Test
    @DisplayName("the 90-day escalation is a new episode, not a duplicate of the 30-day flag for the same closing")
    void escalationIsItsOwnEpisode() {
        Matter closed = aMatter().closedOn(LocalDate.of(2026, 8, 1)).holding("800.00").build();
        ActionProposal medium = flagBy(evaluate(LocalDate.of(2026, 9, 15), List.of(), List.of(closed)), "CM-003");
        ActionProposal high = flagBy(evaluate(AS_OF, List.of(), List.of(closed)), "CM-004");
        assertThat(medium.episode().text()).startsWith("UNEARNED_FUNDS_NOT_RETURNED:closed-2026-08-01");
        assertThat(high.episode().text()).startsWith("UNEARNED_FUNDS_NOT_RETURNED:closed-2026-08-01").isNotEqualTo(medium.episode().text());
    }

    @Test
    @DisplayName("CM-005: a matter disputed over 5000.00 with only 3000.00 left in trust has released disputed funds")
    void disputedFundsReleased() {
        ActionProposal flag = flagBy(evaluate(aMatter().disputed("5000.00").holding("3000.00")), "CM-005");
        assertThat(flag.reason()).contains("5000.00").contains("3000.00");
    }

    @Test
    @DisplayName("CM-005 does not fire while the whole disputed amount is still in trust")
    void disputedFundsIntact() {
        evaluate(aMatter().disputed("5000.00").holding("5000.00")).didNotFire("CM-005");
    }

    @Test
    @DisplayName("CM-006: an open hourly evergreen matter with no fee-agreement floor is flagged LOW")
    void missingFloor() {
        flagBy(evaluate(aMatter().withoutFloor()), "CM-006");
    }

    @Test
    @DisplayName("CM-006 does not fire for flat-fee, one-time or closed matters without a floor")
    void missingFloorOnlyForEvergreenHourly() {
        evaluate(aMatter().withoutFloor().flatFeeHeldIn("TRUST")).didNotFire("CM-006");
        evaluate(aMatter().withoutFloor().onRetainer(RetainerType.ONE_TIME)).didNotFire("CM-006");
        evaluate(aMatter().withoutFloor().closedOn(AS_OF.minusDays(5))).didNotFire("CM-006");
    }

    @Test
    @DisplayName("CM-007: a 1000.00 floor on a matter billing 4000 a month is under 10 days of burn (1333.33) and needs a fee-agreement update")
    void floorBelowTenDaysOfBurn() {
        ActionProposal flag = flagBy(evaluate(aMatter().withFloor("1000.00").billingMonthly("4000.00")), "CM-007");
        assertThat(flag.reason()).contains("1000.00").contains("1333.33");
    }

    @Test
    @DisplayName("CM-007 does not fire on a floor of exactly 10 days of burn, or without billing history")
    void floorBoundaries() {
        evaluate(aMatter().withFloor("1333.33").billingMonthly("4000.00")).didNotFire("CM-007");
        evaluate(aMatter().withFloor("100.00").withoutBillingHistory()).didNotFire("CM-007");
    }

    @Test
    @DisplayName("CM-008: a billing contact with a phone on file who has not consented blocks SMS reminders (HIGH)")
    void smsWithoutConsent() {
        var result = evaluate(aMatter().withSms("+1 555 0100", false));
        flagBy(result, "CM-008");
        result.didNotFire("CM-091");
    }

    @Test
    @DisplayName("a phone on file with SMS consent raises nothing")
    void smsWithConsent() {
        var result = evaluate(aMatter().withSms("+1 555 0100", true));
        assertThat(result.actions()).as("actions: %s", result.summary()).isEmpty();
    }

    @Test
    @DisplayName("CM-090: a matter never reconciled is a data-quality task, not a reconciliation flag")
    void reconciliationUnknown() {
        for (String jurisdiction : List.of("ABA", "US-OH", "US-CA", "US-IL", "US-MA")) {
            var result = evaluate(aMatter().inJurisdiction(jurisdiction).neverReconciled());
            dataQualityBy(result, "CM-090");
            assertThat(flags(result)).as("flags for %s", jurisdiction).isEmpty();
        }
    }

    @Test
    @DisplayName("CM-091: a phone on file with consent not recorded is a data-quality task, not an SMS flag")
    void smsConsentUnknown() {
        var result = evaluate(aMatter().withSms("+1 555 0100", null));
        dataQualityBy(result, "CM-091");
        assertThat(flags(result)).isEmpty();
    }

    @Test
    @DisplayName("CM-092: a closed matter holding money with no closing date is a data-quality task")
    void closedDateUnknown() {
        var result = evaluate(aMatter().closedOn(null).holding("700.00"));
        dataQualityBy(result, "CM-092");
        assertThat(flags(result)).isEmpty();
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
                aMatter().holding("-150.00").billingMonthly("6000.00").withSms("+1 555 0100", false).withoutFloor()
                        .reconciledOn(AS_OF.minusDays(60)).build(),
                aMatter().closedOn(AS_OF.minusDays(50)).holding("900.00").build(),
                aMatter().disputed("5000.00").holding("3000.00").build(),
                aMatter().inJurisdiction("US-CA").lastDepositOn(AS_OF.minusDays(20)).flatFeeHeldIn("OPERATING").build(),
                aMatter().inJurisdiction("US-IL").reconciledOn(AS_OF.minusDays(120)).nonrefundableFeeTerm(true).build(),
                aMatter().inJurisdiction("US-WA").lastAccountingOn(AS_OF.minusDays(400)).build());
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
}
