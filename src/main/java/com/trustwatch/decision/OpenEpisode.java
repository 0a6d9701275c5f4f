package com.trustwatch.decision;

import java.time.LocalDate;

/**
 * A low-balance episode still open when an evaluation starts: the client was asked to replenish on
 * {@code episodeStart} and has not; {@code stageSent} is the last ladder stage that went out and
 * {@code businessDaysOpen} how many business days have passed since, as of the evaluation date.
 * The escalation ladder (rules/escalation.drl) reads it; the episode package keeps it between runs.
 */
public record OpenEpisode(String matterNumber, LocalDate episodeStart, int stageSent, int businessDaysOpen) {
}
