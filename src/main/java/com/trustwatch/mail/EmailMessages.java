package com.trustwatch.mail;

import io.micronaut.email.Attachment;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;

/** Turns a composed message into micronaut-email's {@link Email}; both mailers share it. */
final class EmailMessages {

    private EmailMessages() {
    }

    static Email.Builder toEmail(OutgoingMessage m) {
        Email.Builder b = Email.builder()
                .from(new Contact(m.fromAddress(), m.fromName()))
                .subject(m.subject())
                .body(new MultipartBody(m.html(), m.text()));
        if (m.replyTo() != null) {
            b.replyTo(m.replyTo());
        }
        m.to().forEach(b::to);
        m.cc().forEach(b::cc);
        m.bcc().forEach(b::bcc);
        for (OutgoingMessage.Attachment a : m.attachments()) {
            b.attachment(Attachment.builder().filename(a.fileName()).contentType(a.contentType()).content(a.content())
                    .build());
        }
        return b;
    }
}
