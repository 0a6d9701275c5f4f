package com.trustwatch.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that was refused as a whole; nothing was changed. Holds the first
 * {@link Problems#MAX_LISTED} problems and how many there were in all; its message names the first
 * few, so a log line or an answer stays short whatever the input.
 */
public final class InvalidInput extends RuntimeException {

    /** How many problems the one-sentence message spells out. */
    private static final int IN_MESSAGE = 5;

    private final List<FieldError> errors;
    private final int total;

    public InvalidInput(List<FieldError> errors) {
        this(errors.subList(0, Math.min(errors.size(), Problems.MAX_LISTED)), errors.size());
    }

    InvalidInput(List<FieldError> listed, int total) {
        super(summary(listed, total));
        this.errors = List.copyOf(listed);
        this.total = total;
    }

    /** The first problems found, at most {@link Problems#MAX_LISTED}. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many problems there were in all. */
    public int total() {
        return total;
    }

    private static String summary(List<FieldError> listed, int total) {
        String first = listed.stream().limit(IN_MESSAGE).map(FieldError::toString).collect(Collectors.joining("; "));
        int more = total - Math.min(IN_MESSAGE, listed.size());
        return more > 0 ? first + "; and " + more + " more problem" + (more == 1 ? "" : "s") : first;
    }
}
