package com.trustwatch.sms;

import com.trustwatch.action.NewActionListener;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.SmsSettings;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.Delivery;
import com.trustwatch.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues a text beside the email of each new client request and follow-up, while the SMS channel is
 * in use, when the billing contact's mobile number has consent recorded (source and time). The text is
 * an outbox row of its own (channel CLIENT_SMS), held with the evaluation's other rows, retried and
 * dead-lettered like an email; consent and quiet hours are checked again when it is sent.
 */
@Singleton
class SmsQueue implements NewActionListener {

    private final SmsSettings settings;
    private final MatterRepository matters;
    private final SmsConsents consents;
    private final Outbox outbox;

    SmsQueue(SmsSettings settings, MatterRepository matters, SmsConsents consents, Outbox outbox) {
        this.settings = settings;
        this.matters = matters;
        this.consents = consents;
        this.outbox = outbox;
    }

    @Override
    public void recorded(String evaluationId, List<RecordedAction> fresh, LocalDate asOf, LocalDateTime now) {
        if (!settings.inUse()) {
            return;
        }
        // a request held for a person (issue 10) goes out, if at all, when released: by email, not by text
        List<RecordedAction> toClient = fresh.stream().filter(r -> r.action().toClient() && !r.action().held()).toList();
        if (toClient.isEmpty()) {
            return;
        }
        Map<String, Matter> byNumber = new HashMap<>();
        matters.findByMatterNumberIn(toClient.stream().map(RecordedAction::matterNumber).distinct().toList())
                .forEach(m -> byNumber.put(m.matterNumber(), m));
        List<Delivery> texts = new ArrayList<>();
        for (RecordedAction r : toClient) {
            Matter m = byNumber.get(r.matterNumber());
            Optional<String> phone = m == null ? Optional.empty() : PhoneNumbers.e164(m.billingContactPhone());
            if (phone.isPresent() && consents.find(phone.get()).map(SmsConsents.Consent::granted).orElse(false)) {
                texts.add(new Delivery(r.id(), evaluationId, r.matterNumber(), r.action().type().name(),
                        Channels.CLIENT_SMS, "sms:" + r.id()));
            }
        }
        outbox.enqueue(texts, now);
    }
}
