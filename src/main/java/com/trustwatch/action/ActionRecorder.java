package com.trustwatch.action;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.EscalationKind;
import com.trustwatch.decision.LadderEpisode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor's first half: records one batch of planned actions, their outbox rows, the
 * exception-queue items, the episode changes and the audit entries, all in one transaction. An
 * action whose idempotency key is already recorded is linked to the evaluation as a duplicate and
 * nothing else happens to it, so overlapping evaluations produce each action once.
 */
@Singleton
public class ActionRecorder {

    /** Action types delivered by message; the others are queued for a person (exception tasks). */
    static final Set<ActionType> MESSAGES = Set.of(ActionType.REPLENISHMENT_REQUEST, ActionType.ESCALATION,
            ActionType.PAUSE_WORK_NOTICE, ActionType.INTERNAL_ALERT, ActionType.COMPLIANCE_FLAG);
    private static final Set<String> QUEUED_FLAG_SEVERITIES = Set.of("HIGH", "CRITICAL");

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public ActionRecorder(JdbcOperations jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** One matter's check, for the audit trail: what was seen and what was decided. */
    public record Check(String matterNumber, String detail) {
    }

    /** @return for each action key, whether this evaluation recorded it first ({@code true}) or found it recorded */
    @Transactional
    public Map<String, Boolean> record(String evaluationId, String rulesetVersion, List<PlannedAction> actions,
                                       List<EpisodeStop> stops, List<Check> checks, LocalDate asOf, String actor) {
        return jdbc.execute(conn -> {
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            Map<String, Long> ids = new HashMap<>();
            Map<String, Boolean> isNew = insertActions(conn, evaluationId, actions, now, ids);
            List<AuditRecord> trail = new ArrayList<>();
            for (Check c : checks) {
                trail.add(new AuditRecord("CHECKED", c.matterNumber(), evaluationId, null, null, rulesetVersion, actor,
                        c.detail()));
            }
            try (PreparedStatement link = conn.prepareStatement(
                    "INSERT IGNORE INTO evaluation_action (evaluation_id, action_id, outcome) VALUES (?, ?, ?)");
                 PreparedStatement outbox = conn.prepareStatement("INSERT INTO outbox (action_id, evaluation_id, channel,"
                         + " group_key, state, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)");
                 PreparedStatement task = conn.prepareStatement("INSERT IGNORE INTO exception_item (source_key, kind,"
                         + " matter_number, action_id, severity, summary, status, created_at, updated_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)")) {
                for (PlannedAction a : actions) {
                    long id = ids.get(a.idempotencyKey());
                    boolean fresh = isNew.get(a.idempotencyKey());
                    link.setString(1, evaluationId);
                    link.setLong(2, id);
                    link.setString(3, fresh ? "NEW" : "ALREADY_RECORDED");
                    link.addBatch();
                    if (!fresh) {
                        continue;
                    }
                    trail.add(new AuditRecord("ACTION_PLANNED", a.matterNumber(), evaluationId, id, a.ruleId(),
                            rulesetVersion, actor, a.type() + (a.code() == null ? "" : " " + a.code()) + " "
                            + nz(a.severity()) + (a.amount() == null ? "" : " amount " + a.amount()) + " to "
                            + a.recipients().to() + "; " + a.reason()));
                    if (MESSAGES.contains(a.type())) {
                        outbox.setLong(1, id);
                        outbox.setString(2, evaluationId);
                        outbox.setString(3, toClient(a) ? "CLIENT_EMAIL" : "INTERNAL_EMAIL");
                        outbox.setString(4, groupKey(a, asOf, id));
                        outbox.setObject(5, now);
                        outbox.setObject(6, now);
                        outbox.addBatch();
                    }
                    if (a.type() == ActionType.EXCEPTION_TASK
                            || (a.type() == ActionType.COMPLIANCE_FLAG && QUEUED_FLAG_SEVERITIES.contains(a.severity()))) {
                        task.setString(1, "action:" + id);
                        task.setString(2, a.type() == ActionType.COMPLIANCE_FLAG ? "COMPLIANCE_FLAG"
                                : a.code() != null && a.code().startsWith("DATA_QUALITY") ? "DATA_QUALITY" : "TASK");
                        task.setString(3, a.matterNumber());
                        task.setLong(4, id);
                        task.setString(5, a.severity());
                        task.setString(6, truncate((a.code() == null ? "" : a.code() + ": ") + a.reason()));
                        task.setObject(7, now);
                        task.setObject(8, now);
                        task.addBatch();
                        trail.add(new AuditRecord("TASK_QUEUED", a.matterNumber(), evaluationId, id, a.ruleId(),
                                rulesetVersion, actor, "exception queue: " + nz(a.code())));
                    }
                }
                link.executeBatch();
                outbox.executeBatch();
                task.executeBatch();
            }
            openEpisodes(conn, actions, isNew, asOf, now, trail, evaluationId, rulesetVersion, actor, ids);
            advanceEpisodes(conn, actions, isNew, now, trail, evaluationId, rulesetVersion, actor, ids);
            stopEpisodes(conn, stops, asOf, now, trail, evaluationId, rulesetVersion, actor);
            audit.append(trail);
            return isNew;
        });
    }

    private Map<String, Boolean> insertActions(Connection conn, String evaluationId, List<PlannedAction> actions,
                                               LocalDateTime now, Map<String, Long> ids) throws SQLException {
        Map<String, Boolean> isNew = new HashMap<>();
        if (actions.isEmpty()) {
            return isNew;
        }
        try (PreparedStatement insert = conn.prepareStatement("INSERT IGNORE INTO planned_action (idempotency_key,"
                + " evaluation_id, matter_number, client_id, type, severity, code, amount, balance, threshold, refill_to,"
                + " depletion_date, to_addresses, cc_addresses, bcc_addresses, rule_id, rule_name, reason, episode,"
                + " ruleset_version, created_at, citation)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PlannedAction a : actions) {
                int i = 1;
                insert.setString(i++, a.idempotencyKey());
                insert.setString(i++, evaluationId);
                insert.setString(i++, a.matterNumber());
                insert.setString(i++, a.clientId());
                insert.setString(i++, a.type().name());
                insert.setString(i++, a.severity());
                insert.setString(i++, a.code());
                insert.setBigDecimal(i++, a.amount());
                insert.setBigDecimal(i++, a.balance());
                insert.setBigDecimal(i++, a.threshold());
                insert.setBigDecimal(i++, a.refillTo());
                insert.setDate(i++, a.depletionDate() == null ? null : Date.valueOf(a.depletionDate()));
                insert.setString(i++, Recipients.join(a.recipients().to()));
                insert.setString(i++, Recipients.join(a.recipients().cc()));
                insert.setString(i++, Recipients.join(a.recipients().bcc()));
                insert.setString(i++, a.ruleId());
                insert.setString(i++, truncate(a.ruleName(), 255));
                insert.setString(i++, truncate(a.reason()));
                insert.setString(i++, a.episode());
                insert.setString(i++, a.rulesetVersion());
                insert.setObject(i++, now);
                insert.setString(i, truncate(a.citation(), 500));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // which evaluation owns each key tells us whether this one recorded it first
        for (int from = 0; from < actions.size(); from += 500) {
            List<PlannedAction> part = actions.subList(from, Math.min(actions.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement q = conn.prepareStatement(
                    "SELECT idempotency_key, id, evaluation_id FROM planned_action WHERE idempotency_key IN (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    q.setString(i + 1, part.get(i).idempotencyKey());
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getString(1), rs.getLong(2));
                        isNew.put(rs.getString(1), evaluationId.equals(rs.getString(3)));
                    }
                }
            }
        }
        return isNew;
    }

    /**
     * A first client request opens the matter's low-balance episode, which the ladder then follows.
     * The inserts go as one batch; the rows this transaction opened are then recognised by their
     * episode start and their microsecond timestamp. No other transaction can have opened a row with
     * both: a concurrent evaluation with the same as-of date decides the same stage-1 request, whose
     * idempotency key makes it new for one evaluation only, and only that one opens the episode.
     */
    private void openEpisodes(Connection conn, List<PlannedAction> actions, Map<String, Boolean> isNew, LocalDate asOf,
                              LocalDateTime now, List<AuditRecord> trail, String evaluationId, String version,
                              String actor, Map<String, Long> ids) throws SQLException {
        List<PlannedAction> opening = new ArrayList<>();
        for (PlannedAction a : actions) {
            if (a.type() == ActionType.REPLENISHMENT_REQUEST && isNew.get(a.idempotencyKey())) {
                opening.add(a);
            }
        }
        if (opening.isEmpty()) {
            return;
        }
        LocalDateTime stamp = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (PreparedStatement open = conn.prepareStatement("INSERT IGNORE INTO replenishment_case (matter_number,"
                + " episode_start, stage_sent, status, open_key, updated_at) VALUES (?, ?, 1, 'OPEN', ?, ?)")) {
            for (PlannedAction a : opening) {
                open.setString(1, a.matterNumber());
                open.setDate(2, Date.valueOf(asOf));
                open.setString(3, a.matterNumber());
                open.setObject(4, stamp);
                open.addBatch();
            }
            open.executeBatch();
        }
        java.util.Set<String> opened = new java.util.HashSet<>();
        for (int from = 0; from < opening.size(); from += 500) {
            List<PlannedAction> part = opening.subList(from, Math.min(opening.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement q = conn.prepareStatement("SELECT open_key FROM replenishment_case WHERE open_key IN ("
                    + marks + ") AND episode_start = ? AND updated_at = ?")) {
                int i = 1;
                for (PlannedAction a : part) {
                    q.setString(i++, a.matterNumber());
                }
                q.setDate(i++, Date.valueOf(asOf));
                q.setObject(i, stamp);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        opened.add(rs.getString(1));
                    }
                }
            }
        }
        for (PlannedAction a : opening) {
            if (opened.remove(a.matterNumber())) { // the first request of the matter opened it, as one insert would
                trail.add(new AuditRecord("EPISODE_OPENED", a.matterNumber(), evaluationId,
                        ids.get(a.idempotencyKey()), a.ruleId(), version, actor,
                        "low-balance episode opened on " + asOf + " with the stage-1 request"));
            }
        }
    }

    /**
     * A new ladder action of a later stage moves its open case on to that stage, so the next evaluation
     * takes the next step. Several new stages of one matter at once (a late evaluation catching up)
     * move it once, to the highest. An action of an earlier episode never moves a newer case.
     */
    private void advanceEpisodes(Connection conn, List<PlannedAction> actions, Map<String, Boolean> isNew,
                                 LocalDateTime now, List<AuditRecord> trail, String evaluationId, String version,
                                 String actor, Map<String, Long> ids) throws SQLException {
        Map<String, Advance> highest = new LinkedHashMap<>();
        for (PlannedAction a : actions) {
            if (isNew.get(a.idempotencyKey())) {
                LadderEpisode.parse(a.episode()).filter(e -> e.stage() > 1).ifPresent(e -> highest.merge(
                        a.matterNumber(), new Advance(a, e), (x, y) -> y.episode().stage() > x.episode().stage() ? y : x));
            }
        }
        try (PreparedStatement advance = conn.prepareStatement("UPDATE replenishment_case SET stage_sent = ?,"
                + " updated_at = ? WHERE open_key = ? AND episode_start = ? AND stage_sent < ?")) {
            for (Advance next : highest.values()) {
                PlannedAction a = next.action();
                advance.setInt(1, next.episode().stage());
                advance.setObject(2, now);
                advance.setString(3, a.matterNumber());
                advance.setDate(4, Date.valueOf(next.episode().start()));
                advance.setInt(5, next.episode().stage());
                if (advance.executeUpdate() == 1) {
                    trail.add(new AuditRecord("EPISODE_ADVANCED", a.matterNumber(), evaluationId,
                            ids.get(a.idempotencyKey()), a.ruleId(), version, actor, "low-balance episode of "
                            + next.episode().start() + " advanced to stage " + next.episode().stage() + " by "
                            + a.type() + (a.code() == null ? "" : " " + a.code())));
                }
            }
        }
    }

    private record Advance(PlannedAction action, LadderEpisode episode) {
    }

    private void stopEpisodes(Connection conn, List<EpisodeStop> stops, LocalDate asOf, LocalDateTime now,
                              List<AuditRecord> trail, String evaluationId, String version, String actor)
            throws SQLException {
        try (PreparedStatement stop = conn.prepareStatement("UPDATE replenishment_case SET status = 'STOPPED',"
                + " open_key = NULL, stopped_on = ?, stop_reason = ?, updated_at = ? WHERE open_key = ?")) {
            for (EpisodeStop s : stops) {
                stop.setDate(1, Date.valueOf(asOf));
                stop.setString(2, truncate(s.reason(), 500));
                stop.setObject(3, now);
                stop.setString(4, s.matterNumber());
                if (stop.executeUpdate() == 1) {
                    String id = s.ruleName().split(" ")[0];
                    trail.add(new AuditRecord("EPISODE_STOPPED", s.matterNumber(), evaluationId, null, id, version,
                            actor, s.reason()));
                }
            }
        }
    }

    /**
     * Client requests of one as-of day to the same billing contact share a group, and go out as one
     * consolidated message listing each matter; every other action is a group of its own. The group is
     * the day's, not the evaluation's: overlapping evaluations each record the chunks they reach first,
     * so one client's matters can be recorded by two evaluations and must still travel together.
     */
    static String groupKey(PlannedAction a, LocalDate asOf, long id) {
        if (a.type() == ActionType.REPLENISHMENT_REQUEST) {
            String key = "client:" + asOf + ":" + a.clientId() + ":" + Recipients.join(a.recipients().to());
            return key.length() <= 255 ? key : key.substring(0, 190) + "#" + PlannedAction.sha256(key).substring(0, 64);
        }
        return "action:" + id;
    }

    /** Whether the action is a message to the client (a request or a follow-up) rather than to the firm. */
    private static boolean toClient(PlannedAction a) {
        return a.type() == ActionType.REPLENISHMENT_REQUEST || EscalationKind.CLIENT_FOLLOW_UP.name().equals(a.code());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String truncate(String s) {
        return truncate(s, 2000);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
