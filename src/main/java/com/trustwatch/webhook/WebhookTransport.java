package com.trustwatch.webhook;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.matter.Matter;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxTransport;
import com.trustwatch.secrets.SecretCipher;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Delivers one event to one subscription: {@code POST <url>} with the event's JSON body, signed
 * ({@link WebhookSignature}: {@code Trustwatch-Signature: t=...,v1=...}, signed again on every attempt)
 * and named ({@code Trustwatch-Event-Id}, so a receiver can drop a repeat). A 2xx answer is delivered;
 * anything else, or no answer, is retried by the outbox (honouring Retry-After) until the last attempt.
 * A subscription turned off meanwhile gets nothing (WITHHELD).
 */
@Singleton
class WebhookTransport implements OutboxTransport {

    private final WebhookEvents events;
    private final WebhookSubscriptions subscriptions;
    private final SecretCipher cipher;
    private final HttpClient http;
    private final WebhookSettings settings;

    WebhookTransport(WebhookEvents events, WebhookSubscriptions subscriptions, SecretCipher cipher, WebhookSettings settings) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.cipher = cipher;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String channel() {
        return Channels.WEBHOOK;
    }

    @Override
    public Outcome deliver(List<Outbox.ClaimedRow> rows, List<RecordedAction> actions, Map<String, Matter> matters,
                           int attempt, LocalDateTime now) throws Failure {
        Outbox.ClaimedRow row = rows.get(0);
        var event = events.find(row.eventId()).orElseThrow(() -> new Failure("event " + row.eventId() + " is gone", true, null));
        var subscription = subscriptions.find(row.subscriptionId()).orElse(null);
        if (subscription == null || !subscription.active()) {
            return new Withheld("event " + event.publicId() + " (" + event.type() + ") not sent: subscription "
                    + row.subscriptionId() + " is " + (subscription == null ? "gone" : "turned off"));
        }
        String secret;
        try {
            secret = cipher.open(subscription.sealedSecret(), SubscriptionsController.secretContext(subscription.id()));
        } catch (RuntimeException e) {
            throw new Failure("the secret of subscription " + subscription.id() + " cannot be opened: " + e.getMessage(), true, null);
        }
        String signature = WebhookSignature.sign(event.payload(), now.toEpochSecond(ZoneOffset.UTC), secret);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(subscription.url()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Trustwatch-Webhooks")
                    .header(WebhookSignature.HEADER, signature)
                    .header("Trustwatch-Event-Id", event.publicId())
                    .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("event " + event.publicId() + " to " + subscription.url() + ": no answer (" + e + ")", false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while sending event " + event.publicId(), false, null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Sent(event.publicId(), "event " + event.publicId() + " (" + event.type() + ") delivered to "
                    + subscription.url() + " (subscription " + subscription.id() + ", HTTP " + status + ")");
        }
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
        throw new Failure("event " + event.publicId() + " (" + event.type() + ") to " + subscription.url()
                + " answered HTTP " + status, status == 410, retryAfter);
    }
}
