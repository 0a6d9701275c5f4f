package com.trustwatch.payments;

import com.stripe.model.Event;
import com.stripe.net.ApiResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class StripeEventsTest {

    /** A documented checkout.session.completed event, created at {@code created}. */
    private static Event paidAt(Instant created) throws IOException {
        try (InputStream in = StripeEventsTest.class.getResourceAsStream("/connectors/stripe/checkout.session.completed.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("%EVENT_ID%", "evt_1")
                    .replace("%PAYMENT_INTENT%", "pi_1").replace("%MATTER%", "2026-0042").replace("%AMOUNT%", "376000")
                    .replace("%CURRENCY%", "usd").replace("%PAYMENT_STATUS%", "paid")
                    .replace("%CREATED%", Long.toString(created.getEpochSecond()));
            return ApiResource.GSON.fromJson(json, Event.class);
        }
    }

    @Test
    @DisplayName("a payment made at 18:00 Pacific on 20 November is a deposit of the 20th for a Californian firm, though UTC is on the 21st")
    void paidOnIsTheFirmsDate() throws IOException {
        Event event = paidAt(Instant.parse("2026-11-21T02:00:00Z"));
        assertThat(StripeEvents.read(event, ZoneId.of("America/Los_Angeles")).orElseThrow().paidOn())
                .isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(StripeEvents.read(event, ZoneId.of("America/New_York")).orElseThrow().paidOn())
                .isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(StripeEvents.read(event, ZoneId.of("Europe/London")).orElseThrow().paidOn())
                .isEqualTo(LocalDate.of(2026, 11, 21));
    }
}
