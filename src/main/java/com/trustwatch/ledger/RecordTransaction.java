package com.trustwatch.ledger;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.config.FirmTime;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.matter.Matter;
import com.trustwatch.db.Timestamps;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Records a trust-ledger event (deposit, drawdown, refund) and moves the matter's balance. Trustwatch
 * never moves money itself: this records what the firm's books already did.
 */
@Singleton
public class RecordTransaction {

    private final MatterRepository matters;
    private final LedgerRepository ledger;
    private final AuditLog audit;
    private final Clock clock;
    private final FirmTime firmTime;

    public RecordTransaction(MatterRepository matters, LedgerRepository ledger, AuditLog audit, Clock clock,
                             FirmTime firmTime) {
        this.matters = matters;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.firmTime = firmTime;
    }

    @Transactional
    public LedgerTransaction record(String matterNumber, Map<String, Object> body, String actor) {
        List<FieldError> errors = new ArrayList<>();
        TransactionType type = null;
        BigDecimal amount = null;
        LocalDate date = firmTime.today(); // an event without a date happened on the firm's today
        String description = null;
        for (String key : body.keySet()) {
            if (!List.of("type", "amount", "date", "description").contains(key)) {
                errors.add(new FieldError(null, key, "unknown field (expected type, amount, date, description)"));
            }
        }
        try {
            type = MatterFields.enumValue(TransactionType.class, required(body, "type"));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "type", e.getMessage()));
        }
        try {
            amount = MatterFields.money(required(body, "amount"));
            if (amount.signum() == 0) {
                throw new IllegalArgumentException("must be more than 0");
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "amount", e.getMessage()));
        }
        try {
            if (body.get("date") != null) {
                date = MatterFields.date(body.get("date").toString());
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "date", e.getMessage()));
        }
        if (body.get("description") != null) {
            description = body.get("description").toString();
            if (description.length() > 500) {
                errors.add(new FieldError(null, "description", "is longer than 500 characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (matters.adjustBalance(matterNumber, amount.multiply(BigDecimal.valueOf(type.sign()))) == 0) {
            throw new NoSuchElementException("no matter " + matterNumber);
        }
        if (type == TransactionType.DEPOSIT) {
            matters.recordDeposit(matterNumber, date);
        }
        Matter after = matters.findByMatterNumber(matterNumber).orElseThrow();
        LedgerTransaction saved = ledger.save(new LedgerTransaction(null, matterNumber, type, amount, date,
                description, after.trustBalance(), Timestamps.now(clock)));
        audit.append(AuditRecord.of(AuditKind.TRANSACTION_RECORDED, actor, type + " of " + amount + " on " + date
                + "; balance now " + after.trustBalance()).forMatter(matterNumber));
        return saved;
    }

    private static String required(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        return v.toString();
    }
}
