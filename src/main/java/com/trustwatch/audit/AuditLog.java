package com.trustwatch.audit;

import com.trustwatch.db.Columns;
import com.trustwatch.db.MultiRowInsert;
import com.trustwatch.db.Owns;
import com.trustwatch.db.Timestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The append-only, hash-chained audit log. Each entry's hash covers its fields and the previous
 * entry's hash; appends lock the single chain-head row, so concurrent writers chain in one order.
 * Nothing in the service updates or deletes an entry: this class has no method that could.
 * The chain is anchored outside the database by signed {@link Checkpoint}s: one after every
 * {@code trustwatch.audit.checkpoint-every} entries (once the transaction that wrote them has
 * committed) and one whenever {@link #checkpoint()} is asked for (at the end of every evaluation).
 */
@Singleton
@Owns({"audit_entry", "audit_head"})
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS = "seq, recorded_at, kind, matter_number, evaluation_id, action_id, rule_id, "
            + "ruleset_version, actor, detail, prev_hash, hash";

    private final JdbcOperations jdbc;
    private final Clock clock;
    private final TransactionOperations<Connection> tx;
    private final AuditCheckpoints checkpoints;
    private final int checkpointEvery;
    /** 1 when the last verification found the chain intact, 0 when not, -1 before the first one. */
    private final AtomicInteger lastVerification = new AtomicInteger(-1);

    public AuditLog(JdbcOperations jdbc, Clock clock, TransactionOperations<Connection> tx,
                    AuditCheckpoints checkpoints, CheckpointSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
        this.checkpoints = checkpoints;
        this.checkpointEvery = Math.max(1, settings.checkpointEvery());
        Gauge.builder("trustwatch.audit.chain.valid", lastVerification, AtomicInteger::get)
                .description("1 if the last audit verification found the chain intact, 0 if not, -1 before the first")
                .register(meters);
    }

    /** Appends entries in the caller's transaction (one is started if none is open). */
    @Transactional
    public void append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            appendOn(conn, records);
            return null;
        });
    }

    @Transactional
    public void append(AuditRecord record) {
        append(List.of(record));
    }

    private void appendOn(Connection conn, List<AuditRecord> records) throws SQLException {
        long seq;
        String prev;
        long before;
        try (PreparedStatement head = conn.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = head.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
            prev = rs.getString(2);
        }
        before = seq;
        LocalDateTime now = Timestamps.now(clock);
        List<AuditEntry> chained = new ArrayList<>(records.size());
        MessageDigest sha = sha256();
        for (AuditRecord r : records) {
            seq++;
            AuditEntry e = new AuditEntry(seq, now, r.kind(), r.matterNumber(), r.evaluationId(), r.actionId(),
                    r.ruleId(), r.rulesetVersion(), r.actor(), Columns.cut(r.detail(), 4000), prev, null);
            String hash = hash(sha, e);
            chained.add(new AuditEntry(e.seq(), e.recordedAt(), e.kind(), e.matterNumber(), e.evaluationId(),
                    e.actionId(), e.ruleId(), e.rulesetVersion(), e.actor(), e.detail(), prev, hash));
            prev = hash;
        }
        MultiRowInsert.insert(conn, "INSERT INTO audit_entry (" + COLUMNS + ")", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "", chained, (insert, i, e) -> {
                    insert.setLong(i, e.seq());
                    insert.setObject(i + 1, e.recordedAt());
                    insert.setString(i + 2, e.kind().name());
                    insert.setString(i + 3, e.matterNumber());
                    insert.setString(i + 4, e.evaluationId());
                    insert.setObject(i + 5, e.actionId());
                    insert.setString(i + 6, e.ruleId());
                    insert.setString(i + 7, e.rulesetVersion());
                    insert.setString(i + 8, e.actor());
                    insert.setString(i + 9, e.detail());
                    insert.setString(i + 10, e.prevHash());
                    insert.setString(i + 11, e.hash());
                });
        try (PreparedStatement head = conn.prepareStatement(
                "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            head.setLong(1, seq);
            head.setString(2, prev);
            head.executeUpdate();
        }
        if (before / checkpointEvery != seq / checkpointEvery) {
            checkpointAfterCommit(seq, prev);
        }
    }

    /** A checkpoint of what this transaction wrote, once it is committed (a rolled-back chain has none). */
    private void checkpointAfterCommit(long seq, String hash) {
        var status = tx.findTransactionStatus();
        if (status.isEmpty()) {
            checkpoints.record(seq, hash);
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                checkpoints.record(seq, hash);
            }
        });
    }

    /** Whether this installation's key signed {@code c}. */
    public boolean signedHere(Checkpoint c) {
        return checkpoints.signedHere(c);
    }

    /** Signs the chain as it stands (the committed head) and keeps the checkpoint in the checkpoint file. */
    @Transactional(readOnly = true)
    public Checkpoint checkpoint() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return checkpoints.record(rs.getLong(1), rs.getString(2));
            }
        });
    }

    /** Entries for one matter (or all, when {@code matter} is null), newest last, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<AuditEntry> entries(String matter, int limit) {
        return jdbc.execute(conn -> {
            String sql = "SELECT " + COLUMNS + " FROM audit_entry"
                    + (matter == null ? "" : " WHERE matter_number = ?") + " ORDER BY seq DESC LIMIT ?";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                if (matter != null) {
                    ps.setString(i++, matter);
                }
                ps.setInt(i, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                java.util.Collections.reverse(out);
                return out;
            }
        });
    }

    /** One page of the trail for one matter (or all, when {@code matter} is null), in sequence order. */
    @Transactional(readOnly = true)
    public List<AuditEntry> page(String matter, long offset, int limit) {
        return jdbc.execute(conn -> {
            String sql = "SELECT " + COLUMNS + " FROM audit_entry"
                    + (matter == null ? "" : " WHERE matter_number = ?") + " ORDER BY seq LIMIT ? OFFSET ?";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                if (matter != null) {
                    ps.setString(i++, matter);
                }
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** How many entries the trail holds for one matter (or in all, when {@code matter} is null). */
    @Transactional(readOnly = true)
    public long count(String matter) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM audit_entry"
                    + (matter == null ? "" : " WHERE matter_number = ?"))) {
                if (matter != null) {
                    ps.setString(1, matter);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Result of recomputing the chain and comparing it with a checkpoint.
     *
     * @param checkpoint the checkpoint it was compared with: the one given, else the file's latest; null if none
     * @param checkpointSource "given", "file", or null
     */
    @Serdeable
    public record Verification(boolean valid, long entriesChecked, @Nullable Long firstBrokenSeq,
                               @Nullable String problem, @Nullable Checkpoint checkpoint,
                               @Nullable String checkpointSource) {
    }

    /** Recomputes every hash and compares the chain with the latest checkpoint in the checkpoint file. */
    public Verification verify() {
        return verify(null);
    }

    /**
     * Recomputes every hash from the first entry on and reports the first broken link; then compares the
     * chain with {@code given} (or, if null, the checkpoint file's latest): the chain must still hold the
     * checkpoint's entry with the checkpoint's hash, else entries were removed or rewritten.
     *
     * @throws IllegalArgumentException if {@code given} was not signed by this installation's key
     */
    @Transactional(readOnly = true)
    public Verification verify(@Nullable Checkpoint given) {
        if (given != null && !checkpoints.signedHere(given)) {
            throw new IllegalArgumentException("the checkpoint's signature does not verify with this installation's"
                    + " key: it was altered, or another installation issued it");
        }
        Optional<AuditCheckpoints.Latest> latest = given == null ? checkpoints.latest() : Optional.empty();
        Checkpoint against = given != null ? given : latest.map(AuditCheckpoints.Latest::checkpoint).orElse(null);
        String source = given != null ? "given" : against != null ? "file" : null;
        Verification v = jdbc.execute(conn -> chain(conn, against, source));
        if (v.valid() && latest.isPresent() && latest.get().damage() != null) {
            v = new Verification(false, v.entriesChecked(), null, "the checkpoint file was edited: "
                    + latest.get().damage(), against, source);
        }
        lastVerification.set(v.valid() ? 1 : 0);
        return v;
    }

    private Verification chain(Connection conn, @Nullable Checkpoint against, @Nullable String source) throws SQLException {
        String prev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        String hashAtCheckpoint = null;
        MessageDigest sha = sha256();
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEntry e = read(rs);
                    if (e.seq() != expectedSeq) {
                        return new Verification(false, checked, e.seq(), "entry " + expectedSeq + " is missing",
                                against, source);
                    }
                    if (!e.prevHash().equals(prev)) {
                        return new Verification(false, checked, e.seq(),
                                "entry " + e.seq() + " does not point at the hash of entry " + (e.seq() - 1), against, source);
                    }
                    if (!hash(sha, e).equals(e.hash())) {
                        return new Verification(false, checked, e.seq(),
                                "entry " + e.seq() + " was altered: its content does not match its hash", against, source);
                    }
                    if (against != null && e.seq() == against.seq()) {
                        hashAtCheckpoint = e.hash();
                    }
                    prev = e.hash();
                    expectedSeq++;
                    checked++;
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != checked || !rs.getString(2).equals(prev)) {
                return new Verification(false, checked, checked + 1,
                        "the chain ends at entry " + checked + " but the head records entry " + rs.getLong(1)
                                + ": entries were removed from the end", against, source);
            }
        }
        if (against != null && against.seq() > checked) {
            return new Verification(false, checked, checked + 1, "the chain ends at entry " + checked
                    + " but the checkpoint of " + against.at() + " records entry " + against.seq()
                    + ": entries were removed from the end and the head rewritten to match", against, source);
        }
        if (against != null && against.seq() > 0 && !against.hash().equals(hashAtCheckpoint)) {
            return new Verification(false, checked, against.seq(), "entry " + against.seq()
                    + " is not the one the checkpoint of " + against.at() + " recorded: the chain was rewritten"
                    + " up to there", against, source);
        }
        return new Verification(true, checked, null, null, against, source);
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        long action = rs.getLong(6);
        Long actionId = rs.wasNull() ? null : action;
        return new AuditEntry(rs.getLong(1), rs.getObject(2, LocalDateTime.class), AuditKind.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5), actionId, rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12));
    }

    static String hash(AuditEntry e) {
        return hash(sha256(), e);
    }

    /** The entry's SHA-256 with {@code sha}, which is left reset: one digest serves a whole append or verification. */
    static String hash(MessageDigest sha, AuditEntry e) {
        return HEX.formatHex(sha.digest(e.canonical().getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
