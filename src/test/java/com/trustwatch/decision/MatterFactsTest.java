package com.trustwatch.decision;

import com.trustwatch.matter.Matter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

/** The burn rate agrees with the ledger (issue 10, A2): drawdowns recorded in the last 90 days come first. */
class MatterFactsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    @Test
    @DisplayName("Henderson: 2,000.00 drawn in the last 90 days is 666.67 a month, 22.2222 a day, and 1,240.00 lasts until 2027-01-14")
    void burnFromTheLedger() {
        Matter henderson = aMatter().holding("1240.00").withoutBillingHistory().build();
        MatterFacts f = MatterFacts.of(henderson, AS_OF, null, new BigDecimal("2000.00"));
        assertThat(f.burnSource()).isEqualTo(BurnSource.LEDGER);
        assertThat(f.monthlyBilling()).isEqualByComparingTo("666.67");
        assertThat(f.dailyBurn()).isEqualByComparingTo("22.2222");
        assertThat(f.activelyBilling()).isTrue();
        // 1240.00 / 22.2222 = 55.8 days
        assertThat(f.runwayDays()).isEqualByComparingTo("55.8");
        assertThat(f.projectedDepletion()).isEqualTo(LocalDate.of(2027, 1, 14));
    }

    @Test
    @DisplayName("the ledger's drawdowns come before the imported monthly billing")
    void ledgerBeforeImport() {
        Matter m = aMatter().holding("8000.00").billingMonthly("9000.00").build();
        MatterFacts f = MatterFacts.of(m, AS_OF, null, new BigDecimal("1500.00"));
        assertThat(f.burnSource()).isEqualTo(BurnSource.LEDGER);
        assertThat(f.monthlyBilling()).isEqualByComparingTo("500.00");
    }

    @Test
    @DisplayName("without drawdowns in the window the imported monthly billing is the burn rate, and says so")
    void importedFallback() {
        Matter m = aMatter().holding("8000.00").billingMonthly("9000.00").build();
        for (BigDecimal none : new BigDecimal[]{null, BigDecimal.ZERO}) {
            MatterFacts f = MatterFacts.of(m, AS_OF, null, none);
            assertThat(f.burnSource()).isEqualTo(BurnSource.IMPORTED);
            assertThat(f.monthlyBilling()).isEqualByComparingTo("9000.00");
            assertThat(f.projectedDepletion()).isEqualTo(AS_OF.plusDays(26));
        }
    }

    @Test
    @DisplayName("neither drawdowns nor billing: no burn rate, no source, no projection")
    void noBurn() {
        MatterFacts f = MatterFacts.of(aMatter().holding("1000.00").withoutBillingHistory().build(), AS_OF, null, null);
        assertThat(f.burnSource()).isNull();
        assertThat(f.dailyBurn()).isNull();
        assertThat(f.projectedDepletion()).isNull();
    }

    @Test
    @DisplayName("a balance at or below zero has no projected depletion date: it is already used up")
    void depletedHasNoProjection() {
        for (String balance : new String[]{"0.00", "-150.00"}) {
            MatterFacts f = MatterFacts.of(aMatter().holding(balance).billingMonthly("6000.00").build(), AS_OF);
            assertThat(f.projectedDepletion()).as("balance %s", balance).isNull();
            assertThat(f.runwayDays()).isEqualByComparingTo("0");
        }
    }
}
