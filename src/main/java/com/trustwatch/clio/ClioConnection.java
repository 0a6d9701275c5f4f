package com.trustwatch.clio;

import com.trustwatch.db.Owns;
import com.trustwatch.secrets.SecretCipher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The one connection to Clio ({@code clio_connection}, row id 1): the OAuth tokens, sealed with
 * {@link SecretCipher} (AES-256-GCM, the key from configuration, each value bound to its column), the
 * state of an authorization in progress, the incremental-sync cursor and the connection's status.
 */
@Singleton
@Owns("clio_connection")
public class ClioConnection {

    private static final int ROW = 1;
    static final String ACCESS = "clio_connection:1:access_token";
    static final String REFRESH = "clio_connection:1:refresh_token";

    /** Where the connection stands. */
    public enum Status {
        /** Never authorized, or disconnected. */
        NOT_CONNECTED,
        /** An administrator was sent to Clio to authorize; the callback has not come back yet. */
        AUTHORIZING,
        CONNECTED,
        /** Clio refused the refresh token (revoked in Clio): an administrator must authorize again. */
        NEEDS_REAUTHORIZATION
    }

    /** The tokens in clear, only in memory. */
    public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + "]"; // never the tokens themselves in a log line
        }
    }

    private final JdbcOperations jdbc;
    private final SecretCipher cipher;

    public ClioConnection(JdbcOperations jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Transactional(readOnly = true)
    public Status status() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT status FROM clio_connection WHERE id = ?")) {
                ps.setInt(1, ROW);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Status.valueOf(rs.getString(1)) : Status.NOT_CONNECTED;
                }
            }
        });
    }

    /** The tokens, opened; empty when not connected. */
    @Transactional(readOnly = true)
    public Optional<Tokens> tokens() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT access_token, refresh_token, expires_at FROM"
                    + " clio_connection WHERE id = ? AND refresh_token IS NOT NULL")) {
                ps.setInt(1, ROW);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Tokens>empty();
                    }
                    LocalDateTime expires = rs.getObject(3, LocalDateTime.class);
                    return Optional.of(new Tokens(cipher.open(rs.getString(1), ACCESS), cipher.open(rs.getString(2), REFRESH),
                            expires == null ? null : expires.toInstant(ZoneOffset.UTC)));
                }
            }
        });
    }

    /** Stores new tokens, sealed, and marks the connection CONNECTED. */
    @Transactional
    public void saveTokens(Tokens tokens, LocalDateTime now) {
        String access = cipher.seal(tokens.accessToken(), ACCESS);
        String refresh = cipher.seal(tokens.refreshToken(), REFRESH);
        jdbc.execute(conn -> {
            ensureRow(conn, now);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE clio_connection SET access_token = ?,"
                    + " refresh_token = ?, expires_at = ?, pending_state = NULL, status = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, access);
                ps.setString(2, refresh);
                ps.setObject(3, tokens.expiresAt() == null ? null : LocalDateTime.ofInstant(tokens.expiresAt(), ZoneOffset.UTC));
                ps.setString(4, Status.CONNECTED.name());
                ps.setObject(5, now);
                ps.setInt(6, ROW);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Remembers the {@code state} an authorization was started with (checked by the callback). */
    @Transactional
    public void startAuthorizing(String state, LocalDateTime now) {
        jdbc.execute(conn -> {
            ensureRow(conn, now);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE clio_connection SET pending_state = ?,"
                    + " status = CASE WHEN refresh_token IS NULL THEN ? ELSE status END, updated_at = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setString(2, Status.AUTHORIZING.name());
                ps.setObject(3, now);
                ps.setInt(4, ROW);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether {@code state} is the pending one; it is used up either way (one callback per authorization). */
    @Transactional
    public boolean takeState(String state, LocalDateTime now) {
        return jdbc.execute(conn -> {
            String pending = null;
            try (PreparedStatement ps = conn.prepareStatement("SELECT pending_state FROM clio_connection WHERE id = ?")) {
                ps.setInt(1, ROW);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        pending = rs.getString(1);
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE clio_connection SET pending_state = NULL,"
                    + " updated_at = ? WHERE id = ?")) {
                ps.setObject(1, now);
                ps.setInt(2, ROW);
                ps.executeUpdate();
            }
            return pending != null && state != null && java.security.MessageDigest.isEqual(
                    pending.getBytes(java.nio.charset.StandardCharsets.UTF_8), state.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    @Transactional
    public void needsReauthorization(LocalDateTime now) {
        setStatus(Status.NEEDS_REAUTHORIZATION, now);
    }

    /** Where the next incremental read starts (the last successful sync's start); empty: read everything. */
    @Transactional(readOnly = true)
    public Optional<Instant> syncedThrough() {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT synced_through FROM clio_connection WHERE id = ?")) {
                ps.setInt(1, ROW);
                try (ResultSet rs = ps.executeQuery()) {
                    LocalDateTime t = rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
                    return Optional.ofNullable(t).map(x -> x.toInstant(ZoneOffset.UTC));
                }
            }
        });
    }

    @Transactional
    public void syncedThrough(Instant through, LocalDateTime now) {
        jdbc.execute(conn -> {
            ensureRow(conn, now);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE clio_connection SET synced_through = ?,"
                    + " updated_at = ? WHERE id = ?")) {
                ps.setObject(1, LocalDateTime.ofInstant(through, ZoneOffset.UTC));
                ps.setObject(2, now);
                ps.setInt(3, ROW);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void setStatus(Status status, LocalDateTime now) {
        jdbc.execute(conn -> {
            ensureRow(conn, now);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE clio_connection SET status = ?, updated_at = ?"
                    + " WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setObject(2, now);
                ps.setInt(3, ROW);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void ensureRow(Connection conn, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT IGNORE INTO clio_connection (id, status, updated_at)"
                + " VALUES (?, ?, ?)")) {
            ps.setInt(1, ROW);
            ps.setString(2, Status.NOT_CONNECTED.name());
            ps.setObject(3, now);
            ps.executeUpdate();
        }
    }
}
