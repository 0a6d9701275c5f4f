package com.trustwatch.exceptionqueue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of acknowledge, resolve and an outbox retry: what the person did or will do,
 * {@code {"note": "..."}}. The note is a JSON string; any other field is refused.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record HandlingNote(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String note) {
}
