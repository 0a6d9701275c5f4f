package com.trustwatch.evaluation;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluations whose process died while they ran. Each chunk an evaluation records is complete and
 * final (its actions carry their idempotency keys, so no later evaluation records them again), but
 * the dispatcher waits for an evaluation to finish before delivering its rows. An evaluation left
 * RUNNING by a killed process would hold its chunks' messages back for ever; once it has made no
 * progress for {@code trustwatch.evaluation.abandon-after} it is marked FAILED, which releases them.
 */
@Singleton
public class AbandonedEvaluations {

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedEvaluations.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final Clock clock;
    private final LockConflicts conflicts;
    private final Duration abandonAfter;

    public AbandonedEvaluations(JdbcOperations jdbc, TransactionOperations<Connection> tx, AuditLog audit, Clock clock,
                                LockConflicts conflicts,
                                @Value("${trustwatch.evaluation.abandon-after:15m}") Duration abandonAfter) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.conflicts = conflicts;
        this.abandonAfter = abandonAfter;
    }

    @Scheduled(fixedDelay = "${trustwatch.evaluation.abandon-check-interval:1m}",
            initialDelay = "${trustwatch.evaluation.abandon-check-interval:1m}")
    void scheduled() {
        try {
            release();
        } catch (RuntimeException e) {
            LOG.warn("checking for abandoned evaluations failed; trying again at the next check", e);
        }
    }

    /** Marks FAILED every RUNNING evaluation without progress for the configured time; returns their ids. */
    public List<String> release() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDateTime cutoff = now.minus(abandonAfter);
        List<String> stale = tx.executeRead(status -> jdbc.execute(conn -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM evaluation WHERE status = 'RUNNING'"
                    + " AND COALESCE(progress_at, started_at) < ?")) {
                ps.setObject(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        }));
        List<String> released = new ArrayList<>();
        for (String id : stale) {
            if (conflicts.retry("releasing abandoned evaluation " + id, () -> abandon(id, now, cutoff))) {
                released.add(id);
            }
        }
        return released;
    }

    private boolean abandon(String id, LocalDateTime now, LocalDateTime cutoff) {
        return tx.executeWrite(status -> {
            String detail = jdbc.execute(conn -> {
                String since;
                String version;
                int evaluated;
                try (PreparedStatement ps = conn.prepareStatement("SELECT COALESCE(progress_at, started_at),"
                        + " ruleset_version, matters_evaluated FROM evaluation WHERE id = ? AND status = 'RUNNING'"
                        + " AND COALESCE(progress_at, started_at) < ? FOR UPDATE")) {
                    ps.setString(1, id);
                    ps.setObject(2, cutoff);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return null; // it finished, or moved on, since we looked
                        }
                        since = rs.getObject(1, LocalDateTime.class).toString();
                        version = rs.getString(2);
                        evaluated = rs.getInt(3);
                    }
                }
                long recorded;
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = ? AND outcome = 'NEW'")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        recorded = rs.getLong(1);
                    }
                }
                String failure = "abandoned: no progress since " + since + " (trustwatch.evaluation.abandon-after is "
                        + abandonAfter + "), so the process running it stopped; the " + recorded + " actions its "
                        + evaluated + " evaluated matters recorded are released for delivery; run the evaluation"
                        + " again to cover the matters it did not reach";
                try (PreparedStatement up = conn.prepareStatement("UPDATE evaluation SET status = 'FAILED',"
                        + " finished_at = ?, failure = ? WHERE id = ?")) {
                    up.setObject(1, now);
                    up.setString(2, failure);
                    up.setString(3, id);
                    up.executeUpdate();
                }
                audit.append(new AuditRecord("EVALUATION_FAILED", null, id, null, null, version, "system", failure));
                return failure;
            });
            if (detail != null) {
                LOG.warn("evaluation {} {}", id, detail);
            }
            return detail != null;
        });
    }
}
