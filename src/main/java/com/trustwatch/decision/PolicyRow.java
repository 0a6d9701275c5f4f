package com.trustwatch.decision;

/**
 * One data row of a decision table, as a fact: the row's generated rule inserts it once per session
 * (rules/templates/*.drt), and the generic rules of rules/replenishment.drl join it with the matters.
 * Every number a billing manager owns stays in the row's cells; what a row applied to is named by
 * {@link #ruleName()}, the row's rule name ({@code "TT-2 Tier 2 ..."}), whose first word is its id.
 */
public interface PolicyRow {

    /** The row's rule name: its id, a space, its name. */
    String ruleName();
}
