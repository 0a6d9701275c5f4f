package com.trustwatch.outbox;

import java.util.Set;

/**
 * The outbox's delivery channels. Email goes through {@code mail/}; every other channel through the
 * {@link OutboxTransport} that names it, in its own package (text messages in {@code sms/}, signed
 * events in {@code webhook/}).
 */
public final class Channels {

    /** A client request or follow-up by email. */
    public static final String CLIENT_EMAIL = "CLIENT_EMAIL";
    /** An alert, escalation, flag or notice to people at the firm. */
    public static final String INTERNAL_EMAIL = "INTERNAL_EMAIL";
    /** A client request or follow-up as a text message, beside its email, only with recorded consent. */
    public static final String CLIENT_SMS = "CLIENT_SMS";
    /** A signed event to one webhook subscription. */
    public static final String WEBHOOK = "WEBHOOK";
    /** The monthly reports to the trust-account supervisor, delivered by {@code reports/}. */
    public static final String REPORT_EMAIL = "REPORT_EMAIL";

    public static final Set<String> EMAIL = Set.of(CLIENT_EMAIL, INTERNAL_EMAIL);

    private Channels() {
    }
}
