package com.trustwatch.payments;

import com.stripe.model.Event;
import com.trustwatch.config.FirmTime;
import com.trustwatch.web.ApiError;
import com.trustwatch.webhook.WebhookSignature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment webhooks. No login: each request proves itself by its signature over the exact raw
 * body (taken as bytes, never bound to an object and re-serialised). A refused signature is 400 and records
 * nothing; a signed event is answered 200 whatever became of it (recorded, a replay, ignored, or
 * refused into the exception queue), so the processor does not resend it. An endpoint whose secret
 * is not configured answers 404.
 */
@Tag(name = "Connectors")
@Controller("/api/webhooks/payments")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class PaymentWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final RecordPayment payments;
    private final PaymentSettings settings;
    private final Clock clock;
    private final FirmTime firmTime;

    PaymentWebhookController(RecordPayment payments, PaymentSettings settings, Clock clock, FirmTime firmTime) {
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
        this.firmTime = firmTime;
    }

    @Post(uri = "/stripe", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> stripe(@Body byte[] body, @Nullable @Header("Stripe-Signature") String signature) {
        String rawBody = new String(body, java.nio.charset.StandardCharsets.UTF_8); // the bytes Stripe signed
        if (blank(settings.stripeWebhookSecret())) {
            return HttpResponse.notFound(new ApiError("the Stripe webhook is not configured"
                    + " (trustwatch.payments.stripe-webhook-secret)", List.of()));
        }
        Event event;
        try {
            event = StripeEvents.verify(rawBody, signature, settings.stripeWebhookSecret(), settings.toleranceSeconds(), clock);
        } catch (StripeEvents.Refused e) {
            LOG.warn("Stripe webhook refused: {}", e.getMessage());
            return HttpResponse.badRequest(new ApiError("Refused; nothing was recorded: " + e.getMessage(), List.of()));
        }
        Optional<PaymentNotice> notice = StripeEvents.read(event, firmTime.zone());
        if (notice.isEmpty()) {
            return HttpResponse.ok(Map.of("eventId", String.valueOf(event.getId()), "outcome", "IGNORED",
                    "detail", "event type " + event.getType() + " reports no payment"));
        }
        return HttpResponse.ok(answer(payments.take(notice.get()), event.getId()));
    }

    @Post(uri = "/generic", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> generic(@Body byte[] body, @Nullable @Header(WebhookSignature.HEADER) String signature) {
        String rawBody = new String(body, java.nio.charset.StandardCharsets.UTF_8); // the bytes the processor signed
        if (blank(settings.genericWebhookSecret())) {
            return HttpResponse.notFound(new ApiError("the generic payment webhook is not configured"
                    + " (trustwatch.payments.generic-webhook-secret)", List.of()));
        }
        try {
            WebhookSignature.verify(signature, rawBody, settings.genericWebhookSecret(), settings.toleranceSeconds(), clock);
        } catch (WebhookSignature.Refused e) {
            LOG.warn("generic payment webhook refused: {}", e.getMessage());
            return HttpResponse.badRequest(new ApiError("Refused; nothing was recorded: " + e.getMessage(), List.of()));
        }
        PaymentNotice notice;
        try {
            notice = GenericPayments.read(rawBody);
        } catch (GenericPayments.Unreadable e) {
            return HttpResponse.badRequest(new ApiError("Refused; nothing was recorded: " + e.getMessage(), List.of()));
        }
        return HttpResponse.ok(answer(payments.take(notice), notice.eventId()));
    }

    private static Map<String, Object> answer(RecordPayment.Result r, String eventId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", eventId);
        out.put("outcome", r.outcome().name());
        out.put("replayed", r.replayed());
        out.put("matterNumber", r.matterNumber());
        out.put("detail", r.detail());
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
