package com.trustwatch.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

/** Where a balance stands against its threshold, in the words the severity-band reasons use. */
class ThresholdTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    static Threshold threshold(String balance, String amount, ThresholdBasis basis) {
        MatterFacts m = MatterFacts.of(aMatter().holding(balance).build(), AS_OF);
        return Threshold.of(m, new BigDecimal(amount), basis, "RP-005 test");
    }

    @Test
    @DisplayName("a share of the threshold names the threshold in dollars with thousands separators: 50% of the threshold of $12,500.00")
    void shareInDollars() {
        assertThat(threshold("6250.00", "12500.00", ThresholdBasis.feeAgreementFloor()).standing())
                .isEqualTo("50% of the threshold of $12,500.00 (fee-agreement floor)");
        assertThat(threshold("1240.00", "2500.00", ThresholdBasis.feeAgreementFloor()).standing())
                .isEqualTo("49.6% of the threshold of $2,500.00 (fee-agreement floor)");
    }

    @Test
    @DisplayName("a negative balance is below zero against a threshold in dollars: against a threshold of $6,000.00")
    void negativeBalanceInDollars() {
        assertThat(threshold("-150.00", "6000.00", ThresholdBasis.runwayMinimum(30)).standing())
                .isEqualTo("below zero, against a threshold of $6,000.00 (30 days of projected burn)");
    }

    @Test
    @DisplayName("a used-up balance and a threshold of zero write the threshold as $0.00 and $1,234,567.89, never a plain figure")
    void usedUpAndZeroThreshold() {
        assertThat(threshold("0.00", "1234567.89", ThresholdBasis.practiceMinimum()).standing())
                .isEqualTo("used up, against a threshold of $1,234,567.89 (practice-area minimum)");
        assertThat(threshold("25.00", "0.00", ThresholdBasis.feeAgreementFloor()).standing())
                .isEqualTo("above a threshold of $0.00 (fee-agreement floor)");
    }
}
