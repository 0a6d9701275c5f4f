package com.trustwatch.decision;

import java.util.Objects;

/**
 * One obligation row ({@link Obligation}) as it applies to the matters of one jurisdiction: the row of
 * the jurisdiction's own pack, or of the default (ABA) pack when the jurisdiction has none
 * ({@link Obligations#rowsFor}). The rules engine inserts one per row and jurisdiction of a session's
 * matters, so a pack rule joins a matter with its rows on the jurisdiction, an indexed join, instead of
 * looking the rows up for every matter.
 *
 * @param jurisdiction the matters' jurisdiction as recorded on them (it may have no pack of its own)
 * @param kind         the row's obligation
 * @param row          the row, whose own jurisdiction is the pack's
 */
public record PackObligation(String jurisdiction, Obligation.Kind kind, Obligation row) {

    public PackObligation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(row, "row");
    }

    /** {@link Obligation#covers} of the row. */
    public boolean covers(int days) {
        return row.covers(days);
    }
}
