package com.trustwatch.action;

import com.trustwatch.db.Columns;
import com.trustwatch.db.MultiRowInsert;
import com.trustwatch.db.Owns;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.BurnSource;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.Severity;
import com.trustwatch.decision.ThresholdBasis;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every business action ever decided ({@code planned_action}, one row per idempotency key) and which
 * evaluation decided which ({@code evaluation_action}, NEW for the evaluation that recorded an action
 * first, ALREADY_RECORDED for any other).
 */
@Singleton
@Owns({"planned_action", "evaluation_action"})
public class Actions {

    /** How an evaluation stands to an action it decided. */
    public enum Outcome { NEW, ALREADY_RECORDED }

    private static final String COLUMNS = "a.id, a.idempotency_key, a.evaluation_id, a.matter_number, a.client_id,"
            + " a.type, a.band, a.severity, a.code, a.amount, a.balance, a.threshold, a.refill_to, a.depletion_date,"
            + " a.deadline, a.drawdowns_from, a.to_addresses, a.cc_addresses, a.bcc_addresses, a.rule_id, a.rule_name,"
            + " a.reason, a.episode, a.ruleset_version, a.created_at, a.citation, a.as_of, a.threshold_basis,"
            + " a.threshold_days, a.threshold_share, a.burn_source, a.monthly_burn";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM planned_action a";

    private final JdbcOperations jdbc;

    public Actions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the actions whose keys are not recorded yet, links every one of them to the evaluation,
     * in the caller's transaction.
     *
     * @return for each idempotency key, its id and whether this evaluation recorded it first
     */
    @Transactional
    public Map<String, Recorded> record(String evaluationId, List<PlannedAction> actions, LocalDateTime now) {
        if (actions.isEmpty()) {
            return Map.of();
        }
        return jdbc.execute(conn -> {
            insert(conn, evaluationId, actions, now);
            Map<String, Recorded> out = owners(conn, evaluationId, actions);
            MultiRowInsert.insert(conn, "INSERT IGNORE INTO evaluation_action (evaluation_id, action_id, outcome)",
                    "(?, ?, ?)", "", actions, (link, i, a) -> {
                        Recorded r = out.get(a.idempotencyKey());
                        link.setString(i, evaluationId);
                        link.setLong(i + 1, r.id());
                        link.setString(i + 2, (r.fresh() ? Outcome.NEW : Outcome.ALREADY_RECORDED).name());
                    });
            return out;
        });
    }

    private static void insert(Connection conn, String evaluationId, List<PlannedAction> actions, LocalDateTime now)
            throws SQLException {
        MultiRowInsert.insert(conn, "INSERT IGNORE INTO planned_action (idempotency_key,"
                + " evaluation_id, matter_number, client_id, type, band, severity, code, amount, balance, threshold,"
                + " refill_to, depletion_date, deadline, drawdowns_from, to_addresses, cc_addresses, bcc_addresses,"
                + " rule_id, rule_name, reason, episode, ruleset_version, created_at, citation, as_of,"
                + " threshold_basis, threshold_days, threshold_share, burn_source, monthly_burn)",
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "",
                actions, (insert, first, a) -> {
                    int i = first;
                    insert.setString(i++, a.idempotencyKey());
                    insert.setString(i++, evaluationId);
                    insert.setString(i++, a.matterNumber());
                    insert.setString(i++, a.clientId());
                    insert.setString(i++, a.type().name());
                    insert.setString(i++, a.band() == null ? null : a.band().name());
                    insert.setString(i++, a.severity() == null ? null : a.severity().name());
                    insert.setString(i++, a.code());
                    insert.setBigDecimal(i++, a.amount());
                    insert.setBigDecimal(i++, a.balance());
                    insert.setBigDecimal(i++, a.threshold());
                    insert.setBigDecimal(i++, a.refillTo());
                    setDay(insert, i++, a.depletionDate());
                    setDay(insert, i++, a.deadline());
                    setDay(insert, i++, a.drawdownsFrom());
                    insert.setString(i++, Recipients.join(a.recipients().to()));
                    insert.setString(i++, Recipients.join(a.recipients().cc()));
                    insert.setString(i++, Recipients.join(a.recipients().bcc()));
                    insert.setString(i++, a.ruleId());
                    insert.setString(i++, Columns.cut(a.ruleName(), 255));
                    insert.setString(i++, Columns.cut(a.reason(), 2000));
                    insert.setString(i++, a.episode().text());
                    insert.setString(i++, a.rulesetVersion());
                    insert.setObject(i++, now);
                    insert.setString(i++, Columns.cut(a.citation(), 500));
                    setDay(insert, i++, a.asOf());
                    ThresholdBasis basis = a.thresholdBasis();
                    insert.setString(i++, basis == null ? null : basis.source().name());
                    if (basis == null || basis.runwayDays() == null) {
                        insert.setNull(i++, Types.INTEGER);
                    } else {
                        insert.setInt(i++, basis.runwayDays());
                    }
                    insert.setBigDecimal(i++, basis == null ? null : basis.retainerShare());
                    insert.setString(i++, a.burnSource() == null ? null : a.burnSource().name());
                    insert.setBigDecimal(i, a.monthlyBurn());
                });
    }

    /** Which evaluation owns each key tells whether this one recorded it first. */
    private static Map<String, Recorded> owners(Connection conn, String evaluationId, List<PlannedAction> actions)
            throws SQLException {
        Map<String, Recorded> out = new HashMap<>();
        for (int from = 0; from < actions.size(); from += 500) {
            List<PlannedAction> part = actions.subList(from, Math.min(actions.size(), from + 500));
            try (PreparedStatement q = conn.prepareStatement("SELECT idempotency_key, id, evaluation_id"
                    + " FROM planned_action WHERE idempotency_key IN (" + marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    q.setString(i + 1, part.get(i).idempotencyKey());
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Recorded(rs.getLong(2), evaluationId.equals(rs.getString(3))));
                    }
                }
            }
        }
        return out;
    }

    @Transactional(readOnly = true)
    public List<RecordedAction> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(SELECT + " WHERE a.id IN (" + marks(ids.size()) + ") ORDER BY a.matter_number, a.id", new ArrayList<>(ids));
    }

    /** The actions an evaluation decided, with whether it recorded each one first, by matter. */
    @Transactional(readOnly = true)
    public Map<RecordedAction, Outcome> byEvaluation(String evaluationId) {
        return jdbc.execute(conn -> {
            Map<RecordedAction, Outcome> out = new LinkedHashMap<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT ea.outcome, " + COLUMNS
                    + " FROM planned_action a JOIN evaluation_action ea ON ea.action_id = a.id WHERE ea.evaluation_id = ? ORDER BY a.matter_number, a.id")) {
                ps.setString(1, evaluationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(read(rs, 2), Outcome.valueOf(rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    /** Which of these idempotency keys are recorded already (a real run would not record them again). */
    @Transactional(readOnly = true)
    public java.util.Set<String> recordedKeys(Collection<String> keys) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        jdbc.execute(conn -> {
            for (int from = 0; from < all.size(); from += 1000) {
                List<String> part = all.subList(from, Math.min(all.size(), from + 1000));
                try (PreparedStatement ps = conn.prepareStatement("SELECT idempotency_key FROM planned_action"
                        + " WHERE idempotency_key IN (" + marks(part.size()) + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** One action an evaluation decided, and whether it recorded it first. */
    public record Decided(RecordedAction action, Outcome outcome) {
    }

    /**
     * One page of the actions an evaluation decided, in the order they were first recorded.
     *
     * @param filter which actions (its outcome is NEW or ALREADY_RECORDED)
     */
    @Transactional(readOnly = true)
    public List<Decided> pageOfEvaluation(String evaluationId, ActionFilter filter, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = whereDecided(evaluationId, filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT ea.outcome, " + COLUMNS
                    + " FROM evaluation_action ea JOIN planned_action a ON a.id = ea.action_id" + where
                    + " ORDER BY ea.action_id LIMIT ? OFFSET ?")) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<Decided> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Decided(read(rs, 2), Outcome.valueOf(rs.getString(1))));
                    }
                }
                return out;
            }
        });
    }

    /** How many of an evaluation's actions a filter lets through. */
    @Transactional(readOnly = true)
    public long countOfEvaluation(String evaluationId, ActionFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = whereDecided(evaluationId, filter, params);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM evaluation_action ea"
                    + " JOIN planned_action a ON a.id = ea.action_id" + where)) {
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

    private static String whereDecided(String evaluationId, ActionFilter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE ea.evaluation_id = ?");
        params.add(evaluationId);
        if (f.type() != null) {
            sql.append(" AND a.type = ?");
            params.add(f.type().name());
        }
        if (f.severity() != null) {
            sql.append(" AND a.severity = ?");
            params.add(f.severity().name());
        }
        if (f.band() != null) {
            sql.append(" AND a.band = ?");
            params.add(f.band().name());
        }
        if (f.matterNumber() != null) {
            sql.append(" AND a.matter_number = ?");
            params.add(f.matterNumber());
        }
        if (f.outcome() != null) {
            sql.append(" AND ea.outcome = ?");
            params.add(f.outcome());
        }
        return sql.toString();
    }

    /** The recorded actions with these idempotency keys, by key (keys not recorded are absent). */
    @Transactional(readOnly = true)
    public Map<String, RecordedAction> byKeys(Collection<String> keys) {
        Map<String, RecordedAction> out = new HashMap<>();
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            for (RecordedAction a : query(SELECT + " WHERE a.idempotency_key IN (" + marks(part.size()) + ")",
                    new ArrayList<>(part))) {
                out.put(a.action().idempotencyKey(), a);
            }
        }
        return out;
    }

    /**
     * The recorded actions of some matters' episodes, by matter: {@code episodes} maps a matter number to
     * the episode keys ({@link com.trustwatch.decision.EpisodeKey#text()}) wanted for it.
     */
    @Transactional(readOnly = true)
    public List<RecordedAction> ofEpisodes(Map<String, ? extends Collection<String>> episodes) {
        List<RecordedAction> out = new ArrayList<>();
        List<String> matters = new ArrayList<>(episodes.keySet());
        for (int from = 0; from < matters.size(); from += 200) {
            List<String> part = matters.subList(from, Math.min(matters.size(), from + 200));
            List<Object> params = new ArrayList<>(part);
            List<String> texts = part.stream().flatMap(m -> episodes.get(m).stream()).distinct().toList();
            if (texts.isEmpty()) {
                continue;
            }
            params.addAll(texts);
            for (RecordedAction a : query(SELECT + " WHERE a.matter_number IN (" + marks(part.size())
                    + ") AND a.episode IN (" + marks(texts.size()) + ") ORDER BY a.id", params)) {
                if (episodes.get(a.matterNumber()).contains(a.action().episode().text())) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** How many actions an evaluation decided, new or already recorded. */
    @Transactional(readOnly = true)
    public int countDecidedBy(String evaluationId) {
        return count("SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = ?", evaluationId);
    }

    /** How many actions an evaluation recorded first. */
    @Transactional(readOnly = true)
    public int countNewBy(String evaluationId) {
        return count("SELECT COUNT(*) FROM evaluation_action WHERE evaluation_id = ? AND outcome = 'NEW'", evaluationId);
    }

    /** The actions an evaluation recorded first, counted by type and severity (for the metrics). */
    public record Tally(String type, String severity, int count) {
    }

    /** How many actions of each type and severity an evaluation recorded first. */
    @Transactional(readOnly = true)
    public List<Tally> tallyNewBy(String evaluationId) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT a.type, a.severity, COUNT(*) FROM evaluation_action ea"
                    + " JOIN planned_action a ON a.id = ea.action_id WHERE ea.evaluation_id = ? AND ea.outcome = 'NEW'"
                    + " GROUP BY a.type, a.severity")) {
                ps.setString(1, evaluationId);
                List<Tally> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Tally(rs.getString(1), rs.getString(2) == null ? "NONE" : rs.getString(2), rs.getInt(3)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Matters in each low-balance band (WATCH, WARNING, BREACH, CRITICAL) among the actions an
     * evaluation decided, new or already recorded; a matter with actions in two bands counts in the higher.
     */
    @Transactional(readOnly = true)
    public Map<String, Integer> mattersByBand(String evaluationId) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT a.matter_number, a.band FROM evaluation_action ea"
                    + " JOIN planned_action a ON a.id = ea.action_id WHERE ea.evaluation_id = ? AND a.band IS NOT NULL")) {
                ps.setString(1, evaluationId);
                Map<String, Band> highest = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        highest.merge(rs.getString(1), Band.valueOf(rs.getString(2)),
                                (x, y) -> x.compareTo(y) >= 0 ? x : y);
                    }
                }
                Map<String, Integer> out = new LinkedHashMap<>();
                for (Band b : Band.values()) {
                    out.put(b.name(), (int) highest.values().stream().filter(b::equals).count());
                }
                return out;
            }
        });
    }

    /**
     * For each of some matters, its low-balance action in an evaluation's decisions (new or already
     * recorded): the one of the highest band when there are several. A matter without one is absent.
     */
    @Transactional(readOnly = true)
    public Map<String, RecordedAction> lowBalanceIn(String evaluationId, Collection<String> matterNumbers) {
        Map<String, RecordedAction> out = new HashMap<>();
        if (matterNumbers.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>();
        params.add(evaluationId);
        params.addAll(matterNumbers);
        for (RecordedAction a : query(SELECT + " JOIN evaluation_action ea ON ea.action_id = a.id WHERE ea.evaluation_id = ?"
                + " AND a.band IS NOT NULL AND a.matter_number IN (" + marks(matterNumbers.size()) + ")", params)) {
            out.merge(a.matterNumber(), a, (x, y) -> x.action().band().compareTo(y.action().band()) >= 0 ? x : y);
        }
        return out;
    }

    /**
     * Each matter's low-balance band in an evaluation's decisions (the highest, if several), by matter
     * number; matters the evaluation gave no band are absent. A finished evaluation's decisions never
     * change, so a caller may keep the answer for as long as that evaluation is the one it shows.
     */
    @Transactional(readOnly = true)
    public Map<String, Band> bandsIn(String evaluationId) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT a.matter_number, a.band FROM evaluation_action ea"
                    + " JOIN planned_action a ON a.id = ea.action_id WHERE ea.evaluation_id = ? AND a.band IS NOT NULL")) {
                ps.setString(1, evaluationId);
                Map<String, Band> highest = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        highest.merge(rs.getString(1), Band.valueOf(rs.getString(2)), (x, y) -> x.compareTo(y) >= 0 ? x : y);
                    }
                }
                return Map.copyOf(highest);
            }
        });
    }

    /** How many matters each rule decided something for in an evaluation (new or already recorded actions). */
    @Transactional(readOnly = true)
    public Map<String, Integer> mattersByRule(String evaluationId) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT a.rule_id, COUNT(DISTINCT a.matter_number)"
                    + " FROM evaluation_action ea JOIN planned_action a ON a.id = ea.action_id WHERE ea.evaluation_id = ?"
                    + " GROUP BY a.rule_id")) {
                ps.setString(1, evaluationId);
                Map<String, Integer> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Every ladder stage ever recorded (stage 1 is the client's replenishment request, later stages its
     * follow-ups and escalations), oldest first: what the replenishment-performance report reads.
     */
    @Transactional(readOnly = true)
    public List<RecordedAction> ladderStages() {
        return query(SELECT + " WHERE a.episode LIKE 'low-balance:%:stage-%' ORDER BY a.id", List.of());
    }

    /** The latest client replenishment request of each of some matters (absent: never asked). */
    @Transactional(readOnly = true)
    public Map<String, RecordedAction> lastRequests(Collection<String> matterNumbers) {
        Map<String, RecordedAction> out = new HashMap<>();
        if (matterNumbers.isEmpty()) {
            return out;
        }
        for (RecordedAction a : query(SELECT + " WHERE a.type = 'REPLENISHMENT_REQUEST' AND a.matter_number IN ("
                + marks(matterNumbers.size()) + ") ORDER BY a.id", List.copyOf(matterNumbers))) {
            out.put(a.matterNumber(), a);
        }
        return out;
    }

    @Transactional(readOnly = true)
    public List<RecordedAction> byMatter(String matterNumber) {
        return query(SELECT + " WHERE a.matter_number = ? ORDER BY a.id", List.of(matterNumber));
    }

    private int count(String sql, String evaluationId) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, evaluationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
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

    /** Reads the columns of {@link #SELECT}, the first of them at {@code first}. */
    private static RecordedAction read(ResultSet rs, int first) throws SQLException {
        int c = first - 1;
        String band = rs.getString(c + 7);
        String severity = rs.getString(c + 8);
        PlannedAction planned = new PlannedAction(rs.getString(c + 2), rs.getObject(c + 27, LocalDate.class),
                rs.getString(c + 4), rs.getString(c + 5),
                ActionType.valueOf(rs.getString(c + 6)), band == null ? null : Band.valueOf(band),
                severity == null ? null : Severity.valueOf(severity), rs.getString(c + 9), rs.getBigDecimal(c + 10),
                rs.getBigDecimal(c + 11), rs.getBigDecimal(c + 12), rs.getBigDecimal(c + 13),
                rs.getObject(c + 14, LocalDate.class), rs.getObject(c + 15, LocalDate.class),
                rs.getObject(c + 16, LocalDate.class),
                new Recipients(Recipients.split(rs.getString(c + 17)), Recipients.split(rs.getString(c + 18)),
                        Recipients.split(rs.getString(c + 19))),
                rs.getString(c + 20), rs.getString(c + 21), rs.getString(c + 22), EpisodeKey.stored(rs.getString(c + 23)),
                rs.getString(c + 24), rs.getString(c + 26), basis(rs, c + 28),
                rs.getString(c + 31) == null ? null : BurnSource.valueOf(rs.getString(c + 31)), rs.getBigDecimal(c + 32),
                List.of(), null);
        return new RecordedAction(rs.getLong(c + 1), rs.getString(c + 3), rs.getObject(c + 25, LocalDateTime.class),
                planned);
    }

    private static ThresholdBasis basis(ResultSet rs, int column) throws SQLException {
        String source = rs.getString(column);
        if (source == null) {
            return null;
        }
        int days = rs.getInt(column + 1);
        Integer runwayDays = rs.wasNull() ? null : days;
        BigDecimal share = rs.getBigDecimal(column + 2);
        return new ThresholdBasis(ThresholdBasis.Source.valueOf(source), runwayDays,
                share == null ? null : share.stripTrailingZeros());
    }

    /**
     * What a person released of a held client message, in the caller's transaction: the amount they
     * approved, the balance it restores, and the pay-by date counted from the day of release.
     *
     * @throws java.util.NoSuchElementException when there is no such action
     */
    @Transactional
    public void release(long actionId, BigDecimal amount, BigDecimal refillTo, LocalDate deadline) {
        int changed = jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE planned_action SET amount = ?, refill_to = ?, deadline = ? WHERE id = ?")) {
                ps.setBigDecimal(1, amount);
                ps.setBigDecimal(2, refillTo);
                ps.setDate(3, date(deadline));
                ps.setLong(4, actionId);
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new java.util.NoSuchElementException("no action " + actionId);
        }
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    /**
     * Binds a day as a {@code LocalDate}, which mysql-connector-j writes with a shared formatter; a
     * {@code java.sql.Date} costs it a new {@code SimpleDateFormat} and calendar per value, which was 7% of
     * recording a chunk (JFR, docs/benchmarks.md). The stored value is the same.
     */
    private static void setDay(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setObject(i, d);
        }
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
