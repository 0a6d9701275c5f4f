package com.trustwatch.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * The firm's own settings (trustwatch.firm.*): its name, the internal people who receive alerts when
 * a matter names nobody, the payment link, and the calendar the escalation ladder counts in.
 *
 * @param paymentLinkTemplate URL with {matterNumber}, {clientId} and {amount} placeholders
 * @param holidays            firm holidays (ISO dates) the ladder skips like weekends
 * @param timeZone            the firm's time zone (a region such as {@code America/Los_Angeles}); its
 *                            date is "today" for the book (see {@link FirmTime}); absent: the host's zone
 */
@ConfigurationProperties("trustwatch.firm")
public record FirmSettings(
        @Bindable(defaultValue = "Trustwatch Demo LLP") String name,
        @Bindable(defaultValue = "trust@firm.example") String fromAddress,
        @Nullable String billingManagerEmail,
        @Nullable String bookkeeperEmail,
        @Nullable String practiceGroupLeaderEmail,
        @Nullable String managingPartnerEmail,
        @Bindable(defaultValue = "false") boolean bccBookkeeperOnRequests,
        @Bindable(defaultValue = "https://pay.firm.example/trust?matter={matterNumber}&amount={amount}") String paymentLinkTemplate,
        @Nullable List<String> holidays,
        @Nullable String timeZone) {

    public String paymentLink(String matterNumber, String clientId, String amount) {
        return paymentLinkTemplate.replace("{matterNumber}", encode(matterNumber))
                .replace("{clientId}", encode(clientId)).replace("{amount}", encode(amount));
    }

    private static String encode(String v) {
        return java.net.URLEncoder.encode(v == null ? "" : v, java.nio.charset.StandardCharsets.UTF_8);
    }
}
