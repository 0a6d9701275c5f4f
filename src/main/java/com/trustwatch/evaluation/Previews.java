package com.trustwatch.evaluation;

import com.trustwatch.action.ActionFilter;
import com.trustwatch.action.Recipients;
import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import com.trustwatch.money.Money;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What dry runs found ({@code preview_action}): each action a dry run decided, as the view shows it,
 * with what a real run would have done with it at the time. Written chunk by chunk as the dry run
 * goes, read by page, forgotten with the dry run. Nothing here is part of the book: no action, outbox
 * row, queue item, episode or audit entry.
 */
@Singleton
@Owns("preview_action")
public class Previews {

    private final JdbcOperations jdbc;

    public Previews(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one chunk's findings, in the caller's transaction. */
    @Transactional
    public void add(String evaluationId, List<EvaluationView.Action> found) {
        if (found.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO preview_action (evaluation_id, matter_number,"
                    + " type, severity, band, code, amount, to_addresses, cc_addresses, bcc_addresses, rule_id, reason,"
                    + " citation, idempotency_key, outcome, delivery, note, held_for)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (EvaluationView.Action a : found) {
                    int i = 1;
                    ps.setString(i++, evaluationId);
                    ps.setString(i++, a.matterNumber());
                    ps.setString(i++, a.type());
                    ps.setString(i++, a.severity());
                    ps.setString(i++, a.band());
                    ps.setString(i++, a.code());
                    ps.setBigDecimal(i++, a.amount() == null ? null : Money.parse(a.amount()).amount());
                    ps.setString(i++, Recipients.join(a.recipients().to()));
                    ps.setString(i++, Recipients.join(a.recipients().cc()));
                    ps.setString(i++, Recipients.join(a.recipients().bcc()));
                    ps.setString(i++, a.ruleId());
                    ps.setString(i++, Columns.cut(a.reason(), 2000));
                    ps.setString(i++, Columns.cut(a.citation(), 500));
                    ps.setString(i++, a.idempotencyKey());
                    ps.setString(i++, a.outcome());
                    ps.setString(i++, a.delivery());
                    ps.setString(i++, Columns.cut(a.note(), 1000));
                    ps.setString(i, a.heldFor() == null ? null : Columns.cut(String.join(",", a.heldFor()), 500));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** One page of a dry run's findings, in the order they were found (chunk by chunk, matter by matter). */
    @Transactional(readOnly = true)
    public List<EvaluationView.Action> page(String evaluationId, ActionFilter filter, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(evaluationId, filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT matter_number, type, severity, band, code, amount,"
                    + " to_addresses, cc_addresses, bcc_addresses, rule_id, reason, citation, idempotency_key, outcome,"
                    + " delivery, note, held_for FROM preview_action" + where + " ORDER BY id LIMIT ? OFFSET ?")) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<EvaluationView.Action> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal amount = rs.getBigDecimal(6);
                        out.add(new EvaluationView.Action(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), amount == null ? null : Money.json(amount),
                                new Recipients(Recipients.split(rs.getString(7)), Recipients.split(rs.getString(8)),
                                        Recipients.split(rs.getString(9))), rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                                rs.getString(17) == null ? null : List.of(rs.getString(17).split(",")),
                                rs.getString(16)));
                    }
                }
                return out;
            }
        });
    }

    /** How many of a dry run's findings a filter lets through. */
    @Transactional(readOnly = true)
    public long count(String evaluationId, ActionFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(evaluationId, filter, params);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM preview_action" + where)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Forgets the findings of some dry runs, in the caller's transaction. */
    @Transactional
    public void forget(Collection<String> evaluationIds) {
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM preview_action WHERE evaluation_id = ?")) {
                for (String id : evaluationIds) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static String where(String evaluationId, ActionFilter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE evaluation_id = ?");
        params.add(evaluationId);
        if (f.type() != null) {
            sql.append(" AND type = ?");
            params.add(f.type().name());
        }
        if (f.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(f.severity().name());
        }
        if (f.band() != null) {
            sql.append(" AND band = ?");
            params.add(f.band().name());
        }
        if (f.matterNumber() != null) {
            sql.append(" AND matter_number = ?");
            params.add(f.matterNumber());
        }
        if (f.outcome() != null) {
            sql.append(" AND outcome = ?");
            params.add(f.outcome());
        }
        return sql.toString();
    }
}
