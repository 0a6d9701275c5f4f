package com.trustwatch.webhook;

import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The firm's webhook subscriptions ({@code webhook_subscription}): a URL, the secret events to it are
 * signed with (sealed at rest; {@link Subscription#sealedSecret()}), and the event types it receives.
 */
@Singleton
@Owns("webhook_subscription")
public class WebhookSubscriptions {

    /** One subscription as stored; {@code eventTypes} empty means every type. */
    public record Subscription(long id, String url, String sealedSecret, List<String> eventTypes, boolean active,
                               String createdBy, LocalDateTime createdAt, LocalDateTime updatedAt) {

        public boolean wants(String type) {
            return active && (eventTypes.isEmpty() || eventTypes.contains(type));
        }
    }

    private static final String SELECT = "SELECT id, url, secret, event_types, active, created_by, created_at, updated_at"
            + " FROM webhook_subscription";

    private final JdbcOperations jdbc;

    public WebhookSubscriptions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a subscription; the secret is sealed by the caller before. @return its id */
    @Transactional
    public long add(String url, String sealedSecret, List<String> eventTypes, String user, LocalDateTime now) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO webhook_subscription (url, secret, event_types,"
                    + " active, created_by, created_at, updated_at) VALUES (?, ?, ?, TRUE, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, url);
                ps.setString(2, sealedSecret);
                ps.setString(3, String.join(",", eventTypes));
                ps.setString(4, user);
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Replaces the secret (a sealed value made for this subscription's id). @return whether it exists */
    @Transactional
    public boolean setSecret(long id, String sealedSecret, LocalDateTime now) {
        return update("UPDATE webhook_subscription SET secret = ?, updated_at = ? WHERE id = ?", sealedSecret, now, id) == 1;
    }

    /** Turns a subscription on or off. @return whether it exists */
    @Transactional
    public boolean setActive(long id, boolean active, LocalDateTime now) {
        return update("UPDATE webhook_subscription SET active = ?, updated_at = ? WHERE id = ?", active, now, id) == 1;
    }

    @Transactional(readOnly = true)
    public List<Subscription> all() {
        return query(SELECT + " ORDER BY id", null);
    }

    @Transactional(readOnly = true)
    public List<Subscription> active() {
        return query(SELECT + " WHERE active = TRUE ORDER BY id", null);
    }

    @Transactional(readOnly = true)
    public Optional<Subscription> find(long id) {
        return query(SELECT + " WHERE id = ?", id).stream().findFirst();
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

    private List<Subscription> query(String sql, Long id) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                if (id != null) {
                    ps.setLong(1, id);
                }
                List<Subscription> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Subscription read(ResultSet rs) throws SQLException {
        String types = rs.getString(4);
        return new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3),
                types == null || types.isBlank() || types.equals("*") ? List.of() : List.of(types.split(",")),
                rs.getBoolean(5), rs.getString(6), rs.getObject(7, LocalDateTime.class), rs.getObject(8, LocalDateTime.class));
    }
}
