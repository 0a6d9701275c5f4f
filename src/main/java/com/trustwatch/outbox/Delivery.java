package com.trustwatch.outbox;

/**
 * An action to deliver, as the executor hands it to the outbox.
 *
 * @param channel  CLIENT_EMAIL or INTERNAL_EMAIL
 * @param groupKey actions with the same key travel as one message (a client's consolidated request)
 */
public record Delivery(long actionId, String evaluationId, String matterNumber, String actionType, String channel,
                       String groupKey) {
}
