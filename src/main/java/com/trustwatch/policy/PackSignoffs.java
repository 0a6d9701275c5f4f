package com.trustwatch.policy;

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

/** Ethics counsel's sign-offs of compliance packs, each bound to the SHA-256 of the pack text signed. */
@Singleton
@Owns("pack_signoff")
public class PackSignoffs {

    /** One sign-off. {@code source}: HTTP (signed in the product) or CSV (imported from rules/compliance/signoffs.csv). */
    public record Signoff(String pack, String sha256, String reviewer, LocalDate signedOn, LocalDateTime signedAt,
                          String note, String source) {
    }

    private final JdbcOperations jdbc;

    public PackSignoffs(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Every sign-off, oldest first. */
    @Transactional(readOnly = true)
    public List<Signoff> all() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT pack, sha256, reviewer, signed_on, signed_at, note,"
                    + " source FROM pack_signoff ORDER BY signed_at, id");
                 ResultSet rs = ps.executeQuery()) {
                List<Signoff> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Signoff(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDateTime.class), rs.getString(6),
                            rs.getString(7)));
                }
                return out;
            }
        });
    }

    /** Whether this reviewer has signed this text of this pack. */
    @Transactional(readOnly = true)
    public boolean exists(String pack, String sha256, String reviewer) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM pack_signoff WHERE pack = ?"
                    + " AND sha256 = ? AND reviewer = ?")) {
                ps.setString(1, pack);
                ps.setString(2, sha256.toLowerCase(java.util.Locale.ROOT));
                ps.setString(3, Columns.cut(reviewer, 128));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            }
        });
    }

    @Transactional
    public void add(Signoff s) {
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO pack_signoff (pack, sha256, reviewer,"
                    + " signed_on, signed_at, note, source) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.pack());
                ps.setString(2, s.sha256().toLowerCase(java.util.Locale.ROOT));
                ps.setString(3, Columns.cut(s.reviewer(), 128));
                ps.setObject(4, s.signedOn());
                ps.setObject(5, s.signedAt());
                ps.setString(6, Columns.cut(s.note(), 2000));
                ps.setString(7, s.source());
                return ps.executeUpdate();
            }
        });
    }
}
