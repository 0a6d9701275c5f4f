package com.trustwatch.lifecycle;

/** Work refused or cut short at a safe point because the service is stopping; answered 503. */
public final class ShuttingDown extends RuntimeException {
    public ShuttingDown(String message) {
        super(message);
    }
}
