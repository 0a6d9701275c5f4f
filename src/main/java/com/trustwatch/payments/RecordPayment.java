package com.trustwatch.payments;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.Severity;
import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.exceptionqueue.ItemKind;
import com.trustwatch.exceptionqueue.NewItem;
import com.trustwatch.ledger.ClearingSettings;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.RecordTransaction;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.money.Money;
import com.trustwatch.webhook.PublishEvents;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Takes in one payment event: a payment for a trust payment link becomes a DEPOSIT through the
 * ledger's own use case ({@link RecordTransaction}), so the balance, the clearing day and the audit
 * trail follow as for any deposit; the audit trail also names the provider's event id. Idempotent: a
 * resent event records nothing (its id is stored), and the several events one payment fires record
 * one deposit (keyed by the payment). What cannot be taken in (no or an unknown matter, a currency
 * other than USD, an amount that is not above zero, an unreadable event) is refused into the exception
 * queue, never dropped. After a deposit, the matter is evaluated at once
 * ({@link PaymentSettings#recheckAfterDeposit()}): the rules decide whether the deposit restored the
 * threshold and end the low-balance episode (ES-004), so the ladder's next stage is not sent.
 */
@Singleton
public class RecordPayment {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPayment.class);

    /** What became of an event, for the provider's answer. */
    public record Result(PaymentEvents.Outcome outcome, boolean replayed, String matterNumber, Long ledgerId,
                         String detail) {
    }

    private final PaymentEvents events;
    private final RecordTransaction ledger;
    private final MatterRepository matters;
    private final ExceptionQueue queue;
    private final AuditLog audit;
    private final PublishEvents publish;
    private final EvaluateMatters evaluate;
    private final ClearingSettings clearing;
    private final PaymentSettings settings;
    private final TransactionOperations<Connection> tx;
    private final LockConflicts conflicts;
    private final Clock clock;
    private final FirmTime firmTime;

    public RecordPayment(PaymentEvents events, RecordTransaction ledger, MatterRepository matters, ExceptionQueue queue,
                         AuditLog audit, PublishEvents publish, EvaluateMatters evaluate, ClearingSettings clearing,
                         PaymentSettings settings, TransactionOperations<Connection> tx, LockConflicts conflicts,
                         Clock clock, FirmTime firmTime) {
        this.events = events;
        this.ledger = ledger;
        this.matters = matters;
        this.queue = queue;
        this.audit = audit;
        this.publish = publish;
        this.evaluate = evaluate;
        this.clearing = clearing;
        this.settings = settings;
        this.tx = tx;
        this.conflicts = conflicts;
        this.clock = clock;
        this.firmTime = firmTime;
    }

    public Result take(PaymentNotice n) {
        Result r = conflicts.retry("recording payment event " + n.eventId(), () -> tx.executeWrite(status -> inTransaction(n)));
        if (r.outcome() == PaymentEvents.Outcome.RECORDED && !r.replayed() && settings.recheckAfterDeposit()) {
            recheck(r.matterNumber(), n);
        }
        return r;
    }

    private Result inTransaction(PaymentNotice n) {
        LocalDateTime now = Timestamps.now(clock);
        var seen = events.find(n.provider(), n.eventId());
        if (seen.isPresent()) {
            var row = seen.get();
            return new Result(row.outcome(), true, row.matterNumber(), row.ledgerId(),
                    "event " + n.eventId() + " was received before (" + row.outcome() + "); nothing recorded again");
        }
        String refusal = refusal(n);
        if (refusal != null) {
            return refuse(n, refusal, now);
        }
        if (!n.paid()) {
            String detail = n.eventType() + " reports no money received yet (payment " + n.paymentId()
                    + "); the deposit is recorded when the payment succeeds";
            events.add(n, PaymentEvents.Outcome.IGNORED, detail, null, now);
            return new Result(PaymentEvents.Outcome.IGNORED, false, n.matterNumber(), null, detail);
        }
        var earlier = events.depositOf(n.depositKey());
        if (earlier.isPresent()) {
            String detail = "payment " + n.paymentId() + " was recorded as a deposit by event " + earlier.get().eventId()
                    + " (" + earlier.get().eventType() + "); " + n.eventType() + " " + n.eventId() + " records nothing more";
            events.add(n, PaymentEvents.Outcome.DUPLICATE, detail, earlier.get().ledgerId(), now);
            return new Result(PaymentEvents.Outcome.DUPLICATE, false, n.matterNumber(), earlier.get().ledgerId(), detail);
        }
        LocalDate date = n.paidOn() == null ? firmTime.today() : n.paidOn();
        Map<String, Object> deposit = new LinkedHashMap<>();
        deposit.put("type", "DEPOSIT");
        deposit.put("amount", Money.json(n.amount()));
        deposit.put("date", date.toString());
        if (n.method() != null) {
            deposit.put("method", n.method());
        }
        deposit.put("description", providerName(n) + " payment " + (n.paymentId() == null ? "" : n.paymentId() + " ")
                + "(event " + n.eventId() + ")");
        LedgerTransaction t = ledger.record(n.matterNumber(), deposit, actor(n));
        String detail = providerName(n) + " " + n.eventType() + " event " + n.eventId()
                + (n.paymentId() == null ? "" : " for payment " + n.paymentId()) + ": deposit of " + Money.letter(n.amount())
                + " recorded as ledger entry " + t.id() + (t.clearsOn() == null ? "" : ", funds clear on " + t.clearsOn())
                + "; balance now " + Money.letter(t.balanceAfter());
        events.add(n, PaymentEvents.Outcome.RECORDED, detail, t.id(), now);
        audit.append(AuditRecord.of(AuditKind.PAYMENT_RECEIVED, actor(n), detail).forMatter(n.matterNumber()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matter_number", n.matterNumber());
        data.put("amount", Money.json(n.amount()));
        data.put("currency", "USD");
        data.put("provider", n.provider());
        data.put("provider_event_id", n.eventId());
        data.put("payment_id", n.paymentId());
        data.put("paid_on", date.toString());
        data.put("clears_on", t.clearsOn() == null ? null : t.clearsOn().toString());
        data.put("trust_balance", Money.json(t.balanceAfter()));
        publish.publish(PublishEvents.REQUEST_PAID, "request.paid|" + n.depositKey(), n.matterNumber(), data, now);
        return new Result(PaymentEvents.Outcome.RECORDED, false, n.matterNumber(), t.id(), detail);
    }

    /** Why the event cannot become a deposit, or null. */
    private String refusal(PaymentNotice n) {
        if (n.problem() != null) {
            return n.problem();
        }
        if (!n.paid()) {
            return null; // nothing to check until money is received
        }
        if (n.matterNumber() == null || n.matterNumber().isBlank()) {
            return "the payment names no matter (matter_number in the payment link's metadata)";
        }
        if (matters.findByMatterNumber(n.matterNumber()).isEmpty()) {
            return "no matter " + n.matterNumber() + " in the book";
        }
        if (n.currency() == null || !n.currency().equalsIgnoreCase("usd")) {
            return "the currency is " + (n.currency() == null ? "not given" : n.currency().toUpperCase(Locale.ROOT))
                    + "; trust deposits are recorded in USD only";
        }
        if (n.amount() == null) {
            return "the payment has no amount";
        }
        if (n.amount().signum() < 0) {
            return "the amount " + Money.letter(n.amount()) + " is negative";
        }
        if (n.amount().signum() == 0) {
            return "the amount is zero";
        }
        if (n.paidOn() != null && n.paidOn().isAfter(firmTime.today())) {
            return "the payment is dated " + n.paidOn() + ", after today (" + firmTime.today()
                    + " in the firm's time zone)";
        }
        if (n.method() != null && clearing.holdFor(n.method()).isEmpty()) {
            return "the payment method '" + n.method() + "' has no clearing hold configured"
                    + " (trustwatch.ledger.clearing.hold-business-days)";
        }
        return null;
    }

    /**
     * "$500.00" for dollars, as every amount people read; another currency's figure as sent, in its own
     * minor unit, with its code ("500.00 EUR", "50000 JPY", "500.000 KWD").
     */
    private static String refusedAmount(PaymentNotice n) {
        if (n.currency() != null && n.currency().equalsIgnoreCase("usd")) {
            return Money.letter(n.amount());
        }
        return n.amount().toPlainString() + (n.currency() == null ? " (no currency given)" : " " + n.currency().toUpperCase(Locale.ROOT));
    }

    private Result refuse(PaymentNotice n, String why, LocalDateTime now) {
        String detail = providerName(n) + " " + n.eventType() + " event " + n.eventId()
                + (n.paymentId() == null ? "" : " (payment " + n.paymentId() + ")")
                + (n.amount() == null ? "" : " of " + refusedAmount(n))
                + (n.matterNumber() == null ? "" : " for matter " + n.matterNumber()) + " was not recorded: " + why
                + ". Record the deposit by hand once it is clear where the money belongs, or refund it.";
        events.add(n, PaymentEvents.Outcome.REFUSED, detail, null, now);
        queue.open(List.of(new NewItem("payment:" + n.provider() + ":" + n.eventId(), ItemKind.CONNECTOR,
                n.matterNumber(), null, null, null, Severity.HIGH, detail)), now);
        audit.append(AuditRecord.of(AuditKind.PAYMENT_REFUSED, actor(n), detail).forMatter(n.matterNumber()));
        LOG.warn("payment refused into the exception queue: {}", detail);
        return new Result(PaymentEvents.Outcome.REFUSED, false, n.matterNumber(), null, detail);
    }

    /** The rules see the deposit now: a restored threshold ends the episode before the ladder's next stage. */
    private void recheck(String matterNumber, PaymentNotice n) {
        try {
            evaluate.execute(new EvaluationRequest(false, null, List.of(matterNumber)), actor(n));
        } catch (RuntimeException e) {
            LOG.warn("the deposit of {} is recorded, but evaluating matter {} after it failed ({}); the next scheduled"
                    + " evaluation sees it", n.eventId(), matterNumber, e.getMessage());
        }
    }

    private static String providerName(PaymentNotice n) {
        return n.provider().equals("stripe") ? "Stripe" : n.provider();
    }

    private static String actor(PaymentNotice n) {
        return "payments:" + n.provider();
    }
}
