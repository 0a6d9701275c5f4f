package com.trustwatch.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A webhook subscription as sent: {@code {"url": "https://...", "events": ["matter.stop_work"], "secret": "..."}}
 * (events absent: every type; secret absent: one is made). An unknown field is refused.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SubscriptionRequest(
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String url,
        @Nullable @Serdeable.Deserializable(using = StrictJson.TextList.class) List<String> events,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String secret) {
}
