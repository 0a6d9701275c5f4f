package com.trustwatch.outbox;

/**
 * Something to deliver, as the executor hands it to the outbox: an action by one channel, an event
 * to one subscription, or a report email.
 *
 * @param actionId       the action delivered; null for an event
 * @param evaluationId   the evaluation that recorded it (its rows are HELD until it finishes); empty when none did
 * @param channel        {@link Channels}: CLIENT_EMAIL, INTERNAL_EMAIL, CLIENT_SMS or WEBHOOK
 * @param groupKey       deliveries with the same key travel as one message (a client's consolidated request)
 * @param eventId        the event delivered (WEBHOOK), else null
 * @param subscriptionId the subscription it goes to (WEBHOOK), else null
 * @param reportMailId   the report email delivered (REPORT_EMAIL), else null
 */
public record Delivery(Long actionId, String evaluationId, String matterNumber, String actionType, String channel,
                       String groupKey, Long eventId, Long subscriptionId, Long reportMailId) {

    /** An action or an event. */
    public Delivery(Long actionId, String evaluationId, String matterNumber, String actionType, String channel,
                    String groupKey, Long eventId, Long subscriptionId) {
        this(actionId, evaluationId, matterNumber, actionType, channel, groupKey, eventId, subscriptionId, null);
    }

    public Delivery(long actionId, String evaluationId, String matterNumber, String actionType, String channel,
                    String groupKey) {
        this(actionId, evaluationId, matterNumber, actionType, channel, groupKey, null, null, null);
    }
}
