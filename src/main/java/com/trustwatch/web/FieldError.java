package com.trustwatch.web;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One refused value: where it was (CSV line, or null for a JSON body), which field, and why.
 */
@Serdeable
public record FieldError(Integer line, String field, String message) {

    @Override
    public String toString() {
        return (line == null ? "" : "line " + line + ", ") + field + ": " + message;
    }
}
