package com.trustwatch.mail;

/**
 * A message that no retry can deliver as it is (an address that cannot be written into a header):
 * the dispatcher makes it a dead letter at once, with this reason, instead of retrying.
 */
public class UndeliverableMessage extends RuntimeException {

    public UndeliverableMessage(String message) {
        super(message);
    }
}
