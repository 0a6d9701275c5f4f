package com.trustwatch.decision;

import java.time.LocalDate;

/**
 * A low-balance episode still open when an evaluation starts: the client was first to be asked to
 * replenish on {@code episodeStart} and has not; {@code stageSent} is the last ladder stage recorded.
 * The escalation ladder (rules/escalation.drl) reads it; the episode package keeps it between runs.
 *
 * @param ladderFrom       the day the ladder counts from: the day the first request went out by
 *                         itself, or the day a person released a held one; null while the first
 *                         request waits for a person (or was declined), when the ladder does not run
 * @param businessDaysOpen business days from {@code ladderFrom} to the evaluation's as-of date (0 when
 *                         the ladder does not run)
 * @param deadline         the pay-by date the first request named (every later message of the episode
 *                         names the same date); null when none is recorded
 */
public record OpenEpisode(String matterNumber, LocalDate episodeStart, int stageSent, int businessDaysOpen,
                          LocalDate ladderFrom, LocalDate deadline) {

    /** An episode whose first request went out on its first day, with no recorded deadline. */
    public OpenEpisode(String matterNumber, LocalDate episodeStart, int stageSent, int businessDaysOpen) {
        this(matterNumber, episodeStart, stageSent, businessDaysOpen, episodeStart, null);
    }

    /** Whether the ladder runs: the first request has gone out (it was not held, or a person released it). */
    public boolean laddering() {
        return ladderFrom != null;
    }
}
