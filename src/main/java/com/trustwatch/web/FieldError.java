package com.trustwatch.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One refused value: where it was (a CSV line and, for a file that cannot be read, the character
 * column in that line; both null for a JSON body or a query parameter), which field or column, and why.
 * The field name and the message are cut to a readable length and carry no control characters,
 * whatever the input was.
 */
@Serdeable
public record FieldError(@Nullable Integer line, @Nullable Integer column, String field, String message) {

    /** Longest field name an error answer repeats (an unknown column or JSON field is echoed cut). */
    static final int MAX_FIELD = 64;
    /** Longest message an error answer carries for one problem. */
    static final int MAX_MESSAGE = 500;

    public FieldError {
        field = Echo.plain(field == null ? "" : field, MAX_FIELD);
        message = Echo.plain(message == null ? "" : message, MAX_MESSAGE);
    }

    public FieldError(@Nullable Integer line, String field, String message) {
        this(line, null, field, message);
    }

    @Override
    public String toString() {
        return (line == null ? "" : "line " + line + ", ") + (column == null ? "" : "column " + column + ", ")
                + field + ": " + message;
    }
}
