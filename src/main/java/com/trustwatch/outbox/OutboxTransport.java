package com.trustwatch.outbox;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.matter.Matter;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Delivers one claimed message group of a channel other than email (text messages, signed events).
 * The dispatcher claims, settles and audits as for email; the transport sends and says what became
 * of the group. It decides nothing a rule decides: only whether the message can go now (consent,
 * quiet hours) and how the provider answered.
 */
public interface OutboxTransport {

    /** The channel it delivers ({@link Channels}). */
    String channel();

    /**
     * @param rows    the claimed rows
     * @param actions the actions of the rows that deliver one (empty for events)
     * @param matters those actions' matters by number
     * @throws Failure when the provider refused or could not be reached
     */
    Outcome deliver(List<Outbox.ClaimedRow> rows, List<RecordedAction> actions, Map<String, Matter> matters,
                    int attempt, LocalDateTime now) throws Failure;

    /** What became of a group that did not fail. */
    sealed interface Outcome permits Sent, Postponed, Withheld {
    }

    /** Accepted by the provider under {@code messageId}; {@code detail} says to whom, for the audit trail. */
    record Sent(String messageId, String detail) implements Outcome {
    }

    /** Not yet: to be tried again at {@code until} without counting an attempt (quiet hours). */
    record Postponed(LocalDateTime until, String why) implements Outcome {
    }

    /** Never to be sent (consent withdrawn or never recorded): settled WITHHELD, no dead letter. */
    record Withheld(String why) implements Outcome {
    }

    /** The provider refused or could not be reached. */
    final class Failure extends Exception {
        private final boolean permanent;
        private final Duration retryAfter;

        /**
         * @param permanent  whether no retry can cure it (a dead letter at once)
         * @param retryAfter the provider's Retry-After, if it said one
         */
        public Failure(String message, boolean permanent, Duration retryAfter) {
            super(message);
            this.permanent = permanent;
            this.retryAfter = retryAfter;
        }

        public boolean permanent() {
            return permanent;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
