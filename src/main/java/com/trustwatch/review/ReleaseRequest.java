package com.trustwatch.review;

import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.action.RequestSettings;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.episode.Episodes;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Delivery;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;

/**
 * A person releases a held client message: approves it as it is, changes its amount with a reason,
 * or declines it. Approving or amending puts the message in the outbox (due at once) with a deadline
 * counted in business days from the day of release, in the firm's time zone; for a first request the
 * escalation ladder starts counting that day. Declining keeps it out for good; the episode stays open,
 * without a ladder, until a stop condition ends it. Each decision changes the review, the action, the
 * outbox and the episode and appends its audit entry in one transaction, then delivery starts.
 */
@Singleton
public class ReleaseRequest {

    static final int MAX_NOTE = 2000;

    private final Reviews reviews;
    private final Actions actions;
    private final Outbox outbox;
    private final Episodes episodes;
    private final AuditLog audit;
    private final Dispatcher dispatcher;
    private final BusinessCalendar calendar;
    private final RequestSettings settings;
    private final FirmTime firmTime;
    private final TransactionOperations<Connection> tx;
    private final LockConflicts conflicts;
    private final Clock clock;
    private final ExecutorService background;

    public ReleaseRequest(Reviews reviews, Actions actions, Outbox outbox, Episodes episodes, AuditLog audit,
                          Dispatcher dispatcher, BusinessCalendar calendar, RequestSettings settings, FirmTime firmTime,
                          TransactionOperations<Connection> tx, LockConflicts conflicts, Clock clock,
                          @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.reviews = reviews;
        this.actions = actions;
        this.outbox = outbox;
        this.episodes = episodes;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.calendar = calendar;
        this.settings = settings;
        this.firmTime = firmTime;
        this.tx = tx;
        this.conflicts = conflicts;
        this.clock = clock;
        this.background = background;
    }

    /** Releases the message as the rules proposed it; {@code note} is optional. */
    public ReviewView approve(long id, String user, String note) {
        return release(id, user, null, text("note", note, false), ReviewState.APPROVED);
    }

    /**
     * Releases the message asking for {@code amount} instead (decimal dollars, more than zero).
     *
     * @throws InvalidInput naming {@code amount} or {@code reason} when either is missing or wrong
     */
    public ReviewView amend(long id, String user, String amount, String reason) {
        String why = text("reason", reason, true);
        BigDecimal dollars;
        try {
            if (amount == null || amount.isBlank()) {
                throw new IllegalArgumentException("is required: the amount the client is asked for");
            }
            dollars = Money.parseNonNegative(amount).amount();
            if (dollars.signum() == 0) {
                throw new IllegalArgumentException("must be more than 0; to send nothing, decline the request");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "amount", e.getMessage())));
        }
        return release(id, user, dollars, why, ReviewState.AMENDED);
    }

    /** Keeps the message from ever going out; {@code reason} is required. */
    public ReviewView decline(long id, String user, String reason) {
        String why = text("reason", reason, true);
        ReviewView view = conflicts.retry("declining review " + id, () -> tx.executeWrite(status -> {
            Review r = reviews.lockPending(id);
            RecordedAction a = action(r);
            LocalDateTime now = Timestamps.now(clock);
            LocalDate today = firmTime.today();
            reviews.decide(id, ReviewState.DECLINED, user, today, null, why, now);
            audit.append(AuditRecord.of(AuditKind.REQUEST_DECLINED, user, "held " + what(a.action()) + " for "
                    + Money.letter(a.action().amount()) + " declined: it will not be sent; " + why)
                    .forMatter(r.matterNumber()).inEvaluation(r.evaluationId(), a.action().rulesetVersion())
                    .forAction(a.id(), a.action().ruleId()));
            return ReviewView.of(reviews.find(id), a.action());
        }));
        return view;
    }

    private ReviewView release(long id, String user, BigDecimal amended, String note, ReviewState state) {
        ReviewView view = conflicts.retry("releasing review " + id, () -> tx.executeWrite(status -> {
            Review r = reviews.lockPending(id);
            RecordedAction recorded = action(r);
            PlannedAction a = recorded.action();
            LocalDateTime now = Timestamps.now(clock);
            LocalDate today = firmTime.today();
            BigDecimal amount = amended != null ? amended : a.amount();
            boolean firstRequest = r.ladderStage() <= 1;
            // a first request promises five business days from the day the client can first read it;
            // a follow-up repeats the date its episode's first request named
            LocalDate deadline = firstRequest ? calendar.plusBusinessDays(today, settings.deadlineBusinessDays())
                    : a.deadline();
            PlannedAction released = a.released(amount, deadline);
            actions.release(recorded.id(), released.amount(), released.refillTo(), released.deadline());
            outbox.enqueueDue(List.of(new Delivery(recorded.id(), recorded.evaluationId(), a.matterNumber(),
                    a.type().name(), "CLIENT_EMAIL", "released:" + recorded.id())), now);
            boolean ladderStarts = firstRequest && r.episodeStart() != null
                    && episodes.release(a.matterNumber(), r.episodeStart(), today, deadline, now);
            reviews.decide(id, state, user, today, amount, note, now);
            audit.append(AuditRecord.of(state == ReviewState.AMENDED ? AuditKind.REQUEST_AMENDED
                    : AuditKind.REQUEST_APPROVED, user, "held " + what(a) + " " + state.verb() + ": asks for "
                    + Money.letter(amount) + (amended == null ? "" : " instead of " + Money.letter(a.amount()))
                    + " to restore " + Money.letter(released.refillTo()) + ", pay by " + deadline
                    + (ladderStarts ? "; the escalation ladder counts from " + today : "")
                    + (note == null ? "" : "; " + note))
                    .forMatter(r.matterNumber()).inEvaluation(r.evaluationId(), a.rulesetVersion())
                    .forAction(recorded.id(), a.ruleId()));
            return ReviewView.of(reviews.find(id), released);
        }));
        background.submit(dispatcher::dispatchDue);
        return view;
    }

    /** The review list's entries with what each message would say. */
    public List<ReviewView> list(String state, String matter, int limit) {
        return tx.executeRead(status -> {
            List<Review> found = reviews.list(state, matter, limit);
            java.util.Map<Long, RecordedAction> byId = new java.util.HashMap<>();
            actions.byIds(found.stream().map(Review::actionId).toList()).forEach(a -> byId.put(a.id(), a));
            return found.stream().map(r -> ReviewView.of(r, byId.get(r.actionId()).action())).toList();
        });
    }

    public ReviewView find(long id) {
        return tx.executeRead(status -> {
            Review r = reviews.find(id);
            return ReviewView.of(r, action(r).action());
        });
    }

    private RecordedAction action(Review r) {
        List<RecordedAction> found = actions.byIds(List.of(r.actionId()));
        if (found.isEmpty()) {
            throw new NoSuchElementException("no action " + r.actionId() + " behind review " + r.id());
        }
        return found.get(0);
    }

    private static String what(PlannedAction a) {
        return a.type() == com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST ? "replenishment request"
                : "client follow-up";
    }

    private static String text(String field, String value, boolean required) {
        String t = value == null ? "" : value.trim();
        if (required && t.isEmpty()) {
            throw new InvalidInput(List.of(new FieldError(null, field,
                    "is required: say why, so that the decision can be audited")));
        }
        if (t.length() > MAX_NOTE) {
            throw new InvalidInput(List.of(new FieldError(null, field,
                    "is " + t.length() + " characters long; at most " + MAX_NOTE + " are kept")));
        }
        return t.isEmpty() ? null : t;
    }
}
