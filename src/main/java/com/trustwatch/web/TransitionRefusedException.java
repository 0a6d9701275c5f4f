package com.trustwatch.web;

/** An exception item cannot move that way from where it is (resolving it twice, acknowledging a resolved one). */
public final class TransitionRefusedException extends RuntimeException {

    public TransitionRefusedException(String message) {
        super(message);
    }
}
