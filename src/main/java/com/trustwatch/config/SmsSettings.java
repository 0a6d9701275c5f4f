package com.trustwatch.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.LocalTime;
import java.util.List;

/**
 * trustwatch.sms.*: text messages to billing contacts through Twilio. The SMS channel is in use when
 * the Twilio connector is configured (account SID, auth token, and a Messaging Service SID or a From
 * number), unless {@code enabled} is set to false; {@code enabled: true} without the connector stops
 * startup. While it is not in use Trustwatch sends no text message and the compliance rules about
 * consent to texts stay silent (a flag about a channel that is not in use is noise). A text goes only
 * to a number whose consent is recorded with its source and time, never after STOP, and never in the
 * recipient's quiet hours.
 *
 * @param enabled             null (default): on exactly when Twilio is configured; false: off; true: Twilio required
 * @param accountSid          Twilio account SID ({@code AC...})
 * @param authToken           Twilio auth token: signs Twilio's webhooks to Trustwatch and authenticates its calls
 * @param messagingServiceSid the Messaging Service texts are sent from ({@code MG...}; preferred)
 * @param fromNumber          the sending number in E.164, when no Messaging Service is set
 * @param publicBaseUrl       the URL Twilio calls Trustwatch at (e.g. https://trust.firm.example), which
 *                            signs inbound webhooks; the service behind a proxy cannot see it itself
 * @param apiBaseUrl          where Twilio's API is reached, only to point it at a stand-in in tests (null: Twilio)
 * @param quietStart          no text before this local time in the recipient's time zone (default 08:00)
 * @param quietEnd            nor from this time on (default 21:00)
 * @param timeZones           the time zones a recipient with none recorded may be in: a text goes only while
 *                            it is outside quiet hours in all of them (default the four continental US zones)
 */
@ConfigurationProperties("trustwatch.sms")
public record SmsSettings(
        @Nullable Boolean enabled,
        @Nullable String accountSid,
        @Nullable String authToken,
        @Nullable String messagingServiceSid,
        @Nullable String fromNumber,
        @Nullable String publicBaseUrl,
        @Nullable String apiBaseUrl,
        @Bindable(defaultValue = "08:00") LocalTime quietStart,
        @Bindable(defaultValue = "21:00") LocalTime quietEnd,
        @Nullable List<String> timeZones) {

    public SmsSettings {
        if (Boolean.TRUE.equals(enabled) && !twilioConfigured(accountSid, authToken, messagingServiceSid, fromNumber)) {
            throw new IllegalStateException("trustwatch.sms.enabled is true but the Twilio connector is not configured:"
                    + " set trustwatch.sms.account-sid, trustwatch.sms.auth-token and trustwatch.sms.messaging-service-sid"
                    + " (or trustwatch.sms.from-number)");
        }
    }

    /** Email only: no SMS connector. */
    public static SmsSettings off() {
        return new SmsSettings(false, null, null, null, null, null, null, LocalTime.of(8, 0), LocalTime.of(21, 0), null);
    }

    /** Whether the Twilio connector is configured. */
    public boolean twilioConfigured() {
        return twilioConfigured(accountSid, authToken, messagingServiceSid, fromNumber);
    }

    /** Whether text messages can be sent: the connector is configured and not switched off. */
    public boolean inUse() {
        return !Boolean.FALSE.equals(enabled) && twilioConfigured();
    }

    /** The zones assumed for a recipient whose own is not recorded. */
    public List<String> assumedTimeZones() {
        return timeZones == null || timeZones.isEmpty()
                ? List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles") : timeZones;
    }

    private static boolean twilioConfigured(String sid, String token, String service, String from) {
        return notBlank(sid) && notBlank(token) && (notBlank(service) || notBlank(from));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
