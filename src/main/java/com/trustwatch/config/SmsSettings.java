package com.trustwatch.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.sms.*: text messages to billing contacts. Off by default: Trustwatch sends no text
 * message until an SMS connector is configured and this is switched on, and until then the
 * compliance rules about consent to texts stay silent (a flag about a channel that is not in use
 * is noise). The SMS connector keeps its own settings in this record, so the switch is in one place.
 *
 * @param enabled whether text messages can be sent (default false)
 */
@ConfigurationProperties("trustwatch.sms")
public record SmsSettings(@Bindable(defaultValue = "false") boolean enabled) {
}
