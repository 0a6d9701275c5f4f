package com.trustwatch.matter;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How long a closed matter's trust records must be kept, from its jurisdiction's compliance pack.
 * Shown with the matter; it raises no flag. Trustwatch itself never deletes a matter, its ledger or
 * its audit entries, so nothing in the product purges a record before this date.
 */
public interface RecordRetention {

    /**
     * The retention of a closed matter's records; empty for an open matter.
     *
     * @return the date, or (when it cannot be worked out yet) a null date with a note saying why
     */
    Optional<Retention> of(Matter matter);

    /**
     * @param retainUntil the first day the records may be disposed of; null when not yet known
     * @param years       the jurisdiction's period, in years after the date counted from
     * @param countedFrom the date the period is counted from (the latest date recorded for the matter)
     * @param citation    the jurisdiction's rule
     * @param source      where the rule can be read
     * @param confidence  verified, secondary or unverified (see docs/ethics-counsel.md)
     * @param note        how the date was worked out, or why it is not known
     */
    record Retention(LocalDate retainUntil, Integer years, LocalDate countedFrom, String citation, String source,
                     String confidence, String note) {
    }
}
