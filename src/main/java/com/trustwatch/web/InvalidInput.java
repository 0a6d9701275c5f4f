package com.trustwatch.web;

import java.util.List;
import java.util.stream.Collectors;

/** Input that was refused as a whole; nothing was changed. */
public final class InvalidInput extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
