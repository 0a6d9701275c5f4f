package com.trustwatch.notify;

import com.trustwatch.matter.FieldError;
import com.trustwatch.matter.InvalidMatterException;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The outbox, read-only: {@code GET /api/outbox?state=DEAD} lists dead letters with their last error
 * and attempts; FAILED shows what is waiting for a retry, SENDING what is in flight.
 */
@Controller("/api/outbox")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class OutboxController {

    private static final Set<String> STATES = Set.of("PENDING", "SENDING", "SENT", "FAILED", "DEAD");

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;

    OutboxController(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Get
    List<OutboxEntry> list(@Nullable @QueryValue String state, @Nullable @QueryValue String matter,
                           @Nullable @QueryValue Integer limit) {
        String wanted = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATES.contains(wanted)) {
            throw new InvalidMatterException(List.of(new FieldError(null, "state",
                    "'" + state + "' is not one of PENDING, SENDING, SENT, FAILED, DEAD")));
        }
        int max = limit == null ? 500 : Math.max(1, Math.min(limit, 10_000));
        StringBuilder sql = new StringBuilder("SELECT o.id, o.action_id, a.matter_number, a.type, o.channel,"
                + " o.group_key, o.state, o.attempts, o.next_attempt_at, o.claimed_until, o.message_id, o.last_error,"
                + " o.updated_at, a.to_addresses FROM outbox o JOIN planned_action a ON a.id = o.action_id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (wanted != null) {
            sql.append(" AND o.state = ?");
            params.add(wanted);
        }
        if (matter != null && !matter.isBlank()) {
            sql.append(" AND a.matter_number = ?");
            params.add(matter.trim());
        }
        sql.append(" ORDER BY o.id LIMIT ?");
        params.add(max);
        return tx.executeRead(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<OutboxEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String to = rs.getString(14);
                        out.add(new OutboxEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                                rs.getObject(9, LocalDateTime.class), rs.getObject(10, LocalDateTime.class),
                                rs.getString(11), rs.getString(12), rs.getObject(13, LocalDateTime.class),
                                to == null || to.isBlank() ? List.of() : List.of(to.split(","))));
                    }
                }
                return out;
            }
        }));
    }
}
