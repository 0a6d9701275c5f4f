package com.trustwatch.sms;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Consent to text messages ({@code sms_consent}), one row per mobile number in E.164: GRANTED or
 * REVOKED, its source (how it was given or withdrawn: "engagement letter signed 2026-01-05", "replied
 * STOP") and when. The TCPA puts the proof of consent on the sender: a text goes only to a GRANTED row.
 */
@Singleton
@Owns("sms_consent")
public class SmsConsents {

    public enum Status { GRANTED, REVOKED }

    /** One number's consent as recorded. */
    public record Consent(String phone, Status status, String source, LocalDateTime givenAt, String recordedBy,
                          String timeZone, LocalDateTime updatedAt) {

        public boolean granted() {
            return status == Status.GRANTED;
        }
    }

    private final JdbcOperations jdbc;

    public SmsConsents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Consent> find(String phone) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT phone, status, source, given_at, recorded_by,"
                    + " time_zone, updated_at FROM sms_consent WHERE phone = ?")) {
                ps.setString(1, phone);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Consent(rs.getString(1), Status.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getObject(4, LocalDateTime.class), rs.getString(5), rs.getString(6),
                            rs.getObject(7, LocalDateTime.class))) : Optional.<Consent>empty();
                }
            }
        });
    }

    /**
     * Records a number's consent or its withdrawal, in the caller's transaction. A time zone not given
     * keeps the one recorded before.
     */
    @Transactional
    public void record(String phone, Status status, String source, LocalDateTime givenAt, String recordedBy,
                       String timeZone, LocalDateTime now) {
        jdbc.execute(conn -> {
            String zone = timeZone;
            if (zone == null) {
                try (PreparedStatement q = conn.prepareStatement("SELECT time_zone FROM sms_consent WHERE phone = ?")) {
                    q.setString(1, phone);
                    try (ResultSet rs = q.executeQuery()) {
                        zone = rs.next() ? rs.getString(1) : null;
                    }
                }
            }
            try (PreparedStatement del = conn.prepareStatement("DELETE FROM sms_consent WHERE phone = ?")) {
                del.setString(1, phone);
                del.executeUpdate();
            }
            try (PreparedStatement ins = conn.prepareStatement("INSERT INTO sms_consent (phone, status, source, given_at,"
                    + " recorded_by, time_zone, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, phone);
                ins.setString(2, status.name());
                ins.setString(3, Columns.cut(source, 500));
                ins.setObject(4, givenAt);
                ins.setString(5, Columns.cut(recordedBy, 128));
                ins.setString(6, zone);
                ins.setObject(7, now);
                ins.executeUpdate();
            }
            return null;
        });
    }
}
