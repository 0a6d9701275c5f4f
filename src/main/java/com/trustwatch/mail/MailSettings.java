package com.trustwatch.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * trustwatch.mail.*: where mail goes ({@code smtp}, or {@code folder} for the embedded default),
 * the folder for .eml files, an optional folder of firm-edited templates, and the delivery policy:
 * attempts, backoff, how long a dispatcher may hold a claim, and how often the dispatcher looks
 * for due messages.
 */
@ConfigurationProperties("trustwatch.mail")
public record MailSettings(
        @Bindable(defaultValue = "folder") String mode,
        @Bindable(defaultValue = "trustwatch-data/mail") String folder,
        @Nullable String templatesDir,
        @Bindable(defaultValue = "6") int maxAttempts,
        @Bindable(defaultValue = "30") int retryBaseSeconds,
        @Bindable(defaultValue = "3600") int retryCapSeconds,
        @Bindable(defaultValue = "300") int claimSeconds,
        @Bindable(defaultValue = "30s") Duration dispatchInterval,
        @Bindable(defaultValue = "5s") Duration dispatchInitialDelay) {
}
