package com.trustwatch.exceptionqueue;

/** Why an item is in the exception queue. */
public enum ItemKind {
    /** An exception task a rule opened: a breach, a critical balance, an unpaid ladder, an attorney review. */
    TASK,
    /** A value the rules need is missing or doubtful. */
    DATA_QUALITY,
    /** A HIGH or CRITICAL compliance flag. */
    COMPLIANCE_FLAG,
    /** A message that could not be delivered. */
    DEAD_LETTER,
    /**
     * What a connector could not take in: a payment for an unknown matter, in another currency or of a
     * negative amount; a practice-management record refused with the field named.
     */
    CONNECTOR
}
