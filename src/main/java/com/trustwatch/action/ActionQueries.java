package com.trustwatch.action;

import com.trustwatch.decision.ActionType;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads recorded actions: by id (for messages), by evaluation (for the API). */
@Singleton
public class ActionQueries {

    private static final String SELECT = "SELECT a.id, a.idempotency_key, a.evaluation_id, a.matter_number, a.client_id,"
            + " a.type, a.severity, a.code, a.amount, a.balance, a.threshold, a.refill_to, a.depletion_date,"
            + " a.to_addresses, a.cc_addresses, a.bcc_addresses, a.rule_id, a.rule_name, a.reason, a.episode,"
            + " a.ruleset_version, a.created_at, o.state, a.citation FROM planned_action a LEFT JOIN outbox o ON o.action_id = a.id";

    private final JdbcOperations jdbc;

    public ActionQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<RecordedAction> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        return query(SELECT + " WHERE a.id IN (" + marks + ") ORDER BY a.matter_number, a.id", new ArrayList<>(ids));
    }

    /** The actions an evaluation decided, with whether it recorded each one first. */
    @Transactional(readOnly = true)
    public Map<RecordedAction, String> byEvaluation(String evaluationId) {
        Map<RecordedAction, String> out = new LinkedHashMap<>();
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(SELECT.replace("SELECT a.id", "SELECT ea.outcome, a.id")
                    + " JOIN evaluation_action ea ON ea.action_id = a.id WHERE ea.evaluation_id = ? ORDER BY a.matter_number, a.id")) {
                ps.setString(1, evaluationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(read(rs, 2), rs.getString(1));
                    }
                }
            }
            return null;
        });
        return out;
    }

    @Transactional(readOnly = true)
    public List<RecordedAction> byMatter(String matterNumber) {
        return query(SELECT + " WHERE a.matter_number = ? ORDER BY a.id", List.of(matterNumber));
    }

    private List<RecordedAction> query(String sql, List<Object> params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<RecordedAction> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    private static RecordedAction read(ResultSet rs, int c) throws SQLException {
        return new RecordedAction(rs.getLong(c), rs.getString(c + 1), rs.getString(c + 2), rs.getString(c + 3),
                rs.getString(c + 4), ActionType.valueOf(rs.getString(c + 5)), rs.getString(c + 6), rs.getString(c + 7),
                rs.getBigDecimal(c + 8), rs.getBigDecimal(c + 9), rs.getBigDecimal(c + 10), rs.getBigDecimal(c + 11),
                rs.getObject(c + 12, LocalDate.class),
                new Recipients(Recipients.split(rs.getString(c + 13)), Recipients.split(rs.getString(c + 14)),
                        Recipients.split(rs.getString(c + 15))),
                rs.getString(c + 16), rs.getString(c + 17), rs.getString(c + 18), rs.getString(c + 19),
                rs.getString(c + 20), rs.getObject(c + 21, LocalDateTime.class),
                ActionRecorder.MESSAGES.contains(ActionType.valueOf(rs.getString(c + 5))) ? rs.getString(c + 22) : "QUEUED",
                rs.getString(c + 23));
    }
}
