package com.trustwatch.webhook;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Events as published ({@code webhook_event}): once per business fact (the event key), with the
 * exact JSON body every subscription receives.
 */
@Singleton
@Owns("webhook_event")
public class WebhookEvents {

    /** One stored event. */
    public record Event(long id, String publicId, String type, String matterNumber, String payload) {
    }

    private final JdbcOperations jdbc;

    public WebhookEvents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event unless its key was published before. @return its id, or empty when it was */
    @Transactional
    public Optional<Long> add(String eventKey, String publicId, String type, String matterNumber, String payload,
                              LocalDateTime now) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT IGNORE INTO webhook_event (event_key, public_id,"
                    + " type, matter_number, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, Columns.key(eventKey));
                ps.setString(2, publicId);
                ps.setString(3, type);
                ps.setString(4, matterNumber);
                ps.setString(5, payload);
                ps.setObject(6, now);
                if (ps.executeUpdate() == 0) {
                    return Optional.<Long>empty();
                }
            }
            try (PreparedStatement q = conn.prepareStatement("SELECT id FROM webhook_event WHERE event_key = ?")) {
                q.setString(1, Columns.key(eventKey));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return Optional.of(rs.getLong(1));
                }
            }
        });
    }

    @Transactional(readOnly = true)
    public Optional<Event> find(long id) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, public_id, type, matter_number, payload"
                    + " FROM webhook_event WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5))) : Optional.<Event>empty();
                }
            }
        });
    }
}
