package com.trustwatch.decision;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business episode of a replenishment request and of each ladder step that follows it:
 * {@code low-balance:2026-11-02:stage-2}. Rules name actions with it (so re-runs make the same
 * idempotency key); the executor reads the stage back to move the open case on.
 */
public record LadderEpisode(LocalDate start, int stage) {

    private static final Pattern FORMAT = Pattern.compile("low-balance:(\\d{4}-\\d{2}-\\d{2}):stage-(\\d{1,4})");

    public static String of(LocalDate start, int stage) {
        return "low-balance:" + start + ":stage-" + stage;
    }

    /** The start and stage an episode names, or empty when it is not a ladder stage. */
    public static Optional<LadderEpisode> parse(String episode) {
        Matcher m = episode == null ? null : FORMAT.matcher(episode);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LadderEpisode(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
