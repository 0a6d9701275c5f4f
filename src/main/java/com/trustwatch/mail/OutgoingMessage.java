package com.trustwatch.mail;

import java.util.List;

/**
 * A composed message, ready for any mailer. {@code messageId} is derived from the actions it carries,
 * so a message sent twice (a crash between the SMTP server's OK and our commit) is recognisably the same.
 * The subject and the display name are folded onto one line ({@link HeaderText}): no value from data
 * can break a header or start one. An address with a line break, a control character or a space
 * cannot be folded without changing it, and is refused ({@link UndeliverableMessage}).
 * {@code attachments} are files sent with the message (the monthly reports' CSVs); most messages have none.
 */
public record OutgoingMessage(String messageId, String fromAddress, String fromName, String replyTo,
                              List<String> to, List<String> cc, List<String> bcc,
                              String subject, String text, String html, List<Attachment> attachments) {

    /**
     * A file sent with a message.
     *
     * @param fileName    the name the reader's mail program shows and saves it under; folded onto one line
     * @param contentType its media type, {@code text/csv; charset=utf-8} for a report
     */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public Attachment {
            fileName = HeaderText.fold(fileName, HeaderText.DISPLAY_NAME);
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** A message without attachments. */
    public OutgoingMessage(String messageId, String fromAddress, String fromName, String replyTo, List<String> to,
                           List<String> cc, List<String> bcc, String subject, String text, String html) {
        this(messageId, fromAddress, fromName, replyTo, to, cc, bcc, subject, text, html, List.of());
    }

    public OutgoingMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        subject = HeaderText.fold(subject, HeaderText.SUBJECT);
        fromName = HeaderText.fold(fromName, HeaderText.DISPLAY_NAME);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        for (List<String> list : List.of(to, cc, bcc, replyTo == null ? List.<String>of() : List.of(replyTo),
                List.of(fromAddress))) {
            for (String address : list) {
                if (address == null || address.isEmpty() || !HeaderText.isClean(address) || address.contains(" ")) {
                    throw new UndeliverableMessage("the address '" + HeaderText.fold(String.valueOf(address), 80)
                            + "' holds a line break, a control character or a space: no message can be addressed to it"
                            + " (correct it on the matter or in the firm settings)");
                }
            }
        }
    }
}
