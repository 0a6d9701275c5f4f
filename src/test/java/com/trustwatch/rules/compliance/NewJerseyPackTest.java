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

/** rules/compliance/us-nj.obligations.csv (the pack's DRL file holds no rule of its own). */
class NewJerseyPackTest {

    @Test
    @DisplayName("a New Jersey ledger last reconciled 32 days ago is HIGH, citing court rule 1:21-6; 31 days is nothing")
    void reconciliation() {
        ActionProposal flag = flagBy(evaluate(aMatter().inJurisdiction("US-NJ").reconciledOn(AS_OF.minusDays(32))), "CM-011");
        assertThat(flag.severity().name()).isEqualTo("HIGH");
        assertThat(flag.citation()).startsWith("N.J. Ct. R. 1:21-6(c)");
        assertThat(flags(evaluate(aMatter().inJurisdiction("US-NJ").reconciledOn(AS_OF.minusDays(31))))).isEmpty();
    }

    @Test
    @DisplayName("a New Jersey deposit without notice cites N.J. RPC 1.15(b), read on the courts' own site")
    void receiptNotice() {
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-NJ").lastDepositOn(AS_OF.minusDays(20))), "CM-012")
                .citation()).startsWith("N.J. RPC 1.15(b)");
    }
}
