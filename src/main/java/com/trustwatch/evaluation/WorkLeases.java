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
 * The chunks of partitioned evaluations ({@code work_lease}): which matters each covers (ids in
 * {@code (after_id, last_id]}), which replica holds it until when, and what it recorded. Leasing
 * uses {@code SELECT … FOR UPDATE SKIP LOCKED}, so replicas never wait on each other's chunks.
 */
@Singleton
@Owns("work_lease")
public class WorkLeases {

    /** One leased chunk. */
    public record Lease(String evaluationId, int chunkNo, long afterId, long lastId, LocalDate asOf, String actor) {
    }

    /** Where the chunks of one evaluation stand. */
    public record Progress(int open, int failed, int matters, int actionsNew, String failure) {
    }

    private final JdbcOperations jdbc;

    public WorkLeases(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Offers the chunks {@code ranges} (each {@code [afterId, lastId]}) of an evaluation to every replica. */
    @Transactional
    public void plan(String evaluationId, List<long[]> ranges, LocalDate asOf, String version, String actor,
                     LocalDateTime now) {
        jdbc.execute(conn -> {
            try (PreparedStatement insert = conn.prepareStatement("INSERT INTO work_lease (evaluation_id, chunk_no,"
                    + " after_id, last_id, as_of, ruleset_version, actor, state, attempts, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
                for (int i = 0; i < ranges.size(); i++) {
                    insert.setString(1, evaluationId);
                    insert.setInt(2, i + 1);
                    insert.setLong(3, ranges.get(i)[0]);
                    insert.setLong(4, ranges.get(i)[1]);
                    insert.setObject(5, asOf);
                    insert.setString(6, version);
                    insert.setString(7, actor);
                    insert.setObject(8, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The next pending (or abandoned) chunk made with ruleset {@code version}, leased to {@code owner}. */
    @Transactional
    public Optional<Lease> lease(String version, String owner, LocalDateTime now, LocalDateTime until) {
        return jdbc.execute(conn -> {
            Lease found = null;
            try (PreparedStatement ps = conn.prepareStatement("SELECT evaluation_id, chunk_no, after_id, last_id, as_of,"
                    + " actor FROM work_lease WHERE ruleset_version = ? AND (state = 'PENDING'"
                    + " OR (state = 'LEASED' AND leased_until < ?)) ORDER BY evaluation_id, chunk_no LIMIT 1"
                    + " FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, version);
                ps.setObject(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = new Lease(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                                rs.getObject(5, LocalDate.class), rs.getString(6));
                    }
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE work_lease SET state = 'LEASED', owner = ?,"
                    + " leased_until = ?, attempts = attempts + 1, updated_at = ? WHERE evaluation_id = ? AND chunk_no = ?")) {
                ps.setString(1, owner);
                ps.setObject(2, until);
                ps.setObject(3, now);
                ps.setString(4, found.evaluationId());
                ps.setInt(5, found.chunkNo());
                ps.executeUpdate();
            }
            return Optional.of(found);
        });
    }

    /**
     * Marks a chunk DONE, in the caller's transaction, if {@code owner} still holds it. Called before
     * the chunk's actions are recorded, so a replica that lost its lease stops before writing anything.
     *
     * @return false when the lease was lost (taken over or cancelled): the caller rolls back
     */
    @Transactional
    public boolean complete(Lease lease, String owner, int matters, LocalDateTime now) {
        return update("UPDATE work_lease SET state = 'DONE', matters = ?, updated_at = ?"
                + " WHERE evaluation_id = ? AND chunk_no = ? AND owner = ? AND state = 'LEASED'",
                matters, now, lease.evaluationId(), lease.chunkNo(), owner) == 1;
    }

    /** How many actions a completed chunk recorded first, in the caller's transaction. */
    @Transactional
    public void countNew(Lease lease, int actionsNew) {
        update("UPDATE work_lease SET actions_new = ? WHERE evaluation_id = ? AND chunk_no = ?",
                actionsNew, lease.evaluationId(), lease.chunkNo());
    }

    /** A failed chunk goes back to the pool, or fails for good after {@code maxAttempts}. */
    @Transactional
    public void release(Lease lease, String owner, String failure, int maxAttempts, LocalDateTime now) {
        update("UPDATE work_lease SET state = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'PENDING' END, owner = NULL,"
                + " leased_until = NULL, failure = ?, updated_at = ?"
                + " WHERE evaluation_id = ? AND chunk_no = ? AND owner = ? AND state = 'LEASED'",
                maxAttempts, Columns.cut(failure, 2000), now, lease.evaluationId(), lease.chunkNo(), owner);
    }

    /** Withdraws the chunks nobody has finished; a replica still working on one finds its lease lost. */
    @Transactional
    public int cancel(String evaluationId, LocalDateTime now) {
        return update("UPDATE work_lease SET state = 'CANCELLED', updated_at = ?"
                + " WHERE evaluation_id = ? AND state IN ('PENDING', 'LEASED')", now, evaluationId);
    }

    /**
     * Withdraws the chunks of an evaluation no replica has leased yet, in the caller's transaction (the
     * evaluation was asked to stop); chunks leased already are finished and recorded by their replicas.
     *
     * @return how many chunks were withdrawn
     */
    @Transactional
    public int withdraw(String evaluationId, LocalDateTime now) {
        return update("UPDATE work_lease SET state = 'CANCELLED', updated_at = ?"
                + " WHERE evaluation_id = ? AND state = 'PENDING'", now, evaluationId);
    }

    @Transactional(readOnly = true)
    public Progress progress(String evaluationId) {
        return jdbc.execute(conn -> {
            int open = 0;
            int failed = 0;
            int matterCount = 0;
            int fresh = 0;
            String failure = null;
            try (PreparedStatement ps = conn.prepareStatement("SELECT state, COUNT(*), COALESCE(SUM(matters), 0),"
                    + " COALESCE(SUM(actions_new), 0), MAX(failure) FROM work_lease WHERE evaluation_id = ? GROUP BY state")) {
                ps.setString(1, evaluationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case "PENDING", "LEASED" -> open += rs.getInt(2);
                            case "FAILED" -> {
                                failed += rs.getInt(2);
                                failure = rs.getString(5);
                            }
                            case "DONE" -> {
                                matterCount += rs.getInt(3);
                                fresh += rs.getInt(4);
                            }
                            default -> {
                            }
                        }
                    }
                }
            }
            return new Progress(open, failed, matterCount, fresh, failure);
        });
    }

    /** Pending chunks made with a ruleset other than {@code version}: evaluation id to its version. */
    @Transactional(readOnly = true)
    public List<String[]> pendingOnOtherVersions(String version) {
        return jdbc.execute(conn -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT evaluation_id, ruleset_version"
                    + " FROM work_lease WHERE state = 'PENDING' AND ruleset_version <> ?")) {
                ps.setString(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[]{rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return out;
        });
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
}
