package com.trustwatch.decision;

/**
 * How urgent an action is, on one scale for every kind of action: a compliance flag, an exception
 * task, and (through {@link Band#severity()}) a low-balance request or alert. The exception queue
 * and the console sort by it.
 */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Whether this is at least {@code other} (HIGH is at least MEDIUM). */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
