package com.trustwatch.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.payments.*: the payment webhooks. Each is off (answers 404) until its secret is set.
 *
 * @param stripeWebhookSecret   the Stripe endpoint's signing secret ({@code whsec_...})
 * @param genericWebhookSecret  the shared secret a generic processor signs with (Trustwatch-Signature)
 * @param toleranceSeconds      how far a signature's timestamp may be from now, either way (default 300)
 * @param recheckAfterDeposit   whether a recorded deposit is followed at once by an evaluation of its
 *                              matter, so that the rules close a low-balance episode it ends (default true)
 */
@ConfigurationProperties("trustwatch.payments")
public record PaymentSettings(
        @Nullable String stripeWebhookSecret,
        @Nullable String genericWebhookSecret,
        @Bindable(defaultValue = "300") long toleranceSeconds,
        @Bindable(defaultValue = "true") boolean recheckAfterDeposit) {
}
