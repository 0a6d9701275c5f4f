package com.trustwatch.reports;

import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Report emails as prepared ({@code report_mail}, {@code report_mail_attachment}): once per key (the
 * month), with the subject, both parts of the body and the attached files exactly as they will be
 * sent, so that a retry or a "send again" sends what was prepared, whenever it goes out.
 */
@Singleton
@Owns({"report_mail", "report_mail_attachment"})
public class ReportMails {

    /** A file sent with a report email. */
    public record File(String name, String contentType, byte[] content) {
    }

    /** A report email as prepared. */
    public record Mail(long id, String key, String month, String recipient, String recipientName, String subject,
                       String text, String html, String requestedBy, LocalDateTime createdAt, List<File> files) {
    }

    private final JdbcOperations jdbc;

    public ReportMails(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a report email unless one with its key was stored before, in the caller's transaction.
     *
     * @return its id, or empty when the key was taken (the mail stored under it stays as it was)
     */
    @Transactional
    public Optional<Long> add(String key, String month, String recipient, String recipientName, String subject,
                              String text, String html, List<File> files, String requestedBy, LocalDateTime now) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT IGNORE INTO report_mail (mail_key, report_month,"
                    + " recipient, recipient_name, subject, body_text, body_html, requested_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, month);
                ps.setString(3, recipient);
                ps.setString(4, recipientName);
                ps.setString(5, subject);
                ps.setString(6, text);
                ps.setString(7, html);
                ps.setString(8, requestedBy);
                ps.setObject(9, now);
                if (ps.executeUpdate() == 0) {
                    return Optional.<Long>empty();
                }
            }
            long id;
            try (PreparedStatement q = conn.prepareStatement("SELECT id FROM report_mail WHERE mail_key = ?")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO report_mail_attachment (report_mail_id, seq,"
                    + " file_name, content_type, content) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < files.size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, files.get(i).name());
                    ps.setString(4, files.get(i).contentType());
                    ps.setBytes(5, files.get(i).content());
                    ps.addBatch();
                }
                if (!files.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return Optional.of(id);
        });
    }

    /** The report email stored under {@code key}, with its files. */
    @Transactional(readOnly = true)
    public Optional<Mail> byKey(String key) {
        return find("mail_key = ?", key);
    }

    /** The report email {@code id}, with its files. */
    @Transactional(readOnly = true)
    public Optional<Mail> byId(long id) {
        return find("id = ?", id);
    }

    private Optional<Mail> find(String where, Object value) {
        return jdbc.execute(conn -> {
            Mail found;
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, mail_key, report_month, recipient,"
                    + " recipient_name, subject, body_text, body_html, requested_by, created_at FROM report_mail WHERE "
                    + where)) {
                ps.setObject(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Mail>empty();
                    }
                    found = new Mail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getObject(10, LocalDateTime.class), List.of());
                }
            }
            List<File> files = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT file_name, content_type, content"
                    + " FROM report_mail_attachment WHERE report_mail_id = ? ORDER BY seq")) {
                ps.setLong(1, found.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        files.add(new File(rs.getString(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
            return Optional.of(new Mail(found.id(), found.key(), found.month(), found.recipient(), found.recipientName(),
                    found.subject(), found.text(), found.html(), found.requestedBy(), found.createdAt(), List.copyOf(files)));
        });
    }
}
