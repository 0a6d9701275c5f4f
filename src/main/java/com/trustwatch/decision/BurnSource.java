package com.trustwatch.decision;

/**
 * Where a matter's burn rate comes from: the drawdowns recorded in the trust ledger over the 90 days
 * before the as-of date, or, when none are recorded there, the monthly billing imported with the
 * roster (DESIGN.md: "monthly billing rate (average of the last 90 days) or the time/drawdown entries
 * it is computed from").
 */
public enum BurnSource {
    /** Drawdowns recorded in the trust ledger in the last 90 days. */
    LEDGER,
    /** The monthly billing imported with the matter. */
    IMPORTED
}
