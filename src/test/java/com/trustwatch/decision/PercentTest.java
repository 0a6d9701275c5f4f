package com.trustwatch.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PercentTest {

    /** The label as it was written before it was built from the digits: BigDecimal's own rounding and text. */
    private static String byBigDecimal(BigDecimal share) {
        return share.movePointRight(2).setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "%";
    }

    @Test
    @DisplayName("a share reads as a percent truncated to two decimals, without trailing zeros")
    void readsAsAPercent() {
        assertThat(Percent.label(new BigDecimal("0.25"))).isEqualTo("25%");
        assertThat(Percent.label(new BigDecimal("0.4999980000000000"))).isEqualTo("49.99%");
        assertThat(Percent.label(new BigDecimal("0.4960000000000000"))).isEqualTo("49.6%");
        assertThat(Percent.label(new BigDecimal("1"))).isEqualTo("100%");
        assertThat(Percent.label(new BigDecimal("-0.5"))).isEqualTo("-50%");
        assertThat(Percent.label(new BigDecimal("-0.00001"))).isEqualTo("0%");
        assertThat(Percent.label(new BigDecimal("1E+3"))).isEqualTo("100000%");
    }

    @Test
    @DisplayName("a label reads exactly as BigDecimal's truncation and plain text write it, over many shares of every size, sign and scale")
    void readsAsBigDecimalWritesIt() {
        Random random = new Random(20261130L);
        int compared = 0;
        for (int i = 0; i < 300_000; i++) {
            int digits = 1 + random.nextInt(24);
            BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal share = new BigDecimal(unscaled, random.nextInt(30) - 6);
            assertThat(Percent.label(share)).as("%s", share.toString()).isEqualTo(byBigDecimal(share));
            compared++;
        }
        // the ratios the severity bands read: a balance over a threshold at sixteen places, truncated
        for (int i = 0; i < 200_000; i++) {
            BigDecimal balance = BigDecimal.valueOf(random.nextLong() % 100_000_000_00L, 2);
            BigDecimal threshold = BigDecimal.valueOf(1 + Math.abs(random.nextLong() % 10_000_000_00L), 2);
            BigDecimal ratio = balance.divide(threshold, 16, RoundingMode.DOWN);
            assertThat(Percent.label(ratio)).as("%s", ratio.toString()).isEqualTo(byBigDecimal(ratio));
            compared++;
        }
        assertThat(compared).isEqualTo(500_000);
    }
}
