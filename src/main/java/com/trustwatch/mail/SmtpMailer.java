package com.trustwatch.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.email.EmailException;
import io.micronaut.email.javamail.sender.JavaxEmailSender;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;

/** Sends through micronaut-email's JavaMail sender to the SMTP server in javamail.properties. */
@Singleton
@Requires(property = "trustwatch.mail.mode", value = "smtp")
class SmtpMailer implements Mailer {

    private final JavaxEmailSender sender;

    SmtpMailer(JavaxEmailSender sender) {
        this.sender = sender;
    }

    @Override
    public void send(OutgoingMessage message) {
        try {
            sender.send(EmailMessages.toEmail(message).build(), mime -> {
                try {
                    mime.setHeader("Message-ID", message.messageId());
                } catch (MessagingException e) {
                    throw new EmailException(e);
                }
            });
        } catch (RuntimeException e) {
            throw new MailException("SMTP delivery failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
