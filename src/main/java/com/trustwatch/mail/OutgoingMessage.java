package com.trustwatch.mail;

import java.util.List;

/**
 * A composed message, ready for any mailer. {@code messageId} is derived from the actions it carries,
 * so a message sent twice (a crash between the SMTP server's OK and our commit) is recognisably the same.
 */
public record OutgoingMessage(String messageId, String fromAddress, String fromName, String replyTo,
                              List<String> to, List<String> cc, List<String> bcc,
                              String subject, String text, String html) {
}
