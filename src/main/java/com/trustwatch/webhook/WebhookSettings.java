package com.trustwatch.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * trustwatch.webhooks.*: delivery of signed events.
 *
 * @param timeout   how long one delivery may take, connection and answer (default 10s)
 * @param allowHttp whether a subscription may use plain http (default false: https only; a local test
 *                  receiver is the only reason to turn it on)
 */
@ConfigurationProperties("trustwatch.webhooks")
public record WebhookSettings(@Bindable(defaultValue = "10s") Duration timeout,
                              @Bindable(defaultValue = "false") boolean allowHttp) {
}
