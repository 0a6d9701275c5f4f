package com.trustwatch.decision;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares as people write them: 0.25 reads "25%". */
public final class Percent {

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private Percent() {
    }

    /** Truncated to two decimals of a percent, so a share just under an edge never reads as the edge. */
    public static String label(BigDecimal share) {
        return appendLabel(new StringBuilder(12), share).toString();
    }

    /**
     * Appends {@link #label(BigDecimal)} of {@code share} to {@code text}. A share whose digits fit in a
     * long is written from them (hundredths of a percent, truncated toward zero, trailing zeros left out),
     * which is what the BigDecimal route writes; any other goes that route.
     */
    static StringBuilder appendLabel(StringBuilder text, BigDecimal share) {
        int scale = share.scale();
        if (share.precision() <= 18 && scale >= -14 && scale <= 22) {
            long unscaled = share.unscaledValue().longValue();
            // hundredths of a percent: the share times 10,000, truncated toward zero
            long hundredths;
            if (scale >= 4) {
                hundredths = unscaled / POWERS_OF_TEN[scale - 4];
            } else {
                long factor = POWERS_OF_TEN[4 - scale];
                if (Math.abs(unscaled) > Long.MAX_VALUE / factor) {
                    return text.append(slowLabel(share));
                }
                hundredths = unscaled * factor;
            }
            if (hundredths < 0) {
                text.append('-');
                hundredths = -hundredths;
            }
            text.append(hundredths / 100);
            long fraction = hundredths % 100;
            if (fraction != 0) {
                text.append('.').append(fraction / 10);
                if (fraction % 10 != 0) {
                    text.append(fraction % 10);
                }
            }
            return text.append('%');
        }
        return text.append(slowLabel(share));
    }

    /** The label through BigDecimal, for shares too large for {@link #appendLabel}'s arithmetic. */
    static String slowLabel(BigDecimal share) {
        return share.movePointRight(2).setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "%";
    }
}
