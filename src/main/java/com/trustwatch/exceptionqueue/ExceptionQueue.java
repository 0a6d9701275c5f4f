package com.trustwatch.exceptionqueue;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TextRules;
import com.trustwatch.db.Columns;
import com.trustwatch.web.TransitionRefusedException;
import com.trustwatch.db.Owns;
import com.trustwatch.db.Timestamps;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
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
@Owns("exception_item")
public class ExceptionQueue {

    static final int MAX_NOTE = 2000;
    private static final String SELECT = "SELECT x.id, x.kind, x.matter_number, x.action_id, x.action_type, x.rule_id,"
            + " x.severity, x.summary, x.status, x.created_at, x.updated_at, x.handled_by, x.handled_note"
            + " FROM exception_item x";

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

    /** Opens the items whose source has none yet, in the caller's transaction. */
    public void open(List<NewItem> items, LocalDateTime now) {
        insert(items, now, false);
    }

    /**
     * Opens items, or reopens the one its source already has, whatever became of it: a dead letter
     * sent again that dies again needs a person again.
     */
    public void openOrReopen(List<NewItem> items, LocalDateTime now) {
        insert(items, now, true);
    }

    private void insert(List<NewItem> items, LocalDateTime now, boolean reopen) {
        if (items.isEmpty()) {
            return;
        }
        tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT " + (reopen ? "" : "IGNORE ")
                    + "INTO exception_item (source_key, kind, matter_number, action_id, action_type, rule_id, severity,"
                    + " summary, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)"
                    + (reopen ? " ON DUPLICATE KEY UPDATE status = 'OPEN', summary = ?, updated_at = ?,"
                    + " handled_by = NULL, handled_note = NULL" : ""))) {
                for (NewItem item : items) {
                    ps.setString(1, Columns.cut(item.sourceKey(), 255));
                    ps.setString(2, item.kind().name());
                    ps.setString(3, item.matterNumber());
                    ps.setObject(4, item.actionId());
                    ps.setString(5, item.actionType());
                    ps.setString(6, item.ruleId());
                    ps.setString(7, item.severity() == null ? null : item.severity().name());
                    ps.setString(8, Columns.cut(item.summary(), 2000));
                    ps.setObject(9, now);
                    ps.setObject(10, now);
                    if (reopen) {
                        ps.setString(11, Columns.cut(item.summary(), 2000));
                        ps.setObject(12, now);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    /** Items oldest first, optionally only of one status, kind or matter; at most {@code limit}. */
    public List<ExceptionItem> list(String status, String kind, String matter, int limit) {
        return page(status, kind, matter, 0, limit);
    }

    /**
     * One page of the queue, oldest first, optionally only of one status, kind or matter.
     *
     * @throws InvalidInput when status or kind names none
     */
    public List<ExceptionItem> page(String status, String kind, String matter, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = SELECT + where(status, kind, matter, params) + " ORDER BY x.created_at, x.id LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return tx.executeRead(status2 -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
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

    /** How many items the same filters select. */
    public long count(String status, String kind, String matter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM exception_item x" + where(status, kind, matter, params);
        return tx.executeRead(status2 -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }));
    }

    private static String where(String status, String kind, String matter, List<Object> params) {
        List<FieldError> errors = new ArrayList<>();
        String statusFilter = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (statusFilter != null && Arrays.stream(ItemStatus.values()).noneMatch(s -> s.name().equals(statusFilter))) {
            errors.add(new FieldError(null, "status", Echo.of(status) + " is not one of "
                    + Arrays.toString(ItemStatus.values()).replaceAll("[\\[\\]]", "")));
        }
        String kindFilter = kind == null || kind.isBlank() ? null : kind.trim().toUpperCase(Locale.ROOT);
        if (kindFilter != null && Arrays.stream(ItemKind.values()).noneMatch(k -> k.name().equals(kindFilter))) {
            errors.add(new FieldError(null, "kind", Echo.of(kind) + " is not one of "
                    + Arrays.toString(ItemKind.values()).replaceAll("[\\[\\]]", "")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
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
        return sql.toString();
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
            throw new InvalidInput(List.of(new FieldError(null, "note",
                    "say how the item was resolved: a resolution without a note cannot be audited")));
        }
        return move(id, ItemStatus.RESOLVED, user, note);
    }

    private ExceptionItem move(long id, ItemStatus to, String user, String note) {
        String text;
        try {
            // a note may be typed over several lines; it is kept (and audited) as one
            text = note == null ? "" : TextRules.folded(note, MAX_NOTE);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "note", e.getMessage())));
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
            LocalDateTime now = Timestamps.now(clock);
            try (PreparedStatement up = conn.prepareStatement("UPDATE exception_item SET status = ?, handled_by = ?,"
                    + " handled_note = ?, updated_at = ? WHERE id = ?")) {
                up.setString(1, to.name());
                up.setString(2, user);
                up.setString(3, text.isEmpty() ? null : text);
                up.setObject(4, now);
                up.setLong(5, id);
                up.executeUpdate();
            }
            audit.append(AuditRecord.of(to == ItemStatus.ACKNOWLEDGED ? AuditKind.EXCEPTION_ACKNOWLEDGED
                    : AuditKind.EXCEPTION_RESOLVED, user, "exception item " + id + " (" + item.kind() + ") " + to.verb()
                    + (text.isEmpty() ? "" : ": " + text)).forMatter(item.matterNumber()).forAction(item.actionId(),
                    item.ruleId()));
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
