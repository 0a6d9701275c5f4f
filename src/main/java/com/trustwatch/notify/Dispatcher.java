package com.trustwatch.notify;

import com.trustwatch.action.ActionQueries;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The executor's second half: delivers what the outbox holds. Each message group (a consolidated
 * client request, or one internal message) is claimed, sent outside any transaction, then marked
 * SENT, or FAILED with a capped, jittered exponential backoff, or DEAD after the last attempt
 * (dead letters go to the exception queue). A claim that outlives its lease (the process died while
 * sending) is picked up again: that window, between the SMTP server's OK and our commit, is the
 * only place a duplicate can come from, and the deterministic Message-ID makes it recognisable.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** What one pass did. */
    public record Pass(int sent, int failed, int dead) {
    }

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final ActionQueries actions;
    private final MatterRepository matters;
    private final ComposeMessages compose;
    private final Mailer mailer;
    private final AuditLog audit;
    private final MailSettings settings;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public Dispatcher(JdbcOperations jdbc, TransactionOperations<Connection> tx, ActionQueries actions,
                      MatterRepository matters, ComposeMessages compose, Mailer mailer, AuditLog audit,
                      MailSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.actions = actions;
        this.matters = matters;
        this.compose = compose;
        this.mailer = mailer;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${trustwatch.mail.dispatch-interval:30s}",
            initialDelay = "${trustwatch.mail.dispatch-initial-delay:5s}")
    void scheduled() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("dispatch pass failed; the outbox keeps everything for the next pass", e);
        }
    }

    /** Delivers every due group once; a pass already running in this process makes this one a no-op. */
    public Pass dispatchDue() {
        if (!oneAtATime.tryLock()) {
            return new Pass(0, 0, 0);
        }
        try {
            return pass();
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Waits for any running pass, then delivers every due group (for the demo and tests). */
    public Pass dispatchNow() {
        oneAtATime.lock();
        try {
            return pass();
        } finally {
            oneAtATime.unlock();
        }
    }

    private Pass pass() {
        {
            int sent = 0;
            int failed = 0;
            int dead = 0;
            for (String group : dueGroups()) {
                List<Long> claimed = claim(group);
                if (claimed.isEmpty()) {
                    continue; // another dispatcher has it
                }
                switch (deliver(group, claimed)) {
                    case "SENT" -> sent++;
                    case "DEAD" -> dead++;
                    default -> failed++;
                }
            }
            return new Pass(sent, failed, dead);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Groups with a due row, oldest first; rows of a still-running evaluation wait for it to finish. */
    private List<String> dueGroups() {
        LocalDateTime now = now();
        return tx.executeRead(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT o.group_key, MIN(o.id) FROM outbox o"
                    + " JOIN evaluation e ON e.id = o.evaluation_id"
                    + " WHERE e.status <> 'RUNNING' AND ((o.state IN ('PENDING', 'FAILED') AND o.next_attempt_at <= ?)"
                    + " OR (o.state = 'SENDING' AND o.claimed_until < ?))"
                    + " GROUP BY o.group_key ORDER BY MIN(o.id) LIMIT 500")) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                List<String> groups = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(rs.getString(1));
                    }
                }
                return groups;
            }
        }));
    }

    /** Claims a group's due rows (optimistically: a row another dispatcher claimed first is skipped). */
    private List<Long> claim(String group) {
        LocalDateTime now = now();
        return tx.executeWrite(status -> jdbc.execute(conn -> {
            List<Long> rows = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, state, attempts FROM outbox WHERE group_key = ?"
                    + " AND ((state IN ('PENDING', 'FAILED') AND next_attempt_at <= ?) OR (state = 'SENDING' AND claimed_until < ?))")) {
                ps.setString(1, group);
                ps.setObject(2, now);
                ps.setObject(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getLong(1));
                    }
                }
            }
            List<Long> claimed = new ArrayList<>();
            try (PreparedStatement up = conn.prepareStatement("UPDATE outbox SET state = 'SENDING', claimed_until = ?,"
                    + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND ((state IN ('PENDING', 'FAILED')"
                    + " AND next_attempt_at <= ?) OR (state = 'SENDING' AND claimed_until < ?))")) {
                for (Long id : rows) {
                    up.setObject(1, now.plusSeconds(settings.claimSeconds()));
                    up.setObject(2, now);
                    up.setLong(3, id);
                    up.setObject(4, now);
                    up.setObject(5, now);
                    if (up.executeUpdate() == 1) {
                        claimed.add(id);
                    }
                }
            }
            return claimed;
        }));
    }

    private String deliver(String group, List<Long> outboxIds) {
        Map<Long, Long> actionByOutbox = new LinkedHashMap<>();
        Map<Long, Integer> attempts = new HashMap<>();
        tx.executeRead(status -> jdbc.execute(conn -> {
            for (Long id : outboxIds) {
                try (PreparedStatement ps = conn.prepareStatement("SELECT action_id, attempts FROM outbox WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        actionByOutbox.put(id, rs.getLong(1));
                        attempts.put(id, rs.getInt(2));
                    }
                }
            }
            return null;
        }));
        List<RecordedAction> group2 = actions.byIds(actionByOutbox.values());
        Map<String, Matter> byNumber = new HashMap<>();
        matters.findByMatterNumberIn(group2.stream().map(RecordedAction::matterNumber).distinct().toList())
                .forEach(m -> byNumber.put(m.matterNumber(), m));
        int attempt = attempts.values().stream().max(Integer::compare).orElse(1);
        OutgoingMessage message = null;
        try {
            message = compose.compose(group2, byNumber);
            if (message.to().isEmpty()) {
                throw new UndeliverableException("no recipient address on file for "
                        + group2.get(0).type() + " (check the matter's contacts or the firm settings)");
            }
            mailer.send(message);
        } catch (RuntimeException e) {
            boolean last = e instanceof UndeliverableException || attempt >= settings.maxAttempts();
            return fail(outboxIds, group2, e.getMessage(), attempt, last);
        }
        markSent(outboxIds, group2, message);
        return "SENT";
    }

    private void markSent(List<Long> outboxIds, List<RecordedAction> group, OutgoingMessage message) {
        LocalDateTime now = now();
        tx.executeWrite(status -> {
            jdbc.execute(conn -> {
                update(conn, outboxIds, "UPDATE outbox SET state = 'SENT', message_id = ?, claimed_until = NULL,"
                        + " last_error = NULL, updated_at = ? WHERE id = ?", message.messageId(), now);
                return null;
            });
            List<AuditRecord> trail = new ArrayList<>();
            for (RecordedAction a : group) {
                trail.add(new AuditRecord("SENT", a.matterNumber(), a.evaluationId(), a.id(), a.ruleId(),
                        a.rulesetVersion(), "dispatcher", "sent " + a.type() + " to " + message.to()
                        + (message.cc().isEmpty() ? "" : " cc " + message.cc()) + " as " + message.messageId()
                        + (group.size() > 1 ? " (one message for " + group.size() + " matters)" : "")));
            }
            audit.append(trail);
            return null;
        });
    }

    private String fail(List<Long> outboxIds, List<RecordedAction> group, String error, int attempt, boolean dead) {
        LocalDateTime now = now();
        long delay = backoffSeconds(attempt);
        tx.executeWrite(status -> {
            jdbc.execute(conn -> {
                if (dead) {
                    update(conn, outboxIds, "UPDATE outbox SET state = 'DEAD', last_error = ?, claimed_until = NULL,"
                            + " updated_at = ? WHERE id = ?", error, now);
                    try (PreparedStatement task = conn.prepareStatement("INSERT IGNORE INTO exception_item (source_key,"
                            + " kind, matter_number, action_id, severity, summary, status, created_at, updated_at)"
                            + " VALUES (?, 'DEAD_LETTER', ?, ?, 'HIGH', ?, 'OPEN', ?, ?)")) {
                        for (RecordedAction a : group) {
                            task.setString(1, "dead-letter:" + a.id());
                            task.setString(2, a.matterNumber());
                            task.setLong(3, a.id());
                            task.setString(4, truncate("Undelivered " + a.type() + " after " + attempt
                                    + " attempt(s): " + error));
                            task.setObject(5, now);
                            task.setObject(6, now);
                            task.addBatch();
                        }
                        task.executeBatch();
                    }
                } else {
                    try (PreparedStatement ps = conn.prepareStatement("UPDATE outbox SET state = 'FAILED', last_error = ?,"
                            + " claimed_until = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?")) {
                        for (Long id : outboxIds) {
                            ps.setString(1, truncate(error));
                            ps.setObject(2, now.plusSeconds(delay));
                            ps.setObject(3, now);
                            ps.setLong(4, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                return null;
            });
            List<AuditRecord> trail = new ArrayList<>();
            for (RecordedAction a : group) {
                trail.add(new AuditRecord(dead ? "DEAD_LETTER" : "SEND_FAILED", a.matterNumber(), a.evaluationId(),
                        a.id(), a.ruleId(), a.rulesetVersion(), "dispatcher", "attempt " + attempt + " failed: "
                        + error + (dead ? "; no further attempts, in the exception queue" : "; next attempt in "
                        + delay + "s")));
            }
            audit.append(trail);
            return null;
        });
        LOG.warn("delivery attempt {} failed ({}): {}", attempt, dead ? "dead letter" : "will retry", error);
        return dead ? "DEAD" : "FAILED";
    }

    /** base x 2^(attempt-1), capped, with full jitter over the upper half so retries do not stampede. */
    long backoffSeconds(int attempt) {
        long exp = (long) settings.retryBaseSeconds() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(settings.retryCapSeconds(), exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void update(Connection conn, List<Long> ids, String sql, String text, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (Long id : ids) {
                ps.setString(1, truncate(text));
                ps.setObject(2, now);
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }

    /** A message that no retry can deliver (no address at all). */
    static final class UndeliverableException extends RuntimeException {
        UndeliverableException(String message) {
            super(message);
        }
    }
}
