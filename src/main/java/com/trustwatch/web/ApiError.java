package com.trustwatch.web;

import com.trustwatch.web.FieldError;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The body of every refused request: a sentence, and the fields, lines or cells at fault. */
@Serdeable
public record ApiError(String message, List<FieldError> errors) {
}
