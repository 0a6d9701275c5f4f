package com.trustwatch.evaluation;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of every evaluation, real or dry ({@code evaluation}): what was asked and by whom, where
 * it stands, its progress and totals; and its counts of actions by type, severity, band and outcome
 * ({@code evaluation_tally}). A real evaluation holds the book lock while it is QUEUED or RUNNING: a
 * unique index lets only one hold it, so two replicas cannot both start one. A real evaluation that
 * ended keeps the token of the signed audit checkpoint made as it ended.
 */
@Singleton
@Owns({"evaluation", "evaluation_tally"})
public class Evaluations {

    /** The value of {@code book_lock} while a real evaluation is queued or running. */
    static final String BOOK = "book";

    /** Where an evaluation stands. */
    public enum Status {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        public boolean ended() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * One evaluation as stored. {@code acceptedAt} is when the trigger was accepted, {@code runningAt}
     * when it began to run; instants are UTC. {@code selectionSize} is null for a whole-book run.
     */
    public record Row(String id, LocalDate asOf, boolean dryRun, String rulesetVersion, Status status,
                      int mattersEvaluated, @Nullable Integer mattersTotal, int actionsPlanned, int actionsNew,
                      @Nullable Integer selectionSize, @Nullable String requestedBy, LocalDateTime acceptedAt,
                      @Nullable LocalDateTime runningAt, @Nullable LocalDateTime progressAt,
                      @Nullable LocalDateTime finishedAt, @Nullable String failure, @Nullable String idempotencyKey,
                      @Nullable String fingerprint, @Nullable String cancelRequestedBy,
                      @Nullable LocalDateTime cancelRequestedAt, @Nullable String auditCheckpoint) {
    }

    /** What is known of an evaluation when its trigger is accepted. */
    public record NewEvaluation(String id, LocalDate asOf, boolean dryRun, String rulesetVersion, int mattersTotal,
                                @Nullable Integer selectionSize, String requestedBy, @Nullable String idempotencyKey,
                                String fingerprint) {
    }

    /** Actions of one type, severity, band and outcome an evaluation decided ('' for no severity or band). */
    public record Tally(String type, String severity, String band, String outcome, int count) {
    }

    /** Which evaluations a list shows; a null field does not filter. Dates are as-of dates, inclusive. */
    public record Filter(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable Status status,
                         @Nullable Boolean dryRun) {
    }

    /** The trigger could not be recorded because another evaluation holds what it needed. */
    public static final class Taken extends RuntimeException {
        Taken(Throwable cause) {
            super("the book lock or the idempotency key is taken", cause);
        }
    }

    private static final String SELECT = "SELECT id, as_of, dry_run, ruleset_version, status, matters_evaluated,"
            + " matters_total, actions_planned, actions_new, selection_size, requested_by, started_at, running_at,"
            + " progress_at, finished_at, failure, idempotency_key, request_fingerprint, cancel_requested_by,"
            + " cancel_requested_at, audit_checkpoint FROM evaluation";

    private final JdbcOperations jdbc;

    public Evaluations(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an accepted trigger as QUEUED; a real evaluation takes the book lock with it.
     *
     * @throws Taken when a real evaluation holds the book lock already, or the idempotency key is taken
     */
    @Transactional
    public void accept(NewEvaluation e, LocalDateTime now) {
        try {
            update("INSERT INTO evaluation (id, as_of, dry_run, ruleset_version, status, matters_evaluated,"
                    + " matters_total, actions_planned, actions_new, selection_size, requested_by, started_at, book_lock,"
                    + " idempotency_key, request_fingerprint) VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, 0, 0, ?, ?, ?, ?, ?, ?)",
                    e.id(), e.asOf(), e.dryRun(), e.rulesetVersion(), e.mattersTotal(), e.selectionSize(),
                    Columns.cut(e.requestedBy(), 128), now, e.dryRun() ? null : BOOK, e.idempotencyKey(), e.fingerprint());
        } catch (RuntimeException ex) {
            if (isUniqueViolation(ex)) {
                throw new Taken(ex);
            }
            throw ex;
        }
    }

    /** QUEUED becomes RUNNING. @return false when it is no longer queued (cancelled, or declared abandoned) */
    @Transactional
    public boolean markRunning(String id, LocalDateTime now) {
        return update("UPDATE evaluation SET status = 'RUNNING', running_at = ?, progress_at = ?"
                + " WHERE id = ? AND status = 'QUEUED'", now, now, id) == 1;
    }

    /**
     * Adds one recorded chunk to the evaluation's progress and counts, in the chunk's transaction, so
     * that what the evaluation shows is exactly what is recorded. Called before the chunk's audit
     * entries: every transaction that locks both takes the evaluation row before the audit head.
     */
    @Transactional
    public void chunkRecorded(String id, int matters, List<Tally> tallies, LocalDateTime now) {
        int decided = 0;
        int fresh = 0;
        for (Tally t : tallies) {
            decided += t.count();
            if ("NEW".equals(t.outcome())) {
                fresh += t.count();
            }
        }
        update("UPDATE evaluation SET matters_evaluated = matters_evaluated + ?, actions_planned = actions_planned + ?,"
                + " actions_new = actions_new + ?, progress_at = ? WHERE id = ?", matters, decided, fresh, now, id);
        if (tallies.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO evaluation_tally (evaluation_id, type,"
                    + " severity, band, outcome, action_count) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE action_count = action_count + VALUES(action_count)")) {
                for (Tally t : tallies) {
                    ps.setString(1, id);
                    ps.setString(2, t.type());
                    ps.setString(3, t.severity());
                    ps.setString(4, t.band());
                    ps.setString(5, t.outcome());
                    ps.setInt(6, t.count());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Closes the evaluation as DONE, FAILED or CANCELLED with its totals, and frees the book lock.
     *
     * @return false when it had ended already (nothing changed)
     */
    @Transactional
    public boolean finish(String id, Status status, int evaluated, int planned, int fresh, @Nullable String failure,
                          LocalDateTime now) {
        return update("UPDATE evaluation SET status = ?, matters_evaluated = ?, actions_planned = ?, actions_new = ?,"
                + " finished_at = ?, failure = ?, book_lock = NULL WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                status.name(), evaluated, planned, fresh, now, Columns.cut(failure, 2000), id) == 1;
    }

    /** Keeps the signed audit checkpoint that closed a real evaluation (its token). */
    @Transactional
    public void checkpointed(String id, String token) {
        update("UPDATE evaluation SET audit_checkpoint = ? WHERE id = ?", token, id);
    }

    /**
     * Asks a RUNNING evaluation to stop after its current chunk.
     *
     * @return false when it is not running, or was asked already
     */
    @Transactional
    public boolean requestCancel(String id, String actor, LocalDateTime now) {
        return update("UPDATE evaluation SET cancel_requested_by = ?, cancel_requested_at = ?"
                + " WHERE id = ? AND status = 'RUNNING' AND cancel_requested_at IS NULL",
                Columns.cut(actor, 128), now, id) == 1;
    }

    /** Cancels an evaluation that has not begun to run. @return false when it is no longer QUEUED */
    @Transactional
    public boolean cancelQueued(String id, String actor, LocalDateTime now) {
        return update("UPDATE evaluation SET status = 'CANCELLED', cancel_requested_by = ?, cancel_requested_at = ?,"
                + " finished_at = ?, book_lock = NULL WHERE id = ? AND status = 'QUEUED'",
                Columns.cut(actor, 128), now, now, id) == 1;
    }

    /** Whether someone asked this evaluation to stop. */
    @Transactional(readOnly = true)
    public boolean cancelRequested(String id) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT cancel_requested_at FROM evaluation WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getObject(1) != null;
                }
            }
        });
    }

    /** Marks queued evaluations as alive, so that a long wait for a free thread is not taken for a dead process. */
    @Transactional
    public void stillQueued(Collection<String> ids, LocalDateTime now) {
        for (String id : ids) {
            update("UPDATE evaluation SET progress_at = ? WHERE id = ? AND status = 'QUEUED'", now, id);
        }
    }

    @Transactional(readOnly = true)
    public Optional<Row> find(String id) {
        return first(query(SELECT + " WHERE id = ?", List.of(id)));
    }

    @Transactional(readOnly = true)
    public Optional<Row> byIdempotencyKey(String key) {
        return first(query(SELECT + " WHERE idempotency_key = ?", List.of(key)));
    }

    /** The real evaluation that holds the book lock (queued or running), if one does. */
    @Transactional(readOnly = true)
    public Optional<Row> holdingTheBook() {
        return first(query(SELECT + " WHERE book_lock = ?", List.of(BOOK)));
    }

    /** One page of evaluations, the latest started first, unfiltered (the console's history). */
    @Transactional(readOnly = true)
    public List<Row> latest(long offset, int limit) {
        return list(new Filter(null, null, null, null), offset, limit);
    }

    /** How many evaluations there are. */
    @Transactional(readOnly = true)
    public long count() {
        return count(new Filter(null, null, null, null));
    }

    /** Evaluations newest first (by when they were accepted), one page of them. */
    @Transactional(readOnly = true)
    public List<Row> list(Filter filter, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return query(SELECT + where + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?", params);
    }

    @Transactional(readOnly = true)
    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM evaluation" + where(filter, params);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (f.from() != null) {
            sql.append(" AND as_of >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND as_of <= ?");
            params.add(f.to());
        }
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status().name());
        }
        if (f.dryRun() != null) {
            sql.append(" AND dry_run = ?");
            params.add(f.dryRun());
        }
        return sql.toString();
    }

    /** The counts of some evaluations, by evaluation id. */
    @Transactional(readOnly = true)
    public Map<String, List<Tally>> tallies(Collection<String> ids) {
        Map<String, List<Tally>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT evaluation_id, type, severity, band, outcome,"
                    + " action_count FROM evaluation_tally WHERE evaluation_id IN ("
                    + String.join(",", Collections.nCopies(ids.size(), "?")) + ") ORDER BY evaluation_id, type,"
                    + " severity, band, outcome")) {
                bind(ps, new ArrayList<>(ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Tally(rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6)));
                    }
                }
            }
            return out;
        });
    }

    /** Ids of QUEUED or RUNNING evaluations with no sign of life since {@code cutoff}. */
    @Transactional(readOnly = true)
    public List<String> stale(LocalDateTime cutoff) {
        return query(SELECT + " WHERE status IN ('QUEUED', 'RUNNING') AND COALESCE(progress_at, started_at) < ?",
                List.of(cutoff)).stream().map(Row::id).toList();
    }

    /**
     * Locks a QUEUED or RUNNING evaluation without a sign of life since {@code cutoff}, in the caller's transaction.
     *
     * @return the row, or empty when it finished or moved on since it was found stale
     */
    @Transactional
    public Optional<Row> lockStale(String id, LocalDateTime cutoff) {
        return first(query(SELECT + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')"
                + " AND COALESCE(progress_at, started_at) < ? FOR UPDATE", List.of(id, cutoff)));
    }

    /** Dry runs that ended before {@code cutoff}, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<String> dryRunsEndedBefore(LocalDateTime cutoff, int limit) {
        return query(SELECT + " WHERE dry_run = TRUE AND finished_at < ? ORDER BY finished_at LIMIT ?",
                List.of(cutoff, limit)).stream().map(Row::id).toList();
    }

    /** Forgets dry runs (their rows and counts), in the caller's transaction. Real evaluations are never forgotten. */
    @Transactional
    public void forgetDryRuns(Collection<String> ids) {
        for (String id : ids) {
            update("DELETE FROM evaluation_tally WHERE evaluation_id = ? AND evaluation_id IN"
                    + " (SELECT e.id FROM evaluation e WHERE e.dry_run = TRUE)", id);
            update("DELETE FROM evaluation WHERE id = ? AND dry_run = TRUE", id);
        }
    }

    private static Optional<Row> first(List<Row> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A duplicate key (SQLSTATE class 23 with MySQL's 1062 or H2's 23505), anywhere in the cause chain. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException s && (s.getErrorCode() == 1062 || s.getErrorCode() == 23505
                    || "23505".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private int update(String sql, Object... params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bind(ps, Arrays.asList(params));
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, List<?> params) throws java.sql.SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private List<Row> query(String sql, List<?> params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bind(ps, params);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBoolean(3),
                                rs.getString(4), Status.valueOf(rs.getString(5)), rs.getInt(6), integer(rs, 7),
                                rs.getInt(8), rs.getInt(9), integer(rs, 10), rs.getString(11),
                                rs.getObject(12, LocalDateTime.class), rs.getObject(13, LocalDateTime.class),
                                rs.getObject(14, LocalDateTime.class), rs.getObject(15, LocalDateTime.class),
                                rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                                rs.getObject(20, LocalDateTime.class), rs.getString(21)));
                    }
                }
                return out;
            }
        });
    }

    private static Integer integer(ResultSet rs, int column) throws java.sql.SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
