package com.trustwatch.outbox;

import com.trustwatch.db.Columns;
import com.trustwatch.db.MultiRowInsert;
import com.trustwatch.db.Owns;
import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional outbox: one row per action to deliver, and the state machine of its delivery
 * ({@link OutboxState}). Rows are written in the transaction that records their actions, so an action
 * is never recorded without its delivery or delivered without its record. Claims carry a token: a
 * dispatcher settles only the rows it still holds under its token, so one that outlived its lease
 * cannot overwrite what the dispatcher that took over recorded.
 */
@Singleton
@Owns("outbox")
public class Outbox {

    /** A row is due when it waits for its next attempt, or its claim outlived the lease (its dispatcher died). */
    private static final String DUE = "(state IN ('PENDING', 'FAILED') AND next_attempt_at <= ?)"
            + " OR (state = 'SENDING' AND claimed_until < ?)";
    private static final String SELECT = "SELECT id, action_id, evaluation_id, matter_number, action_type, channel,"
            + " group_key, state, attempts, next_attempt_at, claimed_until, message_id, last_error, updated_at FROM outbox";

    private final JdbcOperations jdbc;

    public Outbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds HELD rows in the caller's transaction; {@link #release} makes them due. */
    @Transactional
    public void enqueue(List<Delivery> deliveries, LocalDateTime now) {
        insert(deliveries, OutboxState.HELD, now);
    }

    /**
     * Adds rows due at once, in the caller's transaction: a client message a person has just released,
     * which no evaluation still running can add to.
     */
    @Transactional
    public void enqueueDue(List<Delivery> deliveries, LocalDateTime now) {
        insert(deliveries, OutboxState.PENDING, now);
    }

    private void insert(List<Delivery> deliveries, OutboxState state, LocalDateTime now) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> MultiRowInsert.insert(conn, "INSERT INTO outbox (action_id, evaluation_id, matter_number,"
                + " action_type, channel, group_key, state, attempts, next_attempt_at, updated_at, event_id,"
                + " subscription_id, report_mail_id)", "(?, ?, ?, ?, ?, ?, '" + state.name() + "', 0, ?, ?, ?, ?, ?)", "",
                deliveries, (ps, i, d) -> {
                    ps.setObject(i, d.actionId());
                    ps.setString(i + 1, d.evaluationId());
                    ps.setString(i + 2, d.matterNumber());
                    ps.setString(i + 3, d.actionType());
                    ps.setString(i + 4, d.channel());
                    ps.setString(i + 5, d.groupKey());
                    ps.setObject(i + 6, now);
                    ps.setObject(i + 7, now);
                    ps.setObject(i + 8, d.eventId());
                    ps.setObject(i + 9, d.subscriptionId());
                    ps.setObject(i + 10, d.reportMailId());
                }));
    }

    /**
     * The backlog for the metrics: rows by state, and since when the longest-waiting due row (PENDING,
     * FAILED past its retry time, or SENDING past a lapsed claim) has been due; null when none is due.
     */
    public record Backlog(Map<OutboxState, Long> byState, LocalDateTime oldestDueSince) {
    }

    @Transactional(readOnly = true)
    public Backlog backlog(LocalDateTime now) {
        return jdbc.execute(conn -> {
            Map<OutboxState, Long> byState = new java.util.EnumMap<>(OutboxState.class);
            try (PreparedStatement ps = conn.prepareStatement("SELECT state, COUNT(*) FROM outbox GROUP BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byState.put(OutboxState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT MIN(CASE WHEN state = 'SENDING' THEN claimed_until"
                    + " ELSE next_attempt_at END) FROM outbox WHERE " + DUE)) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Backlog(byState, rs.getObject(1, LocalDateTime.class));
                }
            }
        });
    }

    /** Makes the rows an evaluation recorded due for delivery (it finished, failed or was abandoned). */
    @Transactional
    public int release(String evaluationId, LocalDateTime now) {
        return update("UPDATE outbox SET state = 'PENDING', next_attempt_at = ?, updated_at = ?"
                + " WHERE evaluation_id = ? AND state = 'HELD'", now, now, evaluationId);
    }

    /**
     * Message groups with a due row and none still HELD, oldest first, at most {@code limit}. A group
     * with a HELD row waits: an evaluation still running has recorded part of it (one client's matters
     * recorded by two overlapping evaluations), and the client gets one message for all of them.
     */
    @Transactional(readOnly = true)
    public List<String> dueGroups(LocalDateTime now, int limit) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT group_key, MIN(id) FROM outbox WHERE (" + DUE
                    + ") AND group_key NOT IN (SELECT h.group_key FROM outbox h WHERE h.state = 'HELD')"
                    + " GROUP BY group_key ORDER BY MIN(id) LIMIT " + limit)) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                List<String> groups = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(rs.getString(1));
                    }
                }
                return groups;
            }
        });
    }

    /** One claimed row: the action it delivers, the event and subscription (WEBHOOK), or the report email (REPORT_EMAIL). */
    public record ClaimedRow(long id, Long actionId, Long eventId, Long subscriptionId, String matterNumber,
                             Long reportMailId) {

        public ClaimedRow(long id, Long actionId, Long eventId, Long subscriptionId, String matterNumber) {
            this(id, actionId, eventId, subscriptionId, matterNumber, null);
        }
    }

    /** The rows of one message group a dispatcher holds, under the token it claimed them with. */
    public record Claim(String group, String token, String channel, List<ClaimedRow> rows, int attempt) {

        /** Row id to action id, for the rows that deliver an action. */
        public Map<Long, Long> actionByRow() {
            Map<Long, Long> out = new LinkedHashMap<>();
            rows.stream().filter(r -> r.actionId() != null).forEach(r -> out.put(r.id(), r.actionId()));
            return out;
        }
    }

    /**
     * Claims a group's due rows in one statement, so two dispatchers cannot split a group between them:
     * the second one's UPDATE waits for the first one's row locks, then finds nothing due.
     *
     * @return the claim, or null when another dispatcher got there first or part of the group is still HELD
     */
    @Transactional
    public Claim claim(String group, LocalDateTime now, LocalDateTime until) {
        String token = UUID.randomUUID().toString();
        return jdbc.execute(conn -> {
            try (PreparedStatement held = conn.prepareStatement(
                    "SELECT COUNT(*) FROM outbox WHERE group_key = ? AND state = 'HELD'")) {
                held.setString(1, group);
                try (ResultSet rs = held.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return null;
                    }
                }
            }
            try (PreparedStatement up = conn.prepareStatement("UPDATE outbox SET state = 'SENDING', claim_token = ?,"
                    + " claimed_until = ?, attempts = attempts + 1, updated_at = ? WHERE group_key = ? AND (" + DUE + ")")) {
                up.setString(1, token);
                up.setObject(2, until);
                up.setObject(3, now);
                up.setString(4, group);
                up.setObject(5, now);
                up.setObject(6, now);
                if (up.executeUpdate() == 0) {
                    return null;
                }
            }
            List<ClaimedRow> rows = new ArrayList<>();
            int attempt = 1;
            String channel = null;
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, action_id, attempts, channel, event_id,"
                    + " subscription_id, matter_number, report_mail_id FROM outbox WHERE group_key = ? AND claim_token = ?"
                    + " ORDER BY id")) {
                ps.setString(1, group);
                ps.setString(2, token);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new ClaimedRow(rs.getLong(1), nullableLong(rs, 2), nullableLong(rs, 5),
                                nullableLong(rs, 6), rs.getString(7), nullableLong(rs, 8)));
                        attempt = Math.max(attempt, rs.getInt(3));
                        channel = rs.getString(4);
                    }
                }
            }
            return new Claim(group, token, channel, rows, attempt);
        });
    }

    /** @return the actions of the claimed rows this dispatcher still held, now SENT */
    @Transactional
    public Set<Long> markSent(Claim claim, String messageId, LocalDateTime now) {
        return actionsOf(claim, sentRows(claim, messageId, now));
    }

    /** @return the actions of the claimed rows this dispatcher still held, now FAILED until {@code nextAttempt} */
    @Transactional
    public Set<Long> markFailed(Claim claim, String error, LocalDateTime nextAttempt, LocalDateTime now) {
        return actionsOf(claim, failedRows(claim, error, nextAttempt, now));
    }

    /** @return the actions of the claimed rows this dispatcher still held, now DEAD */
    @Transactional
    public Set<Long> markDead(Claim claim, String error, LocalDateTime now) {
        return actionsOf(claim, deadRows(claim, error, now));
    }

    /**
     * Puts the claimed rows back to wait until {@code until} without counting the attempt (a text held
     * for the recipient's quiet hours). @return the rows this dispatcher still held
     */
    @Transactional
    public Set<Long> postpone(Claim claim, String why, LocalDateTime until, LocalDateTime now) {
        return settle(claim, "UPDATE outbox SET state = 'PENDING', attempts = attempts - 1, last_error = ?,"
                + " claim_token = NULL, claimed_until = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ? AND claim_token = ?",
                Columns.cut(why, 2000), until, now);
    }

    /** Settles the claimed rows as WITHHELD: never to be sent. @return the rows this dispatcher still held */
    @Transactional
    public Set<Long> withhold(Claim claim, String why, LocalDateTime now) {
        return settle(claim, "UPDATE outbox SET state = 'WITHHELD', last_error = ?, claim_token = NULL,"
                + " claimed_until = NULL, updated_at = ? WHERE id = ? AND claim_token = ?", Columns.cut(why, 2000), now);
    }

    private static Set<Long> actionsOf(Claim claim, Set<Long> rows) {
        Set<Long> out = new HashSet<>();
        claim.rows().stream().filter(r -> rows.contains(r.id()) && r.actionId() != null).forEach(r -> out.add(r.actionId()));
        return out;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** @return the claimed rows this dispatcher still held, now SENT */
    @Transactional
    public Set<Long> sentRows(Claim claim, String messageId, LocalDateTime now) {
        return settle(claim, "UPDATE outbox SET state = 'SENT', message_id = ?, claim_token = NULL,"
                + " claimed_until = NULL, last_error = NULL, updated_at = ? WHERE id = ? AND claim_token = ?", messageId, now);
    }

    /** @return the claimed rows this dispatcher still held, now FAILED until {@code nextAttempt} */
    @Transactional
    public Set<Long> failedRows(Claim claim, String error, LocalDateTime nextAttempt, LocalDateTime now) {
        return settle(claim, "UPDATE outbox SET state = 'FAILED', last_error = ?, claim_token = NULL,"
                + " claimed_until = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ? AND claim_token = ?",
                Columns.cut(error, 2000), nextAttempt, now);
    }

    /** @return the claimed rows this dispatcher still held, now DEAD */
    @Transactional
    public Set<Long> deadRows(Claim claim, String error, LocalDateTime now) {
        return settle(claim, "UPDATE outbox SET state = 'DEAD', last_error = ?, claim_token = NULL,"
                + " claimed_until = NULL, updated_at = ? WHERE id = ? AND claim_token = ?", Columns.cut(error, 2000), now);
    }

    /**
     * Applies a settling UPDATE (its last two parameters are the row id and the claim token) to each
     * claimed row, and returns the rows this dispatcher still held.
     */
    private Set<Long> settle(Claim claim, String sql, Object... values) {
        return jdbc.execute(conn -> {
            Set<Long> held = new HashSet<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (ClaimedRow row : claim.rows()) {
                    int i = 1;
                    for (Object v : values) {
                        ps.setObject(i++, v);
                    }
                    ps.setLong(i++, row.id());
                    ps.setString(i, claim.token());
                    if (ps.executeUpdate() == 1) {
                        held.add(row.id());
                    }
                }
            }
            return held;
        });
    }

    /**
     * Rows oldest first, optionally of one state or matter, at most {@code limit}.
     *
     * @throws InvalidInput when {@code state} names no state
     */
    @Transactional(readOnly = true)
    public List<OutboxRow> list(String state, String matter, int limit) {
        return page(state, matter, 0, limit);
    }

    /**
     * One page of rows, oldest first, optionally of one state or matter.
     *
     * @throws InvalidInput when {@code state} names no state
     */
    @Transactional(readOnly = true)
    public List<OutboxRow> page(String state, String matter, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = SELECT + where(state, matter, params) + " ORDER BY id LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return jdbc.execute(conn -> query(conn, sql, params));
    }

    /** Every row of one message group (a consolidated request lists several matters), oldest first. */
    @Transactional(readOnly = true)
    public List<OutboxRow> group(String groupKey) {
        return jdbc.execute(conn -> query(conn, SELECT + " WHERE group_key = ? ORDER BY id", List.of(groupKey)));
    }

    /** How many rows the same filters select. */
    @Transactional(readOnly = true)
    public long count(String state, String matter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM outbox" + where(state, matter, params);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String where(String state, String matter, List<Object> params) {
        String wanted = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && Arrays.stream(OutboxState.values()).noneMatch(s -> s.name().equals(wanted))) {
            throw new InvalidInput(List.of(new FieldError(null, "state",
                    Echo.of(state) + " is not one of " + Arrays.toString(OutboxState.values()).replaceAll("[\\[\\]]", ""))));
        }
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (wanted != null) {
            sql.append(" AND state = ?");
            params.add(wanted);
        }
        if (matter != null && !matter.isBlank()) {
            sql.append(" AND matter_number = ?");
            params.add(matter.trim());
        }
        return sql.toString();
    }

    /** The delivery state of each of some actions (actions without an outbox row are absent). */
    @Transactional(readOnly = true)
    public Map<Long, OutboxState> statesOf(Collection<Long> actionIds) {
        Map<Long, OutboxState> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(actionIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.execute(conn -> {
                // an action's delivery state is its email's (a text message to the client is a companion of it)
                try (PreparedStatement ps = conn.prepareStatement("SELECT action_id, state FROM outbox WHERE action_id IN ("
                        + String.join(",", Collections.nCopies(part.size(), "?")) + ") AND channel IN ('"
                        + Channels.CLIENT_EMAIL + "', '" + Channels.INTERNAL_EMAIL + "')")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setLong(i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getLong(1), OutboxState.valueOf(rs.getString(2)));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /**
     * Puts a dead letter and the other dead rows of its message group back to PENDING with their
     * attempts reset, in the caller's transaction.
     *
     * @return the rows as they were before (with their attempts and last error)
     * @throws NoSuchElementException     when there is no such row
     * @throws TransitionRefusedException when the row is not DEAD
     */
    @Transactional
    public List<OutboxRow> requeue(long id, LocalDateTime now) {
        return jdbc.execute(conn -> {
            OutboxState state;
            String group;
            try (PreparedStatement ps = conn.prepareStatement("SELECT state, group_key FROM outbox WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no outbox row " + id);
                    }
                    state = OutboxState.valueOf(rs.getString(1));
                    group = rs.getString(2);
                }
            }
            if (state != OutboxState.DEAD) {
                throw new TransitionRefusedException("outbox row " + id + " is " + state
                        + ": only a DEAD row can be sent again (the dispatcher retries FAILED rows by itself)");
            }
            List<OutboxRow> rows = query(conn, SELECT + " WHERE group_key = ? AND state = 'DEAD' ORDER BY id FOR UPDATE",
                    List.of(group));
            try (PreparedStatement up = conn.prepareStatement("UPDATE outbox SET state = 'PENDING', attempts = 0,"
                    + " next_attempt_at = ?, claim_token = NULL, claimed_until = NULL, updated_at = ?"
                    + " WHERE id = ? AND state = 'DEAD'")) {
                for (OutboxRow row : rows) {
                    up.setObject(1, now);
                    up.setObject(2, now);
                    up.setLong(3, row.id());
                    up.executeUpdate();
                }
            }
            return rows;
        });
    }

    /** Rows by id, oldest first. */
    @Transactional(readOnly = true)
    public List<OutboxRow> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.execute(conn -> query(conn, SELECT + " WHERE id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ") ORDER BY id", new ArrayList<>(ids)));
    }

    private int update(String sql, Object... params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static List<OutboxRow> query(Connection conn, String sql, List<?> params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<OutboxRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxRow(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), OutboxState.valueOf(rs.getString(8)),
                            rs.getInt(9), rs.getObject(10, LocalDateTime.class), rs.getObject(11, LocalDateTime.class),
                            rs.getString(12), rs.getString(13), rs.getObject(14, LocalDateTime.class)));
                }
            }
            return out;
        }
    }
}
