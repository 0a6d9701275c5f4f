package com.trustwatch.web;

import io.micronaut.serde.exceptions.SerdeException;

/**
 * A JSON body value of the wrong kind (a string where a boolean belongs, a number where text does),
 * raised while the body is read so the request is refused before it does anything. Answered 400
 * with the field named.
 */
public final class BodyValueRefused extends SerdeException {

    private final String field;
    private final String reason;

    public BodyValueRefused(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
