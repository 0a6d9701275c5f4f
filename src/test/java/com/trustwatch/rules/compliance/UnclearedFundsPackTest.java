package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.UnclearedFunds;
import com.trustwatch.fixtures.MatterFixture;
import com.trustwatch.rules.RulesHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.evaluateWith;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/uncleared-funds.drl: money paid out against deposits whose funds have not cleared. */
class UnclearedFundsPackTest {

    static final LocalDate CLEARS = LocalDate.of(2026, 11, 24);

    /** A matter holding 400.00 of which a 500.00 card deposit has not cleared: 100.00 paid out rests on it. */
    static RulesHarness.Result drawnAgainstUncleared(MatterFixture m) {
        var built = m.holding("400.00").build();
        return evaluateWith(List.of(new UnclearedFunds(built.matterNumber(), new BigDecimal("500.00"),
                new BigDecimal("-100.00"), CLEARS)), m);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"US-NY, UF-001, Op. 737", "US-FL, UF-002, 5-1.1", "US-NJ, UF-003, 1:21-6"})
    @DisplayName("where the jurisdiction states the rule, a payout resting on uncleared funds is a HIGH flag citing it")
    void jurisdictionsWithTheRule(String jurisdiction, String ruleId, String cited) {
        var result = drawnAgainstUncleared(aMatter().inJurisdiction(jurisdiction));
        ActionProposal flag = flagBy(result, ruleId);
        assertThat(flag.severity().name()).isEqualTo("HIGH");
        assertThat(flag.code()).isEqualTo("UNCOLLECTED_FUNDS_DISBURSEMENT");
        assertThat(flag.citation()).contains(cited);
        assertThat(flag.reason()).contains("Trust holds $400.00").contains("$500.00 is in deposits whose funds have not cleared")
                .contains("November 24, 2026").contains("The cleared funds come to -$100.00")
                .contains("so $100.00 paid out");
        result.didNotFire("UF-010");
    }

    @Test
    @DisplayName("elsewhere the same situation is a MEDIUM item marked as a product default, citing no rule")
    void productDefaultElsewhere() {
        var result = drawnAgainstUncleared(aMatter().inJurisdiction("US-CA"));
        ActionProposal flag = result.actions().stream().filter(a -> a.ruleId().equals("UF-010")).findFirst().orElseThrow();
        assertThat(flag.type()).isEqualTo(ActionType.COMPLIANCE_FLAG);
        assertThat(flag.severity().name()).isEqualTo("MEDIUM");
        assertThat(flag.citation()).isNull();
        assertThat(flag.reason()).contains("Trustwatch's default check, not a rule it can cite");
        result.didNotFire("UF-001", "UF-002", "UF-003");
    }

    @Test
    @DisplayName("uncleared deposits that cleared funds still cover, or no uncleared deposit at all, raise nothing")
    void coveredByClearedFunds() {
        MatterFixture m = aMatter().inJurisdiction("US-NY").holding("3000.00");
        var covered = evaluateWith(List.of(new UnclearedFunds(m.build().matterNumber(), new BigDecimal("500.00"),
                new BigDecimal("2500.00"), CLEARS)), m);
        covered.didNotFire("UF-001", "UF-010");
        evaluateWith(List.of(), aMatter().inJurisdiction("US-NY").holding("-50.00")).didNotFire("UF-001", "UF-010");
    }

    @Test
    @DisplayName("the uncleared amount a payout rests on is the shortfall of cleared funds, never more than what is uncleared")
    void drawnAgainst() {
        assertThat(new UnclearedFunds("M", new BigDecimal("500.00"), new BigDecimal("-100.00"), CLEARS).drawnAgainst())
                .isEqualByComparingTo("100.00");
        assertThat(new UnclearedFunds("M", new BigDecimal("500.00"), new BigDecimal("-900.00"), CLEARS).drawnAgainst())
                .isEqualByComparingTo("500.00");
        assertThat(new UnclearedFunds("M", new BigDecimal("500.00"), new BigDecimal("10.00"), CLEARS).drawnAgainst())
                .isEqualByComparingTo("0.00");
    }
}
