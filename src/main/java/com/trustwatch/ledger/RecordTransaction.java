package com.trustwatch.ledger;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.money.Money;
import com.trustwatch.config.FirmTime;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.matter.Matter;
import com.trustwatch.db.Columns;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.web.TextRules;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Records a trust-ledger event (deposit, drawdown, refund) and moves the matter's balance. Trustwatch
 * never moves money itself: this records what the firm's books already did.
 */
@Singleton
public class RecordTransaction {

    /** Longest description kept (the column's width). */
    static final int MAX_DESCRIPTION = 500;
    private static final Set<String> FIELDS = Set.of("type", "amount", "date", "description", "method", "clearsOn");

    private final MatterRepository matters;
    private final LedgerRepository ledger;
    private final AuditLog audit;
    private final Clock clock;
    private final FirmTime firmTime;
    private final ClearingSettings clearing;
    private final BusinessCalendar calendar;

    public RecordTransaction(MatterRepository matters, LedgerRepository ledger, AuditLog audit, Clock clock,
                             FirmTime firmTime, ClearingSettings clearing, BusinessCalendar calendar) {
        this.matters = matters;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.firmTime = firmTime;
        this.clearing = clearing;
        this.calendar = calendar;
    }

    /**
     * The same event given as a map of texts (for callers inside the service); unknown keys and
     * values that are not text are refused as over HTTP.
     */
    @Transactional
    public LedgerTransaction record(String matterNumber, Map<String, Object> body, String actor) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                errors.add(new FieldError(null, e.getKey(),
                        "unknown field (expected type, amount, date, description, method, clearsOn)"));
            } else if (e.getValue() != null && !(e.getValue() instanceof String)) {
                errors.add(new FieldError(null, e.getKey(), "must be text"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return record(matterNumber, new TransactionRequest((String) body.get("type"), (String) body.get("amount"),
                (String) body.get("date"), (String) body.get("description"), (String) body.get("method"),
                (String) body.get("clearsOn")), actor);
    }

    /**
     * @throws InvalidInput          (422) naming each bad field, or when the event would take the
     *                               balance beyond what the ledger holds ({@link Money#LIMIT})
     * @throws NoSuchElementException (404) when there is no such matter
     */
    @Transactional
    public LedgerTransaction record(String matterNumber, TransactionRequest request, String actor) {
        List<FieldError> errors = new ArrayList<>();
        TransactionType type = null;
        BigDecimal amount = null;
        LocalDate date = firmTime.today(); // an event without a date happened on the firm's today
        String description = null;
        String method = null;
        LocalDate clearsOn = null;
        try {
            type = MatterFields.enumValue(TransactionType.class, required(request.type()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "type", e.getMessage()));
        }
        try {
            amount = MatterFields.money(required(request.amount()));
            if (amount.signum() == 0) {
                throw new IllegalArgumentException("must be more than 0");
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "amount", e.getMessage()));
        }
        try {
            if (request.date() != null) {
                date = MatterFields.date(request.date());
                if (date.isAfter(firmTime.today())) {
                    // the balance moves now: an entry dated ahead would show money moved that has not
                    throw new IllegalArgumentException(date + " is after today (" + firmTime.today()
                            + " in the firm's time zone); a ledger entry is dated on or before the day it is recorded");
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "date", e.getMessage()));
        }
        try {
            if (request.description() != null) {
                description = TextRules.folded(request.description(), MAX_DESCRIPTION);
                description = description.isEmpty() ? null : description;
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "description", e.getMessage()));
        }
        if (request.method() != null && !request.method().isBlank()) {
            method = request.method().trim().toLowerCase(Locale.ROOT);
            if (clearing.holdFor(method).isEmpty()) {
                errors.add(new FieldError(null, "method", "'" + Columns.cut(method, 40) + "' is not one of "
                        + String.join(", ", clearing.holds().keySet())));
                method = null;
            }
        }
        try {
            if (request.clearsOn() != null && !request.clearsOn().isBlank()) {
                clearsOn = MatterFields.date(request.clearsOn().trim());
                if (clearsOn.isBefore(date)) {
                    throw new IllegalArgumentException("is before the deposit's date " + date);
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "clearsOn", e.getMessage()));
        }
        if (type != null && type != TransactionType.DEPOSIT) {
            if (request.method() != null) {
                errors.add(new FieldError(null, "method", "only a deposit has a payment method and a clearing day"));
            }
            if (request.clearsOn() != null) {
                errors.add(new FieldError(null, "clearsOn", "only a deposit has a payment method and a clearing day"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (clearsOn == null && method != null) {
            clearsOn = calendar.plusBusinessDays(date, clearing.holdFor(method).orElseThrow());
        }
        if (clearsOn != null && !clearsOn.isAfter(date)) {
            clearsOn = null; // cleared on its date: nothing is ever uncleared
        }
        BigDecimal delta = amount.multiply(BigDecimal.valueOf(type.sign()));
        if (matters.adjustBalance(matterNumber, delta, Money.LIMIT.negate(), Money.LIMIT) == 0) {
            Matter before = matters.findByMatterNumber(matterNumber)
                    .orElseThrow(() -> new NoSuchElementException("no matter " + matterNumber));
            throw new InvalidInput(List.of(new FieldError(null, "amount", "a " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " of " + Money.letter(amount) + " would take the trust balance from " + Money.letter(before.trustBalance())
                    + " to " + Money.letter(before.trustBalance().add(delta)) + ", beyond what a ledger holds"
                    + " (less than $1,000,000,000,000.00 either way)")));
        }
        if (type == TransactionType.DEPOSIT) {
            matters.recordDeposit(matterNumber, date);
        }
        Matter after = matters.findByMatterNumber(matterNumber).orElseThrow();
        LedgerTransaction saved = ledger.save(new LedgerTransaction(null, matterNumber, type, amount, date,
                description, after.trustBalance(), Timestamps.now(clock), method, clearsOn));
        audit.append(AuditRecord.of(AuditKind.TRANSACTION_RECORDED, actor, type + " of " + Money.letter(amount) + " on " + date
                + (method == null ? "" : " by " + method) + (clearsOn == null ? "" : ", funds clear on " + clearsOn)
                + "; balance now " + Money.letter(after.trustBalance())).forMatter(matterNumber));
        return saved;
    }

    private static String required(String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        return v;
    }
}
