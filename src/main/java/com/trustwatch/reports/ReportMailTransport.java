package com.trustwatch.reports;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.mail.MailException;
import com.trustwatch.mail.Mailer;
import com.trustwatch.mail.OutgoingMessage;
import com.trustwatch.mail.UndeliverableMessage;
import com.trustwatch.matter.Matter;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxTransport;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Delivers a report email ({@link Channels#REPORT_EMAIL}) as it was prepared, through the same mailer
 * as every other message (SMTP, or the .eml folder). The dispatcher claims, retries, audits and makes
 * dead letters of it as of any other message. Its Message-ID comes from the month's key, so a copy
 * sent twice (a crash between the server's OK and the commit) is recognisably the same message.
 */
@Singleton
class ReportMailTransport implements OutboxTransport {

    private final ReportMails mails;
    private final Mailer mailer;
    private final FirmSettings firm;

    ReportMailTransport(ReportMails mails, Mailer mailer, FirmSettings firm) {
        this.mails = mails;
        this.mailer = mailer;
        this.firm = firm;
    }

    @Override
    public String channel() {
        return Channels.REPORT_EMAIL;
    }

    @Override
    public Outcome deliver(List<Outbox.ClaimedRow> rows, List<RecordedAction> actions, Map<String, Matter> matters,
                           int attempt, LocalDateTime now) throws Failure {
        Long id = rows.get(0).reportMailId();
        ReportMails.Mail mail = id == null ? null : mails.byId(id).orElse(null);
        if (mail == null) {
            throw new Failure("outbox row " + rows.get(0).id() + " names no stored report email", true, null);
        }
        OutgoingMessage message;
        try {
            message = new OutgoingMessage(messageId(mail.key()), firm.fromAddress(), firm.name(), null,
                    List.of(mail.recipient()), List.of(), List.of(), mail.subject(), mail.text(), mail.html(),
                    mail.files().stream().map(f -> new OutgoingMessage.Attachment(f.name(), f.contentType(), f.content()))
                            .toList());
            mailer.send(message);
        } catch (UndeliverableMessage e) {
            throw new Failure(e.getMessage(), true, null);
        } catch (MailException e) {
            throw new Failure(e.getMessage(), e.permanent(), null);
        }
        return new Sent(message.messageId(), "sent the monthly reports for " + mail.month() + " to " + mail.recipient()
                + " as " + message.messageId() + " with " + mail.files().size() + " CSV files attached");
    }

    /** From the month's key: the same email always has the same Message-ID. */
    static String messageId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<tw-" + HexFormat.of().formatHex(digest).substring(0, 40) + "@trustwatch>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
