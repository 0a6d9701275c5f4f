package com.trustwatch.evaluation;

import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.Ruleset;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Whole-book evaluations shared by every replica on one MySQL/MariaDB database. The replica that is
 * triggered cuts the book into chunks of matter ids (table {@code work_lease}); every replica, that
 * one included, leases chunks one at a time with {@code SELECT ... FOR UPDATE SKIP LOCKED}, evaluates
 * and records each in one transaction that also marks the chunk done, until none is left. The
 * triggered replica then closes the evaluation.
 *
 * <p>A replica leases only chunks whose ruleset version is its own, so replicas in the middle of a
 * rollout never mix two rulesets in one evaluation. A chunk whose lease expires (its replica died)
 * is leased again; completing it checks that the lease is still held, so it is recorded once. If two
 * replicas did decide the same matter, the idempotency key would still record each action once.
 *
 * <p>Off unless {@code trustwatch.evaluation.partitioned=true}: H2 (the embedded default) has no
 * {@code SKIP LOCKED}, and a single instance gains nothing from leasing.
 */
@Singleton
@Requires(property = "trustwatch.evaluation.partitioned", value = "true")
public class PartitionedEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedEvaluation.class);
    private static final int MAX_ATTEMPTS = 3;

    /** What all replicas did for one evaluation. */
    record Totals(int matters, int actionsNew) {
    }

    /** One leased chunk. */
    record Lease(String evaluationId, int chunkNo, long afterId, long lastId, LocalDate asOf, String actor) {
    }

    /** The lease was taken over (it expired) or the run was cancelled: this replica's work is rolled back. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(Lease lease) {
            super("lease on chunk " + lease.chunkNo() + " of evaluation " + lease.evaluationId() + " was lost");
        }
    }

    private final MatterRepository matters;
    private final ChunkEvaluator chunks;
    private final ActiveRuleset ruleset;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final int chunkSize;
    private final int leaseSeconds;
    private final long waitMillis;
    private final String owner;
    private final int workers;
    private final Semaphore working;
    private final ExecutorService background;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    public PartitionedEvaluation(MatterRepository matters, ChunkEvaluator chunks, ActiveRuleset ruleset,
                                 JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock,
                                 @Value("${trustwatch.evaluation.chunk-size:2000}") int chunkSize,
                                 @Value("${trustwatch.evaluation.lease-seconds:120}") int leaseSeconds,
                                 @Value("${trustwatch.evaluation.wait-millis:50}") long waitMillis,
                                 @Value("${trustwatch.evaluation.workers:1}") int workers,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.matters = matters;
        this.chunks = chunks;
        this.ruleset = ruleset;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.leaseSeconds = leaseSeconds;
        this.waitMillis = waitMillis;
        this.workers = Math.max(1, workers);
        this.working = new Semaphore(this.workers);
        this.background = background;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This replica's name in {@code work_lease.owner}. */
    public String owner() {
        return owner;
    }

    /** Plans the chunks of evaluation {@code id}, works on them with the other replicas, and waits for all. */
    Totals evaluate(String id, LocalDate asOf, Ruleset rules, String actor) {
        int planned = plan(id, asOf, rules.version(), actor);
        LOG.info("evaluation {}: {} chunks of up to {} matters offered to every replica on ruleset {}", id, planned,
                chunkSize, rules.version());
        startHelpers();
        while (true) {
            drain();
            Progress p = progress(id);
            if (p.failed() > 0) {
                cancel(id);
                throw new IllegalStateException(p.failed() + " chunk(s) of evaluation " + id + " failed: " + p.failure());
            }
            if (p.open() == 0) {
                return new Totals(p.matters(), p.actionsNew());
            }
            sleep(); // other replicas hold the remaining leases
        }
    }

    /** Every replica looks for leasable chunks this often; the triggered replica also works at once. */
    @Scheduled(fixedDelay = "${trustwatch.evaluation.poll-interval:1s}", initialDelay = "1s")
    void poll() {
        startHelpers();
        drainQuietly();
    }

    /** With {@code trustwatch.evaluation.workers} above 1, more threads of this replica lease chunks too. */
    private void startHelpers() {
        for (int i = 1; i < workers; i++) {
            background.execute(this::drainQuietly);
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("leasing evaluation work failed; trying again at the next poll", e);
        }
    }

    /** Works on leased chunks until none is left; at most {@code workers} threads of a replica at once. */
    int drain() {
        if (!working.tryAcquire()) {
            return 0;
        }
        try {
            int done = 0;
            for (Optional<Lease> lease = lease(); lease.isPresent(); lease = lease()) {
                work(lease.get());
                done++;
            }
            if (done > 0) {
                LOG.info("replica {} worked {} chunk(s)", owner, done);
            }
            return done;
        } finally {
            working.release();
        }
    }

    private int plan(String id, LocalDate asOf, String version, String actor) {
        return tx.executeWrite(status -> jdbc.execute(conn -> {
            LocalDateTime now = now();
            List<long[]> ranges = new ArrayList<>();
            try (PreparedStatement next = conn.prepareStatement(
                    "SELECT id FROM matter WHERE id > ? ORDER BY id LIMIT 1 OFFSET " + (chunkSize - 1));
                 PreparedStatement last = conn.prepareStatement("SELECT MAX(id) FROM matter WHERE id > ?")) {
                long after = 0;
                while (true) {
                    next.setLong(1, after);
                    try (ResultSet rs = next.executeQuery()) {
                        if (rs.next()) {
                            long upTo = rs.getLong(1);
                            ranges.add(new long[]{after, upTo});
                            after = upTo;
                            continue;
                        }
                    }
                    last.setLong(1, after);
                    try (ResultSet rs = last.executeQuery()) {
                        rs.next();
                        long upTo = rs.getLong(1);
                        if (!rs.wasNull()) {
                            ranges.add(new long[]{after, upTo});
                        }
                    }
                    break;
                }
            }
            try (PreparedStatement insert = conn.prepareStatement("INSERT INTO work_lease (evaluation_id, chunk_no,"
                    + " after_id, last_id, as_of, ruleset_version, actor, state, attempts, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
                for (int i = 0; i < ranges.size(); i++) {
                    insert.setString(1, id);
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
            return ranges.size();
        }));
    }

    /** The next pending (or abandoned) chunk made with this replica's ruleset, leased to this replica. */
    Optional<Lease> lease() {
        String version = ruleset.get().version();
        Optional<Lease> lease = tx.executeWrite(status -> jdbc.execute(conn -> {
            LocalDateTime now = now();
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
                return Optional.<Lease>empty();
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE work_lease SET state = 'LEASED', owner = ?,"
                    + " leased_until = ?, attempts = attempts + 1, updated_at = ? WHERE evaluation_id = ? AND chunk_no = ?")) {
                ps.setString(1, owner);
                ps.setObject(2, now.plusSeconds(leaseSeconds));
                ps.setObject(3, now);
                ps.setString(4, found.evaluationId());
                ps.setInt(5, found.chunkNo());
                ps.executeUpdate();
            }
            return Optional.of(found);
        }));
        if (lease.isEmpty()) {
            reportRefusals(version);
        }
        return lease;
    }

    private void work(Lease lease) {
        Ruleset rules = ruleset.get();
        try {
            long t = chunks.tick();
            List<Matter> chunk = matters.findByIdGreaterThanAndIdLessThanEqualsOrderById(lease.afterId(), lease.lastId());
            chunks.tock(EvaluationTimings.Phase.LOAD, chunk.size(), t);
            ChunkEvaluator.Decided decided = chunks.decide(chunk, lease.asOf(), rules);
            tx.executeWrite(status -> jdbc.execute(conn -> {
                // the lease row first: a replica that lost this lease stops here, before writing anything
                if (complete(conn, lease, chunk.size()) == 0) {
                    throw new LeaseLost(lease);
                }
                int fresh = chunks.record(lease.evaluationId(), rules, chunk, decided, lease.asOf(), lease.actor());
                try (PreparedStatement ps = conn.prepareStatement(
                        "UPDATE work_lease SET actions_new = ? WHERE evaluation_id = ? AND chunk_no = ?")) {
                    ps.setInt(1, fresh);
                    ps.setString(2, lease.evaluationId());
                    ps.setInt(3, lease.chunkNo());
                    ps.executeUpdate();
                }
                return null;
            }));
        } catch (LeaseLost e) {
            LOG.warn("{}; the replica that holds it now records it", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("chunk {} of evaluation {} failed on {}", lease.chunkNo(), lease.evaluationId(), owner, e);
            release(lease, e);
        }
    }

    private int complete(Connection conn, Lease lease, int matterCount) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE work_lease SET state = 'DONE', matters = ?,"
                + " updated_at = ? WHERE evaluation_id = ? AND chunk_no = ? AND owner = ? AND state = 'LEASED'")) {
            ps.setInt(1, matterCount);
            ps.setObject(2, now());
            ps.setString(3, lease.evaluationId());
            ps.setInt(4, lease.chunkNo());
            ps.setString(5, owner);
            return ps.executeUpdate();
        }
    }

    /** A failed chunk goes back to the pool, or fails the evaluation after its last attempt. */
    private void release(Lease lease, RuntimeException cause) {
        String failure = (cause.getClass().getSimpleName() + ": " + cause.getMessage());
        tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE work_lease SET state = CASE WHEN attempts >= ?"
                    + " THEN 'FAILED' ELSE 'PENDING' END, owner = NULL, leased_until = NULL, failure = ?, updated_at = ?"
                    + " WHERE evaluation_id = ? AND chunk_no = ? AND owner = ? AND state = 'LEASED'")) {
                ps.setInt(1, MAX_ATTEMPTS);
                ps.setString(2, failure.substring(0, Math.min(failure.length(), 2000)));
                ps.setObject(3, now());
                ps.setString(4, lease.evaluationId());
                ps.setInt(5, lease.chunkNo());
                ps.setString(6, owner);
                return ps.executeUpdate();
            }
        }));
    }

    /** Withdraws the chunks nobody has finished; a replica still working on one finds its lease lost. */
    private void cancel(String id) {
        tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE work_lease SET state = 'CANCELLED', updated_at = ?"
                    + " WHERE evaluation_id = ? AND state IN ('PENDING', 'LEASED')")) {
                ps.setObject(1, now());
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        }));
    }

    private record Progress(int open, int failed, int matters, int actionsNew, String failure) {
    }

    private Progress progress(String id) {
        return tx.executeRead(status -> jdbc.execute(conn -> {
            int open = 0;
            int failed = 0;
            int matterCount = 0;
            int fresh = 0;
            String failure = null;
            try (PreparedStatement ps = conn.prepareStatement("SELECT state, COUNT(*), COALESCE(SUM(matters), 0),"
                    + " COALESCE(SUM(actions_new), 0), MAX(failure) FROM work_lease WHERE evaluation_id = ? GROUP BY state")) {
                ps.setString(1, id);
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
        }));
    }

    /** Says once per evaluation that this replica will not work on a run made with another ruleset. */
    private void reportRefusals(String version) {
        tx.executeRead(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT evaluation_id, ruleset_version"
                    + " FROM work_lease WHERE state = 'PENDING' AND ruleset_version <> ?")) {
                ps.setString(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (refused.add(rs.getString(1))) {
                            LOG.warn("replica {} refuses evaluation {}: it was started with ruleset {}, this replica"
                                    + " runs ruleset {}", owner, rs.getString(1), rs.getString(2), version);
                        }
                    }
                }
            }
            return null;
        }));
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void sleep() {
        try {
            Thread.sleep(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other replicas", e);
        }
    }
}
