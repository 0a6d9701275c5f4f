package com.trustwatch.decision;

import java.math.BigDecimal;

/** Shares as people write them: 0.25 reads "25%". */
public final class Percent {

    private Percent() {
    }

    public static String label(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
