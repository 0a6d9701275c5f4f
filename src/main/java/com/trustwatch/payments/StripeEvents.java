package com.trustwatch.payments;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Stripe's webhook, read with the official stripe-java SDK: {@code Webhook.constructEvent} checks the
 * {@code Stripe-Signature} header over the exact raw body (HMAC-SHA256 with the endpoint's secret) and
 * refuses a timestamp older than the tolerance; a timestamp further ahead than the tolerance is refused
 * here too (the SDK lets those pass). The payment is read from the event's raw {@code data.object},
 * whatever API version the endpoint renders (the SDK's typed objects are empty across release trains).
 *
 * <p>A trust payment link carries the matter number in its metadata ({@code matter_number}). The events
 * that report money: {@code checkout.session.completed} and {@code checkout.session.async_payment_succeeded}
 * (paid only when {@code payment_status} is {@code paid}), and {@code payment_intent.succeeded}. One
 * payment fires a session event and a PaymentIntent event: both name the PaymentIntent, which keys the deposit.
 */
final class StripeEvents {

    private StripeEvents() {
    }

    /** The signature was refused or the body is no event. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    static Event verify(String rawBody, String header, String secret, long toleranceSeconds, Clock clock) throws Refused {
        if (header == null || header.isBlank()) {
            throw new Refused("no Stripe-Signature header");
        }
        try {
            Event event = Webhook.constructEvent(rawBody, header, secret, toleranceSeconds, clock);
            long t = timestamp(header);
            if (t > clock.instant().getEpochSecond() + toleranceSeconds) {
                throw new Refused("Stripe-Signature: timestamp " + t + " is more than " + toleranceSeconds + " s ahead");
            }
            return event;
        } catch (SignatureVerificationException e) {
            throw new Refused("Stripe-Signature: " + e.getMessage());
        } catch (JsonParseException e) {
            throw new Refused("the body is not a Stripe event (not JSON)");
        }
    }

    private static long timestamp(String header) {
        for (String item : header.split(",")) {
            String[] kv = item.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    return Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return Long.MAX_VALUE;
    }

    /** The payment the event reports, or empty for an event type that reports none. */
    static Optional<PaymentNotice> read(Event event, ZoneId firmZone) {
        String type = event.getType();
        if (type == null) {
            return Optional.empty();
        }
        boolean session = type.equals("checkout.session.completed") || type.equals("checkout.session.async_payment_succeeded");
        boolean intent = type.equals("payment_intent.succeeded");
        if (!session && !intent) {
            return Optional.empty();
        }
        JsonObject object;
        try {
            object = JsonParser.parseString(event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
        } catch (RuntimeException e) {
            return Optional.of(problem(event, "the event carries no readable data.object"));
        }
        String matter = metadata(object, "matter_number");
        String currency = text(object, "currency");
        Long cents;
        String paymentId;
        boolean paid;
        try {
            if (session) {
                cents = number(object, "amount_total");
                paymentId = text(object, "payment_intent");
                paid = "paid".equals(text(object, "payment_status"));
                if (paymentId == null) {
                    paymentId = text(object, "id");
                }
            } else {
                cents = number(object, "amount_received");
                if (cents == null) {
                    cents = number(object, "amount");
                }
                paymentId = text(object, "id");
                paid = "succeeded".equals(text(object, "status"));
            }
        } catch (RuntimeException e) {
            return Optional.of(problem(event, "the amount is not a whole number of cents"));
        }
        BigDecimal amount = cents == null ? null : BigDecimal.valueOf(cents, minorDigits(currency));
        LocalDate paidOn = event.getCreated() == null ? null
                : LocalDate.ofInstant(Instant.ofEpochSecond(event.getCreated()), firmZone);
        return Optional.of(new PaymentNotice("stripe", event.getId(), type, paymentId, matter, amount, currency,
                method(object), paidOn, paid, null));
    }

    /**
     * How many decimals Stripe's whole-number amounts carry for {@code currency}: Stripe sends the
     * smallest unit (cents for USD, yen for JPY, fils for KWD), which is ISO 4217's minor unit
     * ({@link Currency#getDefaultFractionDigits}); 2 for a code the JDK does not know. Only USD is
     * recorded; another currency's amount is written in the refusal people read.
     */
    static int minorDigits(@Nullable String currency) {
        if (currency == null) {
            return 2;
        }
        try {
            int digits = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /**
     * The clearing method: ACH debit when that is the only method the payment allowed, otherwise a card
     * (the session and the PaymentIntent list the methods allowed, not the one used; docs/operations.md).
     */
    private static String method(JsonObject object) {
        JsonElement types = object.get("payment_method_types");
        if (types != null && types.isJsonArray() && types.getAsJsonArray().size() == 1
                && "us_bank_account".equals(types.getAsJsonArray().get(0).getAsString())) {
            return "ach";
        }
        return "card";
    }

    private static PaymentNotice problem(Event event, String problem) {
        return new PaymentNotice("stripe", event.getId(), event.getType(), null, null, null, null, null, null, true, problem);
    }

    private static String metadata(JsonObject o, String key) {
        JsonElement md = o.get("metadata");
        return md == null || !md.isJsonObject() ? null : text(md.getAsJsonObject(), key);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static Long number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return e.getAsBigDecimal().longValueExact();
    }
}
