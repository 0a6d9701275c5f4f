package com.trustwatch.outbox;

import com.trustwatch.action.RecordedAction;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Told, in the transaction that records it, that the actions of a message group were delivered (the
 * webhook package publishes {@code request.sent} from this). Must not fail for reasons of its own.
 */
public interface DeliveryObserver {

    void delivered(List<RecordedAction> actions, String channel, String messageId, LocalDateTime now);
}
