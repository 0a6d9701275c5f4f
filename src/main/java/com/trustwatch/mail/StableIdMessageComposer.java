package com.trustwatch.mail;

import com.trustwatch.config.FirmTime;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.Email;
import io.micronaut.email.javamail.composer.DefaultMessageComposer;
import io.micronaut.email.javamail.composer.MessageComposer;
import jakarta.inject.Singleton;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Enumeration;
import java.util.TimeZone;

/**
 * Composes messages like micronaut-email's default composer, into a MimeMessage that keeps a
 * Message-ID once one is set. JavaMail otherwise replaces it with a random one on every send, and a
 * deterministic Message-ID is how a duplicate after a crash is recognised. The Date header is the
 * injected clock's instant in the firm's time zone (RFC 5322 form, e.g. {@code Fri, 20 Nov 2026
 * 09:00:00 -0500}), so a letter is never dated by a clock other than the one its deadlines and
 * balance dates come from; JavaMail would otherwise stamp the machine's clock on every send.
 */
@Singleton
@Replaces(DefaultMessageComposer.class)
class StableIdMessageComposer implements MessageComposer {

    private final DefaultMessageComposer delegate = new DefaultMessageComposer();
    private final Clock clock;
    private final FirmTime firmTime;

    StableIdMessageComposer(Clock clock, FirmTime firmTime) {
        this.clock = clock;
        this.firmTime = firmTime;
    }

    @Override
    public Message compose(Email email, Session session) throws MessagingException {
        Message composed = delegate.compose(email, session);
        StableIdMimeMessage stable = new StableIdMimeMessage(session);
        for (Enumeration<Header> headers = composed.getAllHeaders(); headers.hasMoreElements(); ) {
            Header h = headers.nextElement();
            stable.addHeader(h.getName(), h.getValue());
        }
        MailDateFormat date = new MailDateFormat();
        date.setTimeZone(TimeZone.getTimeZone(firmTime.zone()));
        stable.setHeader("Date", date.format(Date.from(clock.instant())));
        try {
            stable.setContent((Multipart) composed.getContent());
        } catch (IOException e) {
            throw new MessagingException("cannot copy the composed message", e);
        }
        return stable;
    }

    /** Keeps an explicitly set Message-ID through saveChanges(). */
    static final class StableIdMimeMessage extends MimeMessage {
        StableIdMimeMessage(Session session) {
            super(session);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
