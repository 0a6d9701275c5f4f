package com.trustwatch.evaluation;

import com.trustwatch.decision.Hold;
import com.trustwatch.review.Review;
import com.trustwatch.review.ReviewState;
import com.trustwatch.review.Reviews;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxState;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where recorded actions stand now: the outbox state of a message (HELD, PENDING, SENDING, SENT,
 * FAILED, DEAD); for a client message held for a person, AWAITING_REVIEW until someone releases it (then
 * its outbox state), DECLINED or WITHDRAWN; or for an action that went to the exception queue only,
 * QUEUED while its item waits for a person and RESOLVED once someone closed it.
 */
@Singleton
class DeliveryStates {

    /** An action recorded with neither an outbox row nor a queue item (none is, today). */
    static final String RECORDED = "RECORDED";
    /** A client message held for a person, not released yet. */
    static final String AWAITING_REVIEW = "AWAITING_REVIEW";

    private final Outbox outbox;
    private final ExceptionQueue queue;
    private final Reviews reviews;

    DeliveryStates(Outbox outbox, ExceptionQueue queue, Reviews reviews) {
        this.outbox = outbox;
        this.queue = queue;
        this.reviews = reviews;
    }

    /** By action id, for every id given. */
    Map<Long, String> of(Collection<Long> actionIds) {
        Map<Long, String> out = new HashMap<>();
        if (actionIds.isEmpty()) {
            return out;
        }
        Map<Long, OutboxState> delivery = outbox.statesOf(actionIds);
        delivery.forEach((id, state) -> out.put(id, state.name()));
        List<Long> unsent = new ArrayList<>();
        for (Long id : actionIds) {
            if (!out.containsKey(id)) {
                unsent.add(id);
            }
        }
        // a client message held for a person has a review instead of an outbox row until it is released
        Map<Long, Review> held = reviews.ofActions(unsent);
        List<Long> rest = new ArrayList<>();
        for (Long id : unsent) {
            Review review = held.get(id);
            if (review == null) {
                rest.add(id);
            } else {
                out.put(id, review.state() == ReviewState.PENDING ? AWAITING_REVIEW : review.state().name());
            }
        }
        Map<Long, Boolean> open = queue.openByAction(rest);
        for (Long id : rest) {
            Boolean waiting = open.get(id);
            out.put(id, waiting == null ? RECORDED : waiting ? "QUEUED" : "RESOLVED");
        }
        return out;
    }

    /**
     * Why client messages wait, or waited, for a person (the codes of their holds), by action id; actions
     * that were never held are absent.
     */
    Map<Long, List<String>> holds(Collection<Long> actionIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (actionIds.isEmpty()) {
            return out;
        }
        reviews.ofActions(actionIds).forEach((id, review) -> out.put(id, review.holds().stream().map(Hold::code).toList()));
        return out;
    }

    /** What a delivery state means, in words, for a dry run's note. */
    static String inWords(String state) {
        return switch (state) {
            case "HELD" -> "held until the evaluation that recorded it ends";
            case AWAITING_REVIEW -> "held for a person's review: it goes out only once someone releases it from the"
                    + " review list";
            case "DECLINED" -> "declined by the person who reviewed it: it is not sent";
            case "WITHDRAWN" -> "withdrawn before anyone released it (its episode ended): it is not sent";
            case "PENDING" -> "waiting to be sent";
            case "SENDING" -> "being sent";
            case "SENT" -> "sent";
            case "FAILED" -> "a delivery attempt failed; it will be tried again";
            case "DEAD" -> "delivery gave up (a dead letter in the exception queue; a person may send it again)";
            case "QUEUED" -> "waiting in the exception queue for a person";
            case "RESOLVED" -> "in the exception queue, resolved";
            default -> "recorded";
        };
    }
}
