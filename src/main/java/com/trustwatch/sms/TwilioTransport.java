package com.trustwatch.sms;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.config.SmsSettings;
import com.trustwatch.db.Columns;
import com.trustwatch.matter.Matter;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxTransport;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's SMS channel, through Twilio's official SDK (one attempt per call; the outbox retries).
 * Right before sending it checks what may have changed since the text was queued: the number's
 * consent (a STOP withdraws it: the text is WITHHELD, never sent), and the recipient's quiet hours (the
 * text waits until the morning without counting an attempt). Twilio's answer 21610 (the number
 * unsubscribed with Twilio) withdraws the consent here too. The text is short and carries the payment link.
 */
@Singleton
class TwilioTransport implements OutboxTransport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.US);

    private final SmsSettings settings;
    private final FirmSettings firm;
    private final SmsConsents consents;
    private final RecordConsent recordConsent;
    private volatile TwilioRestClient client;

    TwilioTransport(SmsSettings settings, FirmSettings firm, SmsConsents consents, RecordConsent recordConsent) {
        this.settings = settings;
        this.firm = firm;
        this.consents = consents;
        this.recordConsent = recordConsent;
    }

    @Override
    public String channel() {
        return Channels.CLIENT_SMS;
    }

    @Override
    public Outcome deliver(List<Outbox.ClaimedRow> rows, List<RecordedAction> actions, Map<String, Matter> matters,
                           int attempt, LocalDateTime now) throws Failure {
        if (!settings.inUse()) {
            return new Withheld("text not sent: the SMS channel is not in use (no Twilio connector configured)");
        }
        if (actions.isEmpty()) {
            return new Withheld("text not sent: its action is gone");
        }
        PlannedAction a = actions.get(0).action();
        Matter m = matters.get(a.matterNumber());
        Optional<String> phone = m == null ? Optional.empty() : PhoneNumbers.e164(m.billingContactPhone());
        if (phone.isEmpty()) {
            return new Withheld("text not sent: the billing contact's number ("
                    + (m == null ? "no matter" : String.valueOf(m.billingContactPhone())) + ") is not a mobile number in a form Trustwatch reads");
        }
        Optional<SmsConsents.Consent> consent = consents.find(phone.get());
        if (consent.isEmpty()) {
            return new Withheld("text to " + phone.get() + " not sent: no consent to texts is recorded for the number");
        }
        if (!consent.get().granted()) {
            return new Withheld("text to " + phone.get() + " not sent: consent was withdrawn on " + consent.get().givenAt()
                    + " (UTC) (" + consent.get().source() + ")");
        }
        List<ZoneId> zones = consent.get().timeZone() == null
                ? settings.assumedTimeZones().stream().map(ZoneId::of).toList() : List.of(ZoneId.of(consent.get().timeZone()));
        Instant at = now.toInstant(ZoneOffset.UTC);
        Optional<Instant> held = new QuietHours(settings.quietStart(), settings.quietEnd()).heldUntil(at, zones);
        if (held.isPresent()) {
            return new Postponed(LocalDateTime.ofInstant(held.get(), ZoneOffset.UTC), "text to " + phone.get()
                    + " held for the recipient's quiet hours (no texts before " + settings.quietStart() + " or from "
                    + settings.quietEnd() + " in " + zones + ") until " + held.get());
        }
        String body = text(a, m);
        try {
            var creator = settings.messagingServiceSid() != null && !settings.messagingServiceSid().isBlank()
                    ? Message.creator(new PhoneNumber(phone.get()), settings.messagingServiceSid(), body)
                    : Message.creator(new PhoneNumber(phone.get()), new PhoneNumber(settings.fromNumber()), body);
            Message sent = creator.create(client());
            return new Sent(sent.getSid(), "texted " + a.type() + (a.code() == null ? "" : " " + a.code()) + " to "
                    + phone.get() + " as Twilio message " + sent.getSid() + " (" + sent.getStatus() + ")");
        } catch (TwilioClients.Retryable e) {
            throw new Failure("Twilio answered " + e.getMessage() + (e.getCode() == null ? "" : ", error " + e.getCode()),
                    false, e.retryAfter().orElse(null));
        } catch (ApiConnectionException e) {
            throw new Failure("Twilio could not be reached: " + e.getMessage(), false, null);
        } catch (ApiException e) {
            if (e.getCode() == null && e.getStatusCode() == null) {
                // the SDK reports a refused or reset connection as a bare ApiException
                throw new Failure("Twilio could not be reached: " + e.getMessage(), false, null);
            }
            if (Integer.valueOf(21610).equals(e.getCode())) {
                recordConsent.record(phone.get(), SmsConsents.Status.REVOKED, "Twilio error 21610: the number has"
                        + " unsubscribed (replied STOP to the sending number)", null, "twilio", null);
                return new Withheld("text to " + phone.get() + " not sent: Twilio reports the number unsubscribed"
                        + " (error 21610); consent is now recorded as withdrawn");
            }
            throw new Failure("Twilio refused the text: " + e.getMessage() + " (error " + e.getCode() + ")", true, null);
        }
    }

    /** The text: who it is from, which matter, how much by when, the payment link, how to stop. */
    String text(PlannedAction a, Matter m) {
        String matter = Columns.cut(m.matterName(), 40) + " (" + m.matterNumber() + ")";
        String amount = a.amount() == null ? "" : Money.letter(a.amount());
        String by = a.deadline() == null ? "" : " by " + a.deadline().format(DAY);
        String link = firm.paymentLink(m.matterNumber(), m.clientId(), a.amount() == null ? "" : Money.json(a.amount()));
        String lead = "CLIENT_FOLLOW_UP".equals(a.code())
                ? "Reminder from " + firm.name() + ": the trust retainer request for " + matter + " is unpaid."
                : firm.name() + ": the trust retainer for " + matter + " needs replenishing.";
        return lead + (amount.isEmpty() ? "" : " Please deposit " + amount + by + ":") + " " + link
                + " Reply STOP to opt out.";
    }

    private TwilioRestClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = TwilioClients.create(settings.accountSid(), settings.authToken(), settings.apiBaseUrl());
                }
            }
        }
        return client;
    }
}
