package com.trustwatch.evaluation;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of every real evaluation (dry runs are not recorded): when it ran, on which ruleset
 * version, where it stands, and its totals.
 */
@Singleton
@Owns("evaluation")
public class Evaluations {

    /** One evaluation as stored. {@code status}: RUNNING, DONE or FAILED. */
    public record Row(String id, LocalDate asOf, String rulesetVersion, String status, int mattersEvaluated,
                      int actionsPlanned, int actionsNew, LocalDateTime startedAt, LocalDateTime progressAt,
                      LocalDateTime finishedAt, String failure) {
    }

    private static final String SELECT = "SELECT id, as_of, ruleset_version, status, matters_evaluated, actions_planned,"
            + " actions_new, started_at, progress_at, finished_at, failure FROM evaluation";

    private final JdbcOperations jdbc;

    public Evaluations(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void start(String id, LocalDate asOf, String rulesetVersion, LocalDateTime now) {
        update("INSERT INTO evaluation (id, as_of, dry_run, ruleset_version, status, matters_evaluated,"
                + " actions_planned, actions_new, started_at) VALUES (?, ?, FALSE, ?, 'RUNNING', 0, 0, 0, ?)",
                id, asOf, rulesetVersion, now);
    }

    /** Marks the evaluation as alive (see AbandonedEvaluations): matters done so far, and when. */
    @Transactional
    public void progress(String id, int evaluated, LocalDateTime now) {
        update("UPDATE evaluation SET progress_at = ?, matters_evaluated = ? WHERE id = ?", now, evaluated, id);
    }

    /** Closes the evaluation as DONE or FAILED with its totals. */
    @Transactional
    public void finish(String id, String status, int evaluated, int planned, int fresh, String failure,
                       LocalDateTime now) {
        update("UPDATE evaluation SET status = ?, matters_evaluated = ?, actions_planned = ?, actions_new = ?,"
                + " finished_at = ?, failure = ? WHERE id = ?", status, evaluated, planned, fresh, now,
                Columns.cut(failure, 2000), id);
    }

    @Transactional(readOnly = true)
    public Optional<Row> find(String id) {
        List<Row> rows = query(SELECT + " WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** One page of evaluations, the latest started first (the console's history). */
    @Transactional(readOnly = true)
    public List<Row> latest(long offset, int limit) {
        return query(SELECT + " ORDER BY started_at DESC, id LIMIT ? OFFSET ?", limit, offset);
    }

    /** How many evaluations there are. */
    @Transactional(readOnly = true)
    public long count() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM evaluation");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Ids of RUNNING evaluations with no progress since {@code cutoff}. */
    @Transactional(readOnly = true)
    public List<String> stale(LocalDateTime cutoff) {
        return query(SELECT + " WHERE status = 'RUNNING' AND COALESCE(progress_at, started_at) < ?", cutoff)
                .stream().map(Row::id).toList();
    }

    /**
     * Locks a RUNNING evaluation without progress since {@code cutoff}, in the caller's transaction.
     *
     * @return the row, or empty when it finished or moved on since it was found stale
     */
    @Transactional
    public Optional<Row> lockStale(String id, LocalDateTime cutoff) {
        List<Row> rows = query(SELECT + " WHERE id = ? AND status = 'RUNNING' AND COALESCE(progress_at, started_at) < ?"
                + " FOR UPDATE", id, cutoff);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private void update(String sql, Object... params) {
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private List<Row> query(String sql, Object... params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                                rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                                rs.getObject(8, LocalDateTime.class), rs.getObject(9, LocalDateTime.class),
                                rs.getObject(10, LocalDateTime.class), rs.getString(11)));
                    }
                }
                return out;
            }
        });
    }
}
