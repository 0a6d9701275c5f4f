package com.trustwatch.notify;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.exception.TransitionRefusedException;
import com.trustwatch.matter.FieldError;
import com.trustwatch.matter.InvalidMatterException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The outbox as operators see it: rows by state (dead letters above all), and the one thing a
 * person may do to a row, which is to send a dead letter again once the cause is fixed.
 */
@Singleton
public class Outbox {

    static final Set<String> STATES = Set.of("PENDING", "SENDING", "SENT", "FAILED", "DEAD");
    private static final String SELECT = "SELECT o.id, o.action_id, a.matter_number, a.type, o.channel, o.group_key,"
            + " o.state, o.attempts, o.next_attempt_at, o.claimed_until, o.message_id, o.last_error, o.updated_at,"
            + " a.to_addresses, a.rule_id, a.ruleset_version, a.evaluation_id"
            + " FROM outbox o JOIN planned_action a ON a.id = o.action_id";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final Clock clock;
    private final LockConflicts conflicts;

    public Outbox(JdbcOperations jdbc, TransactionOperations<Connection> tx, AuditLog audit, Clock clock,
                  LockConflicts conflicts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.conflicts = conflicts;
    }

    /** Rows oldest first, optionally of one state or matter, at most {@code limit}. */
    public List<OutboxEntry> list(String state, String matter, int limit) {
        String wanted = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATES.contains(wanted)) {
            throw new InvalidMatterException(List.of(new FieldError(null, "state",
                    "'" + state + "' is not one of PENDING, SENDING, SENT, FAILED, DEAD")));
        }
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (wanted != null) {
            sql.append(" AND o.state = ?");
            params.add(wanted);
        }
        if (matter != null && !matter.isBlank()) {
            sql.append(" AND a.matter_number = ?");
            params.add(matter.trim());
        }
        sql.append(" ORDER BY o.id LIMIT ?");
        params.add(limit);
        return tx.executeRead(status -> jdbc.execute(conn -> query(conn, sql.toString(), params)));
    }

    /**
     * Sends a dead letter again: the row and the other dead rows of its message group go back to
     * PENDING with their attempts reset, and each gets a DELIVERY_REQUEUED audit entry naming who asked.
     * The dispatcher picks them up at its next pass. The exception item stays as it is: resolve it
     * once the message is out (if it dies again, its item is reopened).
     */
    public List<OutboxEntry> requeue(long id, String user, String note) {
        String text = note == null ? "" : note.trim();
        if (text.length() > 2000) {
            throw new InvalidMatterException(List.of(new FieldError(null, "note",
                    "is " + text.length() + " characters long; at most 2000 are kept")));
        }
        return conflicts.retry("requeueing outbox row " + id, () -> tx.executeWrite(status -> jdbc.execute(conn -> {
            String state;
            String group;
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT state, group_key FROM outbox WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no outbox row " + id);
                    }
                    state = rs.getString(1);
                    group = rs.getString(2);
                }
            }
            if (!"DEAD".equals(state)) {
                throw new TransitionRefusedException("outbox row " + id + " is " + state
                        + ": only a DEAD row can be sent again (the dispatcher retries FAILED rows by itself)");
            }
            try (PreparedStatement lock = conn.prepareStatement(
                    "SELECT id FROM outbox WHERE group_key = ? AND state = 'DEAD' ORDER BY id FOR UPDATE")) {
                lock.setString(1, group);
                lock.executeQuery().close();
            }
            List<OutboxEntry> rows = query(conn, SELECT + " WHERE o.group_key = ? AND o.state = 'DEAD' ORDER BY o.id",
                    List.of(group));
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<AuditRecord> trail = new ArrayList<>();
            try (PreparedStatement up = conn.prepareStatement("UPDATE outbox SET state = 'PENDING', attempts = 0,"
                    + " next_attempt_at = ?, claim_token = NULL, claimed_until = NULL, updated_at = ?"
                    + " WHERE id = ? AND state = 'DEAD'")) {
                for (OutboxEntry row : rows) {
                    up.setObject(1, now);
                    up.setObject(2, now);
                    up.setLong(3, row.id());
                    up.executeUpdate();
                    trail.add(new AuditRecord("DELIVERY_REQUEUED", row.matterNumber(), row.evaluationId(), row.actionId(),
                            row.ruleId(), row.rulesetVersion(), user, "dead letter " + row.actionType() + " to "
                            + row.to() + " sent again at " + user + "'s request after " + row.attempts()
                            + " attempt(s); it had failed with: " + row.lastError() + (text.isEmpty() ? "" : "; " + text)));
                }
            }
            audit.append(trail);
            List<Object> ids = new ArrayList<>(rows.stream().map(OutboxEntry::id).toList());
            return query(conn, SELECT + " WHERE o.id IN (" + String.join(",", java.util.Collections.nCopies(ids.size(), "?"))
                    + ") ORDER BY o.id", ids);
        })));
    }

    private static List<OutboxEntry> query(Connection conn, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String to = rs.getString(14);
                    out.add(new OutboxEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                            rs.getObject(9, LocalDateTime.class), rs.getObject(10, LocalDateTime.class),
                            rs.getString(11), rs.getString(12), rs.getObject(13, LocalDateTime.class),
                            to == null || to.isBlank() ? List.of() : List.of(to.split(",")), rs.getString(15),
                            rs.getString(16), rs.getString(17)));
                }
            }
            return out;
        }
    }
}
