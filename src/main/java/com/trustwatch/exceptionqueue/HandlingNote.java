package com.trustwatch.exceptionqueue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of acknowledge and resolve: what the person did or will do. */
@Serdeable
public record HandlingNote(@Nullable String note) {
}
