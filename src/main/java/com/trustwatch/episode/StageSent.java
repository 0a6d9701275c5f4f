package com.trustwatch.episode;

import java.time.LocalDate;

/**
 * A ladder stage of a low-balance episode that an evaluation has just recorded for the first time:
 * stage 1 (the client request) opens the episode that began on {@code episodeStart}, a later stage
 * moves it on.
 *
 * @param actionId the recorded action that is the stage, for the audit trail
 * @param ruleId   the rule that decided it
 * @param what     what the stage sent, for the audit trail ({@code "ESCALATION CLIENT_FOLLOW_UP"})
 * @param held     whether the stage waits for a person to release it; a held first request opens the
 *                 episode without starting the ladder
 * @param deadline for the first request: the pay-by date it names, which every later message repeats
 */
public record StageSent(String matterNumber, LocalDate episodeStart, int stage, long actionId, String ruleId,
                        String what, boolean held, LocalDate deadline) {
}
