package com.trustwatch.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.mail.*: where mail goes ({@code smtp}, or {@code folder} for the embedded default),
 * the folder for .eml files, an optional folder of firm-edited templates, and the delivery policy.
 */
@ConfigurationProperties("trustwatch.mail")
public record MailSettings(
        @Bindable(defaultValue = "folder") String mode,
        @Bindable(defaultValue = "trustwatch-data/mail") String folder,
        @Nullable String templatesDir,
        @Bindable(defaultValue = "6") int maxAttempts,
        @Bindable(defaultValue = "30") int retryBaseSeconds,
        @Bindable(defaultValue = "3600") int retryCapSeconds,
        @Bindable(defaultValue = "300") int claimSeconds) {
}
