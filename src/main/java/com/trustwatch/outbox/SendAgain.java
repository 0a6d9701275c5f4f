package com.trustwatch.outbox;

import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TextRules;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends a dead letter again once its cause is fixed: the row and the other dead rows of its message
 * group go back to PENDING with their attempts reset, and each gets a DELIVERY_REQUEUED audit entry
 * naming who asked, in one transaction. The dispatcher picks them up at its next pass. The exception
 * item stays as it is: resolve it once the message is out (if it dies again, its item is reopened).
 */
@Singleton
public class SendAgain {

    private static final int MAX_NOTE = 2000;

    private final Outbox outbox;
    private final Actions actions;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final LockConflicts conflicts;
    private final Clock clock;

    public SendAgain(Outbox outbox, Actions actions, AuditLog audit, TransactionOperations<Connection> tx,
                     LockConflicts conflicts, Clock clock) {
        this.outbox = outbox;
        this.actions = actions;
        this.audit = audit;
        this.tx = tx;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** @return the rows sent again, as they stand now */
    public List<OutboxRow> deadLetter(long id, String user, String note) {
        String text;
        try {
            // a note may be typed over several lines; it is kept (and audited) as one
            text = note == null ? "" : TextRules.folded(note, MAX_NOTE);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "note", e.getMessage())));
        }
        return conflicts.retry("sending outbox row " + id + " again", () -> tx.executeWrite(status -> {
            LocalDateTime now = Timestamps.now(clock);
            List<OutboxRow> before = outbox.requeue(id, now);
            Map<Long, RecordedAction> byId = actions.byIds(before.stream().map(OutboxRow::actionId).filter(Objects::nonNull).toList()).stream()
                    .collect(Collectors.toMap(RecordedAction::id, Function.identity()));
            List<AuditRecord> trail = new ArrayList<>();
            for (OutboxRow row : before) {
                RecordedAction a = byId.get(row.actionId());
                if (a == null) { // an event to a subscription: no action behind it
                    trail.add(AuditRecord.of(AuditKind.DELIVERY_REQUEUED, user, "dead letter " + row.channel() + " "
                            + row.groupKey() + " sent again at " + user + "'s request after " + row.attempts()
                            + " attempt(s); it had failed with: " + row.lastError() + (text.isEmpty() ? "" : "; " + text))
                            .forMatter(row.matterNumber()));
                    continue;
                }
                trail.add(AuditRecord.of(AuditKind.DELIVERY_REQUEUED, user, "dead letter " + row.actionType() + " to "
                        + a.action().recipients().to() + " sent again at " + user + "'s request after " + row.attempts()
                        + " attempt(s); it had failed with: " + row.lastError() + (text.isEmpty() ? "" : "; " + text))
                        .forMatter(row.matterNumber()).inEvaluation(row.evaluationId(), a.action().rulesetVersion())
                        .forAction(row.actionId(), a.action().ruleId()));
            }
            audit.append(trail);
            return outbox.byIds(before.stream().map(OutboxRow::id).toList());
        }));
    }
}
