package com.trustwatch.reports;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.mail.OutgoingMessage;
import com.trustwatch.mail.UndeliverableMessage;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.Delivery;
import com.trustwatch.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Queues the monthly email of the three reports to the trust-account supervisor: the reports of the
 * month worked out by {@link TrustReports} (the Reports pages' own figures), written by
 * {@link MonthlyReportLetter} with the three CSV downloads attached, stored ({@link ReportMails}) and
 * put in the outbox in one transaction with an audit entry; the dispatcher delivers it
 * ({@link ReportMailTransport}) like every other message, with retries and dead letters.
 *
 * <p>Once per month: the key {@code monthly-reports:YYYY-MM} is unique, so a second trigger for the
 * same month (the scheduler retrying, two replicas) queues nothing and answers with the email queued
 * the first time. Nothing is prepared while no supervisor address is configured.
 */
@Singleton
public class SendMonthlyReports {

    /** The outbox's action type of a report email (shown beside dead letters). */
    public static final String TYPE = "MONTHLY_REPORTS";

    /**
     * The report email of a month.
     *
     * @param queuedNow  true when this call queued it, false when an earlier one had
     * @param preparedAt when it was prepared (UTC), by whom
     */
    public record Queued(String month, String to, boolean queuedNow, LocalDateTime preparedAt, String requestedBy,
                         String subject, List<String> attachments) {
    }

    /** No supervisor address is configured, or the one configured cannot be written into a message. */
    public static final class NotConfigured extends RuntimeException {
        NotConfigured(String message) {
            super(message);
        }
    }

    private final TrustReports reports;
    private final ReportMails mails;
    private final ReportSettings settings;
    private final FirmSettings firm;
    private final FirmTime firmTime;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final LockConflicts conflicts;
    private final Clock clock;

    public SendMonthlyReports(TrustReports reports, ReportMails mails, ReportSettings settings, FirmSettings firm,
                              FirmTime firmTime, Outbox outbox, AuditLog audit, TransactionOperations<Connection> tx,
                              LockConflicts conflicts, Clock clock) {
        this.reports = reports;
        this.mails = mails;
        this.settings = settings;
        this.firm = firm;
        this.firmTime = firmTime;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** The idempotency key of a month's report email. */
    public static String key(YearMonth month) {
        return "monthly-reports:" + month;
    }

    /**
     * Queues the email of {@code month}'s reports, unless it was queued before.
     *
     * @param month a complete month (the caller checks it is over in the firm's time zone)
     * @param user  who asked, for the audit trail
     * @throws NotConfigured when {@code trustwatch.reports.supervisor-email} is absent or not one address
     */
    public Queued queue(YearMonth month, String user) {
        String to = settings.address();
        if (to == null) {
            throw new NotConfigured("trustwatch.reports.supervisor-email is not set, so no report email is prepared or"
                    + " sent; set it to the trust-account supervisor's address (docs/operations.md, \"Monthly reports\")");
        }
        String key = key(month);
        Optional<ReportMails.Mail> before = mails.byKey(key);
        if (before.isPresent()) {
            return queued(before.get(), false);
        }
        LocalDate today = firmTime.today();
        TrustReports.Activity activity = reports.activity(month, today);
        TrustReports.TrustAging aging = reports.trustAging(today);
        TrustReports.Replenishment replenishment = reports.replenishment(today);
        List<ReportMails.File> files = List.of(csv(activity.csvName(), activity.csv()), csv(aging.csvName(), aging.csv()),
                csv(replenishment.csvName(), replenishment.csv()));
        MonthlyReportLetter.Written letter = MonthlyReportLetter.write(month, today, firm.name(), settings.supervisorName(),
                activity, aging, replenishment, files.stream().map(ReportMails.File::name).toList());
        try {
            // the same checks the mailer's message applies, before anything is stored
            new OutgoingMessage("<check@trustwatch>", firm.fromAddress(), firm.name(), null, List.of(to), List.of(),
                    List.of(), letter.subject(), letter.text(), letter.html());
        } catch (UndeliverableMessage e) {
            throw new NotConfigured("trustwatch.reports.supervisor-email: " + e.getMessage());
        }
        LocalDateTime now = Timestamps.now(clock);
        Optional<Long> added = conflicts.retry("queueing the monthly reports for " + month, () -> tx.executeWrite(status -> {
            Optional<Long> id = mails.add(key, month.toString(), to, settings.supervisorName(), letter.subject(),
                    letter.text(), letter.html(), files, user, now);
            if (id.isEmpty()) {
                return id; // another trigger for this month was first
            }
            outbox.enqueueDue(List.of(new Delivery(null, "", null, TYPE, Channels.REPORT_EMAIL, key, null, null, id.get())),
                    now);
            audit.append(AuditRecord.of(AuditKind.REPORT_QUEUED, user, "monthly reports for " + month + " queued for "
                    + to + " with " + files.size() + " CSV files attached (" + String.join(", ",
                    files.stream().map(ReportMails.File::name).toList()) + ")"));
            return id;
        }));
        ReportMails.Mail mail = mails.byKey(key).orElseThrow();
        return queued(mail, added.isPresent());
    }

    private static ReportMails.File csv(String name, String content) {
        return new ReportMails.File(name, "text/csv; charset=utf-8", content.getBytes(StandardCharsets.UTF_8));
    }

    private static Queued queued(ReportMails.Mail mail, boolean now) {
        return new Queued(mail.month(), mail.recipient(), now, mail.createdAt(), mail.requestedBy(), mail.subject(),
                mail.files().stream().map(ReportMails.File::name).toList());
    }
}
