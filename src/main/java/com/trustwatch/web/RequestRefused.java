package com.trustwatch.web;

/**
 * A request whose body or parameters cannot be taken as they stand (a JSON {@code null} where an
 * object belongs): answered 400 with the field named, like a body the framework could not read.
 */
public final class RequestRefused extends RuntimeException {

    private final FieldError error;

    public RequestRefused(FieldError error) {
        super(error.toString());
        this.error = error;
    }

    public FieldError error() {
        return error;
    }

    /** Refuses a body that was sent but read as nothing (the JSON literal {@code null}, or only spaces). */
    public static void requireObjectIfSent(io.micronaut.http.HttpRequest<?> request, Object body) {
        if (body == null && request.getContentLength() > 0) {
            throw new RequestRefused(new FieldError(null, "body", "must be a JSON object, or no body at all"));
        }
    }
}
