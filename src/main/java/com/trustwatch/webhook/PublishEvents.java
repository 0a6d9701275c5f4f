package com.trustwatch.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.Delivery;
import com.trustwatch.outbox.Outbox;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes an event to the subscriptions that want it, in the caller's transaction: the event is
 * stored once per business fact (its key; publishing the same fact again does nothing) and one outbox
 * row per subscription carries it, so it is delivered, retried and dead-lettered like any message.
 * With no subscription for its type, nothing is stored. The body every subscriber receives:
 * <pre>
 * {"id": "evt_5f0c...", "type": "matter.low_balance", "created": 1767225600, "data": {...}}
 * </pre>
 */
@Singleton
public class PublishEvents {

    public static final String MATTER_LOW_BALANCE = "matter.low_balance";
    public static final String REQUEST_SENT = "request.sent";
    public static final String REQUEST_PAID = "request.paid";
    public static final String LADDER_ESCALATED = "ladder.escalated";
    public static final String FLAG_RAISED = "flag.raised";
    public static final String MATTER_STOP_WORK = "matter.stop_work";
    public static final List<String> TYPES = List.of(MATTER_LOW_BALANCE, REQUEST_SENT, REQUEST_PAID, LADDER_ESCALATED,
            FLAG_RAISED, MATTER_STOP_WORK);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookSubscriptions subscriptions;
    private final WebhookEvents events;
    private final Outbox outbox;

    public PublishEvents(WebhookSubscriptions subscriptions, WebhookEvents events, Outbox outbox) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.outbox = outbox;
    }

    /** An event to publish; {@code key} names the business fact it reports. */
    public record Event(String type, String key, String matterNumber, Map<String, Object> data) {
    }

    /** Publishes one event due at once (not part of an evaluation). */
    public void publish(String type, String key, String matterNumber, Map<String, Object> data, LocalDateTime now) {
        publish(List.of(new Event(type, key, matterNumber, data)), null, now);
    }

    /**
     * @param evaluationId the evaluation publishing them: their rows are HELD until it finishes; null
     *                     when none is (they are due at once)
     */
    public void publish(List<Event> toPublish, String evaluationId, LocalDateTime now) {
        if (toPublish.isEmpty()) {
            return;
        }
        List<WebhookSubscriptions.Subscription> active = subscriptions.active();
        if (active.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Event e : toPublish) {
            List<WebhookSubscriptions.Subscription> wanting = active.stream().filter(s -> s.wants(e.type())).toList();
            if (wanting.isEmpty()) {
                continue;
            }
            String publicId = "evt_" + HexFormat.of().formatHex(randomBytes());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", publicId);
            body.put("type", e.type());
            body.put("created", now.toEpochSecond(ZoneOffset.UTC));
            body.put("data", e.data());
            String payload;
            try {
                payload = JSON.writeValueAsString(body);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("event " + e.type() + " cannot be written as JSON", ex);
            }
            var id = events.add(e.type() + "|" + e.key(), publicId, e.type(), e.matterNumber(), payload, now);
            if (id.isEmpty()) {
                continue; // this fact was published before
            }
            for (WebhookSubscriptions.Subscription s : wanting) {
                deliveries.add(new Delivery(null, evaluationId == null ? "" : evaluationId, e.matterNumber(), e.type(),
                        Channels.WEBHOOK, "webhook:" + id.get() + ":" + s.id(), id.get(), s.id()));
            }
        }
        if (evaluationId == null) {
            outbox.enqueueDue(deliveries, now);
        } else {
            outbox.enqueue(deliveries, now);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }
}
