package com.trustwatch.outbox;

import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.Severity;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.exceptionqueue.ItemKind;
import com.trustwatch.exceptionqueue.NewItem;
import com.trustwatch.lifecycle.Draining;
import com.trustwatch.mail.ComposeMessages;
import com.trustwatch.mail.MailException;
import com.trustwatch.mail.MailSettings;
import com.trustwatch.mail.Mailer;
import com.trustwatch.mail.OutgoingMessage;
import com.trustwatch.mail.UndeliverableMessage;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The executor's second half: delivers what the outbox holds. Each message group (a consolidated
 * client request, or one internal message) is claimed, sent outside any transaction, then marked
 * SENT, or FAILED with a capped, jittered exponential backoff, or DEAD after the last attempt
 * (dead letters go to the exception queue). A claim that outlives its lease (the process died while
 * sending) is picked up again: that window, between the SMTP server's OK and our commit, is the
 * only place a duplicate can come from, and the deterministic Message-ID makes it recognisable.
 * Short transactions that lose a lock conflict are run again ({@link LockConflicts}). When the
 * service is stopping ({@link Draining}) a pass finishes the message it is sending and claims no other.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** What one pass did. */
    public record Pass(int sent, int failed, int dead) {
    }

    private final Outbox outbox;
    private final TransactionOperations<Connection> tx;
    private final Actions actions;
    private final MatterRepository matters;
    private final ComposeMessages compose;
    private final Mailer mailer;
    private final ExceptionQueue queue;
    private final AuditLog audit;
    private final MailSettings settings;
    private final Clock clock;
    private final LockConflicts conflicts;
    private final TaskScheduler scheduler;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final Draining draining;
    private final Map<String, OutboxTransport> transports = new HashMap<>();
    private final List<DeliveryObserver> observers;

    /** Email only, with no one told of deliveries (tests that build a dispatcher of their own). */
    public Dispatcher(Outbox outbox, TransactionOperations<Connection> tx, Actions actions, MatterRepository matters,
                      ComposeMessages compose, Mailer mailer, ExceptionQueue queue, AuditLog audit,
                      MailSettings settings, Clock clock, LockConflicts conflicts, TaskScheduler scheduler,
                      Draining draining) {
        this(outbox, tx, actions, matters, compose, mailer, queue, audit, settings, clock, conflicts, scheduler, draining,
                List.of(), List.of());
    }

    @Inject
    public Dispatcher(Outbox outbox, TransactionOperations<Connection> tx, Actions actions, MatterRepository matters,
                      ComposeMessages compose, Mailer mailer, ExceptionQueue queue, AuditLog audit,
                      MailSettings settings, Clock clock, LockConflicts conflicts,
                      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, Draining draining,
                      List<OutboxTransport> transports, List<DeliveryObserver> observers) {
        transports.forEach(t -> this.transports.put(t.channel(), t));
        this.observers = observers;
        this.outbox = outbox;
        this.tx = tx;
        this.actions = actions;
        this.matters = matters;
        this.compose = compose;
        this.mailer = mailer;
        this.queue = queue;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.conflicts = conflicts;
        this.scheduler = scheduler;
        this.draining = draining;
    }

    /** Passes run every {@code trustwatch.mail.dispatch-interval} after {@code dispatch-initial-delay}. */
    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(settings.dispatchInitialDelay(), settings.dispatchInterval(), this::scheduled);
    }

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
        if (draining.stopping()) {
            return new Pass(0, 0, 0);
        }
        try (Draining.Work work = draining.begin("a dispatcher pass")) {
            return deliverDue();
        }
    }

    private Pass deliverDue() {
        int sent = 0;
        int failed = 0;
        int dead = 0;
        for (String group : outbox.dueGroups(Timestamps.now(clock), 500)) {
            if (draining.stopping()) {
                break; // the rest stays due for the next instance or start
            }
            Outbox.Claim claim = claim(group);
            if (claim == null) {
                continue; // another dispatcher has it
            }
            switch (deliver(claim)) {
                case SENT -> sent++;
                case DEAD -> dead++;
                default -> failed++;
            }
        }
        return new Pass(sent, failed, dead);
    }

    private Outbox.Claim claim(String group) {
        LocalDateTime now = Timestamps.now(clock);
        return conflicts.retry("claiming outbox group " + group, () -> tx.executeWrite(
                status -> outbox.claim(group, now, now.plusSeconds(settings.claimSeconds()))));
    }

    private OutboxState deliver(Outbox.Claim claim) {
        if (!Channels.EMAIL.contains(claim.channel())) {
            return deliverBy(claim);
        }
        List<RecordedAction> group = actions.byIds(claim.actionByRow().values());
        Map<String, Matter> byNumber = new HashMap<>();
        matters.findByMatterNumberIn(group.stream().map(RecordedAction::matterNumber).distinct().toList())
                .forEach(m -> byNumber.put(m.matterNumber(), m));
        OutgoingMessage message;
        try {
            message = compose.compose(group, byNumber);
            if (message.to().isEmpty()) {
                throw new UndeliverableException("no recipient address on file for " + group.get(0).action().type()
                        + " on " + group.get(0).matterNumber() + " (check the matter's contacts or the firm settings)");
            }
            mailer.send(message);
        } catch (RuntimeException e) {
            // a refusal no retry can change (no address, a message that may not go out, a 5xx reply) is a dead
            // letter at once
            boolean last = e instanceof UndeliverableException || e instanceof UndeliverableMessage
                    || e instanceof MailException m && m.permanent()
                    || claim.attempt() >= settings.maxAttempts();
            return fail(claim, group, e.getMessage(), last);
        }
        markSent(claim, group, message);
        return OutboxState.SENT;
    }

    private void markSent(Outbox.Claim claim, List<RecordedAction> group, OutgoingMessage message) {
        LocalDateTime now = Timestamps.now(clock);
        conflicts.retry("recording the delivery of " + message.messageId(), () -> tx.executeWrite(status -> {
            Set<Long> held = outbox.markSent(claim, message.messageId(), now);
            List<AuditRecord> trail = new ArrayList<>();
            for (RecordedAction a : group) {
                trail.add(entry(AuditKind.SENT, a, "sent " + a.action().type() + " to " + message.to()
                        + (message.cc().isEmpty() ? "" : " cc " + message.cc()) + " as " + message.messageId()
                        + (group.size() > 1 ? " (one message for " + group.size() + " matters)" : "")
                        + (held.contains(a.id()) ? "" : "; this dispatcher's claim had lapsed and another one took"
                        + " the message over, so a second copy with the same Message-ID may follow")));
            }
            audit.append(trail);
            observers.forEach(o -> o.delivered(group, claim.channel(), message.messageId(), now));
            return null;
        }));
    }

    /** A group of another channel, through its transport: claimed, settled and audited as email is. */
    private OutboxState deliverBy(Outbox.Claim claim) {
        OutboxTransport transport = transports.get(claim.channel());
        List<RecordedAction> group = actions.byIds(claim.actionByRow().values());
        Map<String, Matter> byNumber = new HashMap<>();
        matters.findByMatterNumberIn(group.stream().map(RecordedAction::matterNumber).distinct().toList())
                .forEach(m -> byNumber.put(m.matterNumber(), m));
        LocalDateTime now = Timestamps.now(clock);
        OutboxTransport.Outcome outcome;
        try {
            if (transport == null) {
                throw new OutboxTransport.Failure("no transport for channel " + claim.channel()
                        + " is configured (docs/operations.md, \"Connectors\")", false, null);
            }
            outcome = transport.deliver(claim.rows(), group, byNumber, claim.attempt(), now);
        } catch (OutboxTransport.Failure e) {
            return failRows(claim, group, e);
        } catch (RuntimeException e) {
            return failRows(claim, group, new OutboxTransport.Failure(e.getClass().getSimpleName() + ": " + e.getMessage(),
                    false, null));
        }
        return conflicts.retry("settling outbox group " + claim.group(), () -> tx.executeWrite(status -> {
            List<AuditRecord> trail = new ArrayList<>();
            if (outcome instanceof OutboxTransport.Sent sent) {
                Set<Long> held = outbox.sentRows(claim, sent.messageId(), now);
                trail.addAll(rowEntries(AuditKind.SENT, claim, group, held, sent.detail()
                        + (held.size() < claim.rows().size() ? "; this dispatcher's claim had lapsed and another one took"
                        + " the message over, so it may be sent again" : "")));
                if (!group.isEmpty()) {
                    observers.forEach(o -> o.delivered(group, claim.channel(), sent.messageId(), now));
                }
                audit.append(trail);
                return OutboxState.SENT;
            }
            if (outcome instanceof OutboxTransport.Postponed p) {
                Set<Long> held = outbox.postpone(claim, p.why(), p.until(), now);
                trail.addAll(rowEntries(AuditKind.SMS_HELD, claim, group, held, p.why()));
                audit.append(trail);
                return OutboxState.PENDING;
            }
            OutboxTransport.Withheld w = (OutboxTransport.Withheld) outcome;
            Set<Long> held = outbox.withhold(claim, w.why(), now);
            trail.addAll(rowEntries(AuditKind.SMS_WITHHELD, claim, group, held, w.why()));
            audit.append(trail);
            return OutboxState.WITHHELD;
        }));
    }

    private OutboxState failRows(Outbox.Claim claim, List<RecordedAction> group, OutboxTransport.Failure failure) {
        LocalDateTime now = Timestamps.now(clock);
        int attempt = claim.attempt();
        boolean dead = failure.permanent() || attempt >= settings.maxAttempts();
        long delay = Math.max(backoffSeconds(attempt), failure.retryAfter() == null ? 0 : failure.retryAfter().toSeconds());
        String error = failure.getMessage();
        Set<Long> held = conflicts.retry("recording a failed delivery", () -> tx.executeWrite(status -> {
            Set<Long> mine = dead ? outbox.deadRows(claim, error, now) : outbox.failedRows(claim, error, now.plusSeconds(delay), now);
            if (dead) {
                List<NewItem> items = new ArrayList<>();
                for (Outbox.ClaimedRow row : claim.rows()) {
                    if (!mine.contains(row.id())) {
                        continue;
                    }
                    RecordedAction a = row.actionId() == null ? null
                            : group.stream().filter(g -> g.id() == row.actionId()).findFirst().orElse(null);
                    items.add(new NewItem("dead-letter:" + claim.channel().toLowerCase(java.util.Locale.ROOT) + ":"
                            + (a == null ? "row-" + row.id() : a.id()), ItemKind.DEAD_LETTER, row.matterNumber(),
                            a == null ? null : a.id(), a == null ? claim.channel() : a.action().type().name(),
                            a == null ? null : a.action().ruleId(), Severity.HIGH, "Undelivered " + claim.channel()
                            + (a == null ? "" : " " + a.action().type()) + " after " + attempt + " attempt(s): " + error));
                }
                queue.openOrReopen(items, now);
            }
            audit.append(rowEntries(dead ? AuditKind.DEAD_LETTER : AuditKind.SEND_FAILED, claim, group, mine,
                    claim.channel() + " attempt " + attempt + " failed: " + error + (dead
                            ? "; no further attempts, in the exception queue" : "; next attempt in " + delay + "s")));
            return mine;
        }));
        if (held.isEmpty()) {
            return OutboxState.FAILED;
        }
        LOG.warn("{} delivery attempt {} failed ({}): {}", claim.channel(), attempt, dead ? "dead letter" : "will retry", error);
        return dead ? OutboxState.DEAD : OutboxState.FAILED;
    }

    /** One audit entry per held row: about its action when it has one, else about its matter. */
    private static List<AuditRecord> rowEntries(AuditKind kind, Outbox.Claim claim, List<RecordedAction> group,
                                                Set<Long> held, String detail) {
        List<AuditRecord> out = new ArrayList<>();
        for (Outbox.ClaimedRow row : claim.rows()) {
            if (!held.contains(row.id())) {
                continue;
            }
            RecordedAction a = row.actionId() == null ? null
                    : group.stream().filter(g -> g.id() == row.actionId()).findFirst().orElse(null);
            out.add(a != null ? entry(kind, a, detail)
                    : AuditRecord.of(kind, "dispatcher", detail).forMatter(row.matterNumber()));
        }
        return out;
    }

    private OutboxState fail(Outbox.Claim claim, List<RecordedAction> group, String error, boolean dead) {
        LocalDateTime now = Timestamps.now(clock);
        int attempt = claim.attempt();
        long delay = backoffSeconds(attempt);
        Set<Long> held = conflicts.retry("recording a failed delivery", () -> tx.executeWrite(status -> {
            Set<Long> mine = dead ? outbox.markDead(claim, error, now)
                    : outbox.markFailed(claim, error, now.plusSeconds(delay), now);
            List<RecordedAction> settled = group.stream().filter(a -> mine.contains(a.id())).toList();
            if (dead) {
                // a dead letter sent again (SendAgain) that dies again reopens its item, whatever became of it
                queue.openOrReopen(settled.stream().map(a -> new NewItem("dead-letter:" + a.id(), ItemKind.DEAD_LETTER,
                        a.matterNumber(), a.id(), a.action().type().name(), a.action().ruleId(), Severity.HIGH,
                        "Undelivered " + a.action().type() + " after " + attempt + " attempt(s): " + error)).toList(), now);
            }
            List<AuditRecord> trail = new ArrayList<>();
            for (RecordedAction a : settled) {
                trail.add(entry(dead ? AuditKind.DEAD_LETTER : AuditKind.SEND_FAILED, a, "attempt " + attempt
                        + " failed: " + error + (dead ? "; no further attempts, in the exception queue"
                        : "; next attempt in " + delay + "s")));
            }
            audit.append(trail);
            return mine;
        }));
        if (held.isEmpty()) {
            LOG.warn("delivery attempt {} of group {} failed ({}) after this dispatcher's claim had lapsed;"
                    + " the dispatcher that took it over decides what happens next", attempt, claim.group(), error);
            return OutboxState.FAILED;
        }
        LOG.warn("delivery attempt {} failed ({}): {}", attempt, dead ? "dead letter" : "will retry", error);
        return dead ? OutboxState.DEAD : OutboxState.FAILED;
    }

    private static AuditRecord entry(AuditKind kind, RecordedAction a, String detail) {
        return AuditRecord.of(kind, "dispatcher", detail).forMatter(a.matterNumber())
                .inEvaluation(a.evaluationId(), a.action().rulesetVersion()).forAction(a.id(), a.action().ruleId());
    }

    /** base x 2^(attempt-1), capped, with full jitter over the upper half so retries do not stampede. */
    long backoffSeconds(int attempt) {
        long exp = (long) settings.retryBaseSeconds() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(settings.retryCapSeconds(), exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** A message that no retry can deliver (no address at all). */
    static final class UndeliverableException extends RuntimeException {
        UndeliverableException(String message) {
            super(message);
        }
    }
}
