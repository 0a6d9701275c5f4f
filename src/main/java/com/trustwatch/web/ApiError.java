package com.trustwatch.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The body of every refused or failed request: a sentence, the fields, lines or cells at fault (the
 * first {@link Problems#MAX_LISTED} of them), how many problems there were in all, and for an
 * unexpected failure the reference under which it was logged. It never carries class names, SQL,
 * parser internals or rule names.
 */
@Serdeable
public record ApiError(String message, List<FieldError> errors, int total, @Nullable String reference) {

    public ApiError(String message, List<FieldError> errors) {
        this(message, errors, errors.size(), null);
    }

    /** A refusal with one problem. */
    public static ApiError of(String message, FieldError error) {
        return new ApiError(message, List.of(error));
    }
}
