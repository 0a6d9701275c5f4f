package com.trustwatch.rules.compliance;

import com.trustwatch.fixtures.MatterFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flags;
import static org.assertj.core.api.Assertions.assertThat;

/** rules/compliance/us-tx.drl. */
class TexasPackTest {

    private static MatterFixture aTexasMatter() {
        return MatterFixture.aMatter().inJurisdiction("US-TX");
    }

    @Test
    @DisplayName("TX-001: a Texas matter last reconciled 32 days ago is a MEDIUM reconciliation flag, and not the ABA one")
    void reconciliationOverdue() {
        var result = evaluate(aTexasMatter().reconciledOn(AS_OF.minusDays(32)));
        flagBy(result, "TX-001");
        result.didNotFire("ABA-001");
    }

    @Test
    @DisplayName("TX-001 does not fire at exactly 31 days")
    void reconciliationBoundary() {
        assertThat(flags(evaluate(aTexasMatter().reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("TX-002: a flat fee held in the operating account is an advance fee not in trust (HIGH), from the Texas pack")
    void advanceFeeInOperating() {
        var result = evaluate(aTexasMatter().flatFeeHeldIn("OPERATING"));
        flagBy(result, "TX-002");
        result.didNotFire("ABA-002");
    }

    @Test
    @DisplayName("TX-002 does not fire for a flat fee held in trust")
    void flatFeeInTrust() {
        assertThat(flags(evaluate(aTexasMatter().flatFeeHeldIn("TRUST")))).isEmpty();
    }

    @Test
    @DisplayName("TX-003: a 'nonrefundable' fee term in Texas is a LOW flag")
    void nonrefundableTerm() {
        var result = evaluate(aTexasMatter().nonrefundableFeeTerm(true));
        flagBy(result, "TX-003");
        result.didNotFire("ABA-003");
    }
}
