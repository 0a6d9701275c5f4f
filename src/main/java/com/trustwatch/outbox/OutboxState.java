package com.trustwatch.outbox;

/**
 * Where the delivery of one action stands. HELD until the evaluation that recorded it has finished
 * (so a client's consolidated request waits for all of the client's matters), then PENDING, SENDING
 * while a dispatcher holds it, and SENT; or FAILED (another attempt is due later) and, after the
 * last attempt or at once for a failure no retry can cure, DEAD (a dead letter in the exception queue).
 */
public enum OutboxState {
    HELD, PENDING, SENDING, SENT, FAILED, DEAD,
    /**
     * Not sent, and never will be: a condition for sending no longer held when its turn came (a text
     * message whose recipient had withdrawn consent). No dead letter: nothing needs a person.
     */
    WITHHELD
}
