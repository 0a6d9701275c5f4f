package com.trustwatch.decision;

/**
 * The band a low trust balance falls in, as a share of its replenishment threshold (seed 003;
 * the bands' edges and what each asks for are rows of severity-bands.xlsx). A band is not a
 * severity: it says where the balance stands, and {@link #severity()} says how urgent that is.
 */
public enum Band {
    /** Around the threshold (90–110% by default): internal notice in the weekly digest. */
    WATCH(Severity.LOW),
    /** Below the threshold (50–90%): notify within 24 hours. */
    WARNING(Severity.MEDIUM),
    /** Far below the threshold (under 50%): same day, with an exception task. */
    BREACH(Severity.HIGH),
    /** At or below zero while the matter still bills: immediately, with a stop-work recommendation. */
    CRITICAL(Severity.CRITICAL);

    private final Severity severity;

    Band(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
