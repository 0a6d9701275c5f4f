package com.trustwatch.policy;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every ruleset version with its workbooks (bytes and SHA-256), and which version is in force.
 * States: DRAFT (uploaded and checked) → APPROVED (by a second person) → ACTIVE → RETIRED (another
 * was activated); DRAFT or APPROVED → REJECTED. A RETIRED version that was active may be activated
 * again (rollback).
 */
@Singleton
@Owns({"ruleset_version", "ruleset_workbook", "ruleset_head"})
public class RulesetVersions {

    /** One version as stored. */
    public record Version(int version, String state, String note, Integer basedOn, String fingerprint,
                          String rulesManifest, int testsRun, int testsFailed, String testReport,
                          String uploadedBy, LocalDateTime uploadedAt, String approvedBy, LocalDateTime approvedAt,
                          String activatedBy, LocalDateTime activatedAt, LocalDateTime retiredAt,
                          String rejectedBy, LocalDateTime rejectedAt, String rejectNote, boolean wasActive) {
    }

    /** One workbook of a version, without its bytes. */
    public record Workbook(String name, String sha256, int size, boolean uploaded) {
    }

    /** A workbook to store: its bytes, and whether it was uploaded with the version (or carried over). */
    public record NewWorkbook(String name, String sha256, byte[] content, boolean uploaded) {
    }

    private static final String SELECT = "SELECT version, state, note, based_on, fingerprint, rules_manifest, tests_run,"
            + " tests_failed, test_report, uploaded_by, uploaded_at, approved_by, approved_at, activated_by, activated_at,"
            + " retired_at, rejected_by, rejected_at, reject_note, was_active FROM ruleset_version";

    private final JdbcOperations jdbc;

    public RulesetVersions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the head row in the caller's transaction; returns the active version (null before the first). */
    @Transactional
    public Integer lockHead() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT active_version FROM ruleset_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                int v = rs.getInt(1);
                return rs.wasNull() ? null : v;
            }
        });
    }

    /** The active version, without locking (what a replica polls). */
    @Transactional(readOnly = true)
    public Integer activeVersion() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT active_version FROM ruleset_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                int v = rs.getInt(1);
                return rs.wasNull() ? null : v;
            }
        });
    }

    /** The next version number; call with the head locked. */
    @Transactional
    public int nextNumber() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM ruleset_version");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Transactional
    public void insert(Version v, List<NewWorkbook> workbooks) {
        update("INSERT INTO ruleset_version (version, state, note, based_on, fingerprint, rules_manifest, tests_run,"
                        + " tests_failed, test_report, uploaded_by, uploaded_at, was_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.version(), v.state(), Columns.cut(v.note(), 2000), v.basedOn(), v.fingerprint(), v.rulesManifest(),
                v.testsRun(), v.testsFailed(), v.testReport(), Columns.cut(v.uploadedBy(), 128), v.uploadedAt(), v.wasActive());
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO ruleset_workbook (version, name, sha256, size,"
                    + " uploaded, content) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (NewWorkbook w : workbooks) {
                    ps.setInt(1, v.version());
                    ps.setString(2, w.name());
                    ps.setString(3, w.sha256());
                    ps.setInt(4, w.content().length);
                    ps.setBoolean(5, w.uploaded());
                    ps.setBytes(6, w.content());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Transactional(readOnly = true)
    public Optional<Version> find(int version) {
        List<Version> rows = query(SELECT + " WHERE version = ?", version);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Locks one version's row in the caller's transaction. */
    @Transactional
    public Optional<Version> lock(int version) {
        List<Version> rows = query(SELECT + " WHERE version = ? FOR UPDATE", version);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every version, newest first. */
    @Transactional(readOnly = true)
    public List<Version> list() {
        return query(SELECT + " ORDER BY version DESC");
    }

    /** The workbooks of a version, without their bytes, by name. */
    @Transactional(readOnly = true)
    public List<Workbook> workbooks(int version) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT name, sha256, size, uploaded FROM ruleset_workbook"
                    + " WHERE version = ? ORDER BY name")) {
                ps.setInt(1, version);
                List<Workbook> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Workbook(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
                    }
                }
                return out;
            }
        });
    }

    /** The bytes of every workbook of a version, by name. */
    @Transactional(readOnly = true)
    public Map<String, byte[]> contents(int version) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT name, content FROM ruleset_workbook WHERE version = ?"
                    + " ORDER BY name")) {
                ps.setInt(1, version);
                Map<String, byte[]> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getBytes(2));
                    }
                }
                return out;
            }
        });
    }

    @Transactional
    public void approve(int version, String by, LocalDateTime at) {
        update("UPDATE ruleset_version SET state = 'APPROVED', approved_by = ?, approved_at = ? WHERE version = ?",
                Columns.cut(by, 128), at, version);
    }

    @Transactional
    public void reject(int version, String by, LocalDateTime at, String note) {
        update("UPDATE ruleset_version SET state = 'REJECTED', rejected_by = ?, rejected_at = ?, reject_note = ?"
                + " WHERE version = ?", Columns.cut(by, 128), at, Columns.cut(note, 2000), version);
    }

    /** Puts {@code version} in force in the caller's transaction (head locked): the one it replaces is RETIRED. */
    @Transactional
    public void activate(int version, Integer replaced, String by, LocalDateTime at) {
        if (replaced != null) {
            update("UPDATE ruleset_version SET state = 'RETIRED', retired_at = ? WHERE version = ?", at, replaced);
        }
        update("UPDATE ruleset_version SET state = 'ACTIVE', was_active = TRUE, activated_by = ?, activated_at = ?,"
                + " retired_at = NULL WHERE version = ?", Columns.cut(by, 128), at, version);
        update("UPDATE ruleset_head SET active_version = ?, changed_at = ? WHERE id = 1", version, at);
    }

    /** Records the fingerprint a version now compiles to (the rule files changed with a release). */
    @Transactional
    public void refingerprint(int version, String fingerprint, String rulesManifest) {
        update("UPDATE ruleset_version SET fingerprint = ?, rules_manifest = ? WHERE version = ?", fingerprint,
                rulesManifest, version);
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

    private List<Version> query(String sql, Object... params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<Version> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Version row(ResultSet rs) throws SQLException {
        int basedOn = rs.getInt(4);
        Integer based = rs.wasNull() ? null : basedOn;
        return new Version(rs.getInt(1), rs.getString(2), rs.getString(3), based, rs.getString(5), rs.getString(6),
                rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getObject(11, LocalDateTime.class),
                rs.getString(12), rs.getObject(13, LocalDateTime.class), rs.getString(14),
                rs.getObject(15, LocalDateTime.class), rs.getObject(16, LocalDateTime.class), rs.getString(17),
                rs.getObject(18, LocalDateTime.class), rs.getString(19), rs.getBoolean(20));
    }
}
