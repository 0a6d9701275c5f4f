package com.trustwatch.exceptionqueue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;

/** One finding attached to an exception item: the action behind it, its code, severity and summary. */
@Serdeable
public record ExceptionFinding(long id, @Nullable Long actionId, @Nullable String code, @Nullable String severity,
                               @Nullable String ruleId, String summary, LocalDateTime foundAt) {
}
