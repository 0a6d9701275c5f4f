package com.trustwatch.notify;

import com.trustwatch.action.ActionQueries;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
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
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The executor's second half: delivers what the outbox holds. Each message group (a consolidated
 * client request, or one internal message) is claimed, sent outside any transaction, then marked
 * SENT, or FAILED with a capped, jittered exponential backoff, or DEAD after the last attempt
 * (dead letters go to the exception queue). A claim that outlives its lease (the process died while
 * sending) is picked up again: that window, between the SMTP server's OK and our commit, is the
 * only place a duplicate can come from, and the deterministic Message-ID makes it recognisable.
 * Each claim carries a token, and a dispatcher settles only the rows it still holds under its token:
 * one that outlived its lease cannot turn the SENT recorded by the dispatcher that took over into
 * FAILED or DEAD. Short transactions that lose a lock conflict are run again ({@link LockConflicts}).
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** A row is due when it waits for its next attempt, or its claim outlived the lease (its dispatcher died). */
    private static final String DUE = "(state IN ('PENDING', 'FAILED') AND next_attempt_at <= ?)"
            + " OR (state = 'SENDING' AND claimed_until < ?)";

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
    private final LockConflicts conflicts;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public Dispatcher(JdbcOperations jdbc, TransactionOperations<Connection> tx, ActionQueries actions,
                      MatterRepository matters, ComposeMessages compose, Mailer mailer, AuditLog audit,
                      MailSettings settings, Clock clock, LockConflicts conflicts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.actions = actions;
        this.matters = matters;
        this.compose = compose;
        this.mailer = mailer;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.conflicts = conflicts;
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
        int sent = 0;
        int failed = 0;
        int dead = 0;
        for (String group : dueGroups()) {
            Claim claim = claim(group);
            if (claim == null) {
                continue; // another dispatcher has it
            }
            switch (deliver(claim)) {
                case "SENT" -> sent++;
                case "DEAD" -> dead++;
                default -> failed++;
            }
        }
        return new Pass(sent, failed, dead);
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
                    + " WHERE e.status <> 'RUNNING' AND (" + DUE + ")"
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

    /** The rows of one message group this dispatcher holds, under the token it claimed them with. */
    private record Claim(String group, String token, Map<Long, Long> actionByOutbox, int attempt) {
    }

    /**
     * Claims a group's due rows in one statement, so two dispatchers cannot split a group between them:
     * the second one's UPDATE waits for the first one's row locks, then finds nothing due.
     *
     * @return the claim, or null when another dispatcher got there first
     */
    private Claim claim(String group) {
        LocalDateTime now = now();
        String token = UUID.randomUUID().toString();
        return conflicts.retry("claiming outbox group " + group, () -> tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement up = conn.prepareStatement("UPDATE outbox SET state = 'SENDING', claim_token = ?,"
                    + " claimed_until = ?, attempts = attempts + 1, updated_at = ? WHERE group_key = ? AND (" + DUE + ")")) {
                up.setString(1, token);
                up.setObject(2, now.plusSeconds(settings.claimSeconds()));
                up.setObject(3, now);
                up.setString(4, group);
                up.setObject(5, now);
                up.setObject(6, now);
                if (up.executeUpdate() == 0) {
                    return null;
                }
            }
            Map<Long, Long> actionByOutbox = new LinkedHashMap<>();
            int attempt = 1;
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, action_id, attempts FROM outbox"
                    + " WHERE group_key = ? AND claim_token = ? ORDER BY id")) {
                ps.setString(1, group);
                ps.setString(2, token);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        actionByOutbox.put(rs.getLong(1), rs.getLong(2));
                        attempt = Math.max(attempt, rs.getInt(3));
                    }
                }
            }
            return new Claim(group, token, actionByOutbox, attempt);
        })));
    }

    private String deliver(Claim claim) {
        List<RecordedAction> group = actions.byIds(claim.actionByOutbox().values());
        Map<String, Matter> byNumber = new HashMap<>();
        matters.findByMatterNumberIn(group.stream().map(RecordedAction::matterNumber).distinct().toList())
                .forEach(m -> byNumber.put(m.matterNumber(), m));
        OutgoingMessage message;
        try {
            message = compose.compose(group, byNumber);
            if (message.to().isEmpty()) {
                throw new UndeliverableException("no recipient address on file for " + group.get(0).type() + " on "
                        + group.get(0).matterNumber() + " (check the matter's contacts or the firm settings)");
            }
            mailer.send(message);
        } catch (RuntimeException e) {
            boolean last = e instanceof UndeliverableException || claim.attempt() >= settings.maxAttempts();
            return fail(claim, group, e.getMessage(), last);
        }
        markSent(claim, group, message);
        return "SENT";
    }

    private void markSent(Claim claim, List<RecordedAction> group, OutgoingMessage message) {
        LocalDateTime now = now();
        conflicts.retry("recording the delivery of " + message.messageId(), () -> tx.executeWrite(status -> {
            Set<Long> held = settle(claim, "UPDATE outbox SET state = 'SENT', message_id = ?, claim_token = NULL,"
                    + " claimed_until = NULL, last_error = NULL, updated_at = ? WHERE id = ? AND claim_token = ?",
                    message.messageId(), now);
            List<AuditRecord> trail = new ArrayList<>();
            for (RecordedAction a : group) {
                trail.add(new AuditRecord("SENT", a.matterNumber(), a.evaluationId(), a.id(), a.ruleId(),
                        a.rulesetVersion(), "dispatcher", "sent " + a.type() + " to " + message.to()
                        + (message.cc().isEmpty() ? "" : " cc " + message.cc()) + " as " + message.messageId()
                        + (group.size() > 1 ? " (one message for " + group.size() + " matters)" : "")
                        + (held.contains(a.id()) ? "" : "; this dispatcher's claim had lapsed and another one took"
                        + " the message over, so a second copy with the same Message-ID may follow")));
            }
            audit.append(trail);
            return null;
        }));
    }

    private String fail(Claim claim, List<RecordedAction> group, String error, boolean dead) {
        LocalDateTime now = now();
        int attempt = claim.attempt();
        long delay = backoffSeconds(attempt);
        Set<Long> held = conflicts.retry("recording a failed delivery", () -> tx.executeWrite(status -> {
            Set<Long> mine = dead
                    ? settle(claim, "UPDATE outbox SET state = 'DEAD', last_error = ?, claim_token = NULL,"
                    + " claimed_until = NULL, updated_at = ? WHERE id = ? AND claim_token = ?", truncate(error), now)
                    : settle(claim, "UPDATE outbox SET state = 'FAILED', last_error = ?, claim_token = NULL,"
                    + " claimed_until = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ? AND claim_token = ?",
                    truncate(error), now.plusSeconds(delay), now);
            List<RecordedAction> settled = group.stream().filter(a -> mine.contains(a.id())).toList();
            if (dead && !settled.isEmpty()) {
                jdbc.execute(conn -> {
                    // a dead letter sent again (Outbox.requeue) that dies again reopens its item, whatever became of it
                    try (PreparedStatement task = conn.prepareStatement("INSERT INTO exception_item (source_key,"
                            + " kind, matter_number, action_id, severity, summary, status, created_at, updated_at)"
                            + " VALUES (?, 'DEAD_LETTER', ?, ?, 'HIGH', ?, 'OPEN', ?, ?) ON DUPLICATE KEY UPDATE"
                            + " status = 'OPEN', summary = ?, updated_at = ?, handled_by = NULL, handled_note = NULL")) {
                        for (RecordedAction a : settled) {
                            String summary = truncate("Undelivered " + a.type() + " after " + attempt
                                    + " attempt(s): " + error);
                            task.setString(1, "dead-letter:" + a.id());
                            task.setString(2, a.matterNumber());
                            task.setLong(3, a.id());
                            task.setString(4, summary);
                            task.setObject(5, now);
                            task.setObject(6, now);
                            task.setString(7, summary);
                            task.setObject(8, now);
                            task.addBatch();
                        }
                        task.executeBatch();
                    }
                    return null;
                });
            }
            List<AuditRecord> trail = new ArrayList<>();
            for (RecordedAction a : settled) {
                trail.add(new AuditRecord(dead ? "DEAD_LETTER" : "SEND_FAILED", a.matterNumber(), a.evaluationId(),
                        a.id(), a.ruleId(), a.rulesetVersion(), "dispatcher", "attempt " + attempt + " failed: "
                        + error + (dead ? "; no further attempts, in the exception queue" : "; next attempt in "
                        + delay + "s")));
            }
            audit.append(trail);
            return mine;
        }));
        if (held.isEmpty()) {
            LOG.warn("delivery attempt {} of group {} failed ({}) after this dispatcher's claim had lapsed;"
                    + " the dispatcher that took it over decides what happens next", attempt, claim.group(), error);
            return "FAILED";
        }
        LOG.warn("delivery attempt {} failed ({}): {}", attempt, dead ? "dead letter" : "will retry", error);
        return dead ? "DEAD" : "FAILED";
    }

    /**
     * Applies a settling UPDATE (its last two parameters are the row id and the claim token) to each
     * claimed row, and returns the actions of the rows this dispatcher still held.
     */
    private Set<Long> settle(Claim claim, String sql, Object... values) {
        return jdbc.execute(conn -> {
            Set<Long> held = new HashSet<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (Map.Entry<Long, Long> row : claim.actionByOutbox().entrySet()) {
                    int i = 1;
                    for (Object v : values) {
                        ps.setObject(i++, v);
                    }
                    ps.setLong(i++, row.getKey());
                    ps.setString(i, claim.token());
                    if (ps.executeUpdate() == 1) {
                        held.add(row.getValue());
                    }
                }
            }
            return held;
        });
    }

    /** base x 2^(attempt-1), capped, with full jitter over the upper half so retries do not stampede. */
    long backoffSeconds(int attempt) {
        long exp = (long) settings.retryBaseSeconds() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(settings.retryCapSeconds(), exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
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
