package com.trustwatch.exception;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The exception queue: the items the executor and the dispatcher opened for a person, and what people
 * did about them. Acknowledging and resolving change the item and append the audit entry in one
 * transaction, so the queue and the audit trail never disagree about who handled what.
 */
@Singleton
public class ExceptionQueue {

    static final int MAX_NOTE = 2000;
    private static final String SELECT = "SELECT x.id, x.kind, x.matter_number, x.action_id, a.type, a.rule_id,"
            + " x.severity, x.summary, x.status, x.created_at, x.updated_at, x.handled_by, x.handled_note"
            + " FROM exception_item x LEFT JOIN planned_action a ON a.id = x.action_id";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final Clock clock;
    private final LockConflicts conflicts;

    public ExceptionQueue(JdbcOperations jdbc, TransactionOperations<Connection> tx, AuditLog audit, Clock clock,
                          LockConflicts conflicts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.conflicts = conflicts;
    }

    /** Items oldest first, optionally only of one status, kind or matter; at most {@code limit}. */
    public List<ExceptionItem> list(String status, String kind, String matter, int limit) {
        List<FieldError> errors = new ArrayList<>();
        String statusFilter = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (statusFilter != null && Arrays.stream(ItemStatus.values()).noneMatch(s -> s.name().equals(statusFilter))) {
            errors.add(new FieldError(null, "status", "'" + status + "' is not one of "
                    + Arrays.toString(ItemStatus.values()).replaceAll("[\\[\\]]", "")));
        }
        String kindFilter = kind == null || kind.isBlank() ? null : kind.trim().toUpperCase(Locale.ROOT);
        if (kindFilter != null && !kindFilter.matches("[A-Z_]{1,32}")) {
            errors.add(new FieldError(null, "kind", "'" + kind + "' is not a kind (TASK, DATA_QUALITY,"
                    + " COMPLIANCE_FLAG, DEAD_LETTER, ...)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMatterException(errors);
        }
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (statusFilter != null) {
            sql.append(" AND x.status = ?");
            params.add(statusFilter);
        }
        if (kindFilter != null) {
            sql.append(" AND x.kind = ?");
            params.add(kindFilter);
        }
        if (matter != null && !matter.isBlank()) {
            sql.append(" AND x.matter_number = ?");
            params.add(matter.trim());
        }
        sql.append(" ORDER BY x.created_at, x.id LIMIT ?");
        params.add(limit);
        return tx.executeRead(status2 -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<ExceptionItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        }));
    }

    public ExceptionItem find(long id) {
        return tx.executeRead(status -> jdbc.execute(conn -> byId(conn, id)));
    }

    /** Someone has the item in hand. Only an OPEN item can be acknowledged. */
    public ExceptionItem acknowledge(long id, String user, String note) {
        return move(id, ItemStatus.ACKNOWLEDGED, user, note);
    }

    /** The item is dealt with; the note says how. An OPEN or ACKNOWLEDGED item can be resolved, once. */
    public ExceptionItem resolve(long id, String user, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidMatterException(List.of(new FieldError(null, "note",
                    "say how the item was resolved: a resolution without a note cannot be audited")));
        }
        return move(id, ItemStatus.RESOLVED, user, note);
    }

    private ExceptionItem move(long id, ItemStatus to, String user, String note) {
        String text = note == null ? "" : note.trim();
        if (text.length() > MAX_NOTE) {
            throw new InvalidMatterException(List.of(new FieldError(null, "note",
                    "is " + text.length() + " characters long; at most " + MAX_NOTE + " are kept")));
        }
        String what = "moving exception item " + id + " to " + to;
        return conflicts.retry(what, () -> tx.executeWrite(status -> jdbc.execute(conn -> {
            ExceptionItem item;
            try (PreparedStatement lock = conn.prepareStatement(
                    "SELECT id FROM exception_item WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no exception item " + id);
                    }
                }
                item = byId(conn, id);
            }
            ItemStatus from = ItemStatus.valueOf(item.status());
            if (!from.canBecome(to)) {
                throw new TransitionRefusedException("exception item " + id + " is " + from
                        + (item.handledBy() == null ? "" : " (" + from.verb() + " by " + item.handledBy() + ")")
                        + ": it cannot be " + to.verb() + (from == to ? " again" : ""));
            }
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            try (PreparedStatement up = conn.prepareStatement("UPDATE exception_item SET status = ?, handled_by = ?,"
                    + " handled_note = ?, updated_at = ? WHERE id = ?")) {
                up.setString(1, to.name());
                up.setString(2, user);
                up.setString(3, text.isEmpty() ? null : text);
                up.setObject(4, now);
                up.setLong(5, id);
                up.executeUpdate();
            }
            audit.append(new AuditRecord("EXCEPTION_" + to.name(), item.matterNumber(), null, item.actionId(),
                    item.ruleId(), null, user, "exception item " + id + " (" + item.kind() + ") " + to.verb()
                    + (text.isEmpty() ? "" : ": " + text)));
            return byId(conn, id);
        })));
    }

    private ExceptionItem byId(Connection conn, long id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE x.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no exception item " + id);
                }
                return read(rs);
            }
        }
    }

    private static ExceptionItem read(ResultSet rs) throws SQLException {
        long action = rs.getLong(4);
        Long actionId = rs.wasNull() ? null : action;
        return new ExceptionItem(rs.getLong(1), rs.getString(2), rs.getString(3), actionId, rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, LocalDateTime.class), rs.getObject(11, LocalDateTime.class), rs.getString(12),
                rs.getString(13));
    }
}
