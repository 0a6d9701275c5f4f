package com.trustwatch.sms;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.Timestamps;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Records consent to texts, or its withdrawal, with the audit entry that proves it, in one
 * transaction: from a person at the firm (over the API), from the client's own keyword (STOP, START),
 * or from Twilio reporting the number unsubscribed.
 */
@Singleton
public class RecordConsent {

    private final SmsConsents consents;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public RecordConsent(SmsConsents consents, AuditLog audit, TransactionOperations<Connection> tx, Clock clock) {
        this.consents = consents;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** @param givenAt when the client gave or withdrew it; null: now */
    public SmsConsents.Consent record(String phone, SmsConsents.Status status, String source, LocalDateTime givenAt,
                                      String actor, String timeZone) {
        return tx.executeWrite(s -> {
            LocalDateTime now = Timestamps.now(clock);
            LocalDateTime when = givenAt == null ? now : givenAt;
            consents.record(phone, status, source, when, actor, timeZone, now);
            audit.append(AuditRecord.of(AuditKind.SMS_CONSENT_CHANGED, actor, "consent to texts at " + phone + " "
                    + (status == SmsConsents.Status.GRANTED ? "granted" : "withdrawn") + " on " + when + " (UTC): " + source
                    + (timeZone == null ? "" : "; time zone " + timeZone)));
            return consents.find(phone).orElseThrow();
        });
    }
}
