package com.trustwatch.mail;

/** Delivers a composed message: over SMTP in production and tests, to a folder of .eml files for a newcomer. */
public interface Mailer {

    /** @throws MailException when the message was not accepted; the dispatcher retries */
    void send(OutgoingMessage message);
}
