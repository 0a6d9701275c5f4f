package com.trustwatch.sms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Consent to texts as sent: {@code {"status": "GRANTED", "source": "engagement letter signed 2026-01-05",
 * "givenAt": "2026-01-05T15:30:00Z", "timeZone": "America/Chicago"}}. Every value is text; an unknown
 * field is refused. {@link ConsentController} checks the values.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ConsentRequest(
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String status,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String source,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String givenAt,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String timeZone) {
}
