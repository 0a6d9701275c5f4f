package com.trustwatch.mail;

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
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.Enumeration;

/**
 * Composes messages like micronaut-email's default composer, into a MimeMessage that keeps a
 * Message-ID once one is set. JavaMail otherwise replaces it with a random one on every send, and a
 * deterministic Message-ID is how a duplicate after a crash is recognised.
 */
@Singleton
@Replaces(DefaultMessageComposer.class)
class StableIdMessageComposer implements MessageComposer {

    private final DefaultMessageComposer delegate = new DefaultMessageComposer();

    @Override
    public Message compose(Email email, Session session) throws MessagingException {
        Message composed = delegate.compose(email, session);
        StableIdMimeMessage stable = new StableIdMimeMessage(session);
        for (Enumeration<Header> headers = composed.getAllHeaders(); headers.hasMoreElements(); ) {
            Header h = headers.nextElement();
            stable.addHeader(h.getName(), h.getValue());
        }
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
