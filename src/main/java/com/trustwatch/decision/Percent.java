package com.trustwatch.decision;

import java.math.BigDecimal;

/** Shares as people write them: 0.25 reads "25%". */
public final class Percent {

    private Percent() {
    }

    /** Truncated to two decimals of a percent, so a share just under an edge never reads as the edge. */
    public static String label(BigDecimal share) {
        return share.movePointRight(2).setScale(2, java.math.RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "%";
    }
}
