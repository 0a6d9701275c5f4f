package com.trustwatch.payments;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every payment event a processor sent ({@code payment_event}): once per provider and event id, with
 * what became of it (RECORDED as a deposit, DUPLICATE of a payment already recorded, IGNORED, REFUSED).
 * A RECORDED row carries the deposit key (provider and payment id), unique: one payment, one deposit.
 */
@Singleton
@Owns("payment_event")
public class PaymentEvents {

    /** What became of an event. */
    public enum Outcome { RECORDED, DUPLICATE, IGNORED, REFUSED }

    /** One stored event. */
    public record Row(long id, String provider, String eventId, String eventType, String paymentId,
                      String matterNumber, BigDecimal amount, String currency, Outcome outcome, String detail,
                      Long ledgerId, LocalDateTime receivedAt) {
    }

    private final JdbcOperations jdbc;

    public PaymentEvents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The event as stored, if the provider sent it before. */
    @Transactional(readOnly = true)
    public Optional<Row> find(String provider, String eventId) {
        return first("WHERE provider = ? AND event_id = ?", provider, eventId);
    }

    /** The event that recorded the deposit of this payment, if one did. */
    @Transactional(readOnly = true)
    public Optional<Row> depositOf(String depositKey) {
        return first("WHERE deposit_key = ?", depositKey);
    }

    /** Stores an event in the caller's transaction; a RECORDED one claims its deposit key. */
    @Transactional
    public void add(PaymentNotice n, Outcome outcome, String detail, Long ledgerId, LocalDateTime now) {
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO payment_event (provider, event_id, event_type,"
                    + " payment_id, deposit_key, matter_number, amount, currency, outcome, detail, ledger_id, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, n.provider());
                ps.setString(2, Columns.cut(n.eventId(), 255));
                ps.setString(3, Columns.cut(n.eventType() == null ? "" : n.eventType(), 64));
                ps.setString(4, Columns.cut(n.paymentId(), 255));
                ps.setString(5, outcome == Outcome.RECORDED ? Columns.key(n.depositKey()) : null);
                ps.setString(6, Columns.cut(n.matterNumber(), 64));
                ps.setBigDecimal(7, n.amount() == null || n.amount().abs().compareTo(new BigDecimal("1E13")) >= 0 ? null : n.amount());
                ps.setString(8, Columns.cut(n.currency(), 8));
                ps.setString(9, outcome.name());
                ps.setString(10, Columns.cut(detail, 2000));
                ps.setObject(11, ledgerId);
                ps.setObject(12, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The latest events, newest first, optionally of one matter. */
    @Transactional(readOnly = true)
    public List<Row> latest(String matterNumber, int limit) {
        return jdbc.execute(conn -> {
            String sql = SELECT + (matterNumber == null ? "" : " WHERE matter_number = ?") + " ORDER BY id DESC LIMIT " + limit;
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                if (matterNumber != null) {
                    ps.setString(1, matterNumber);
                }
                return read(ps);
            }
        });
    }

    private static final String SELECT = "SELECT id, provider, event_id, event_type, payment_id, matter_number, amount,"
            + " currency, outcome, detail, ledger_id, received_at FROM payment_event";

    private Optional<Row> first(String where, String a, String b) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(SELECT + " " + where)) {
                ps.setString(1, a);
                if (b != null) {
                    ps.setString(2, b);
                }
                return read(ps).stream().findFirst();
            }
        });
    }

    private Optional<Row> first(String where, String a) {
        return first(where, a, null);
    }

    private static List<Row> read(PreparedStatement ps) throws java.sql.SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long ledger = rs.getLong(11);
                Long ledgerId = rs.wasNull() ? null : ledger;
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBigDecimal(7), rs.getString(8), Outcome.valueOf(rs.getString(9)),
                        rs.getString(10), ledgerId, rs.getObject(12, LocalDateTime.class)));
            }
        }
        return out;
    }
}
