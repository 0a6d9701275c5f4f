package com.trustwatch.action;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Told, in the transaction that records them, about actions an evaluation recorded for the first
 * time: a text message to the client beside its email (sms), signed events to the firm's other tools
 * (webhook). What it writes commits or rolls back with the actions.
 */
public interface NewActionListener {

    /**
     * @param evaluationId the evaluation recording them: outbox rows written for it stay HELD until it finishes
     */
    void recorded(String evaluationId, List<RecordedAction> fresh, LocalDate asOf, LocalDateTime now);
}
