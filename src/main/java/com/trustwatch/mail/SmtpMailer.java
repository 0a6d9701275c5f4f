package com.trustwatch.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.email.EmailException;
import io.micronaut.email.javamail.sender.JavaxEmailSender;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

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
            boolean permanent = permanent(e);
            throw new MailException((permanent ? "SMTP server refused the message for good: " : "SMTP delivery failed: ")
                    + rootMessage(e), e, permanent);
        }
    }

    /**
     * Whether no retry can deliver: the server answered 5xx (RFC 5321 4.2.1: a permanent negative
     * reply, such as 550 for a mailbox that does not exist or 553 for an address it will not take),
     * or an address could not be written at all. A 4xx reply or a connection that failed is transient.
     */
    static boolean permanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AddressException) {
                return true;
            }
            int code = t instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : t instanceof SMTPSendFailedException s ? s.getReturnCode()
                    : t instanceof SMTPSenderFailedException f ? f.getReturnCode() : 0;
            if (code >= 500 && code <= 599) {
                return true;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && permanent(m.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
