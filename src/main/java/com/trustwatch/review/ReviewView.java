package com.trustwatch.review;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.Recipients;
import com.trustwatch.money.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A held client message as the review list shows it: why it is held, what it would say (the balance
 * and threshold the decision saw, the amount and the balance it restores), to whom, and what a person
 * decided. Money as decimal strings, dates ISO-8601.
 *
 * @param state           PENDING, APPROVED, AMENDED, DECLINED or WITHDRAWN
 * @param proposedAmount  the amount the rules proposed
 * @param amount          the amount the message asks for now: the released one once released
 * @param thresholdBasis  where the threshold comes from, in words
 * @param deadline        the pay-by date the message names (counted from the release for a first request)
 */
@Serdeable
public record ReviewView(long id, String state, String matterNumber, String clientId, String actionType,
                         @Nullable String code, int ladderStage, List<HoldView> holds, String asOf,
                         String balance, @Nullable String threshold, @Nullable String thresholdBasis,
                         @Nullable String proposedAmount, @Nullable String amount, @Nullable String restoresTo,
                         @Nullable String deadline, Recipients recipients, String ruleId, String reason,
                         @Nullable String decidedBy, @Nullable String decidedOn, @Nullable String note,
                         long actionId, String createdAt) {

    /** One reason a message is held. */
    @Serdeable
    public record HoldView(String code, String reason, String ruleId) {
    }

    static ReviewView of(Review r, PlannedAction a) {
        return new ReviewView(r.id(), r.state().name(), r.matterNumber(), r.clientId(), r.actionType(), a.code(),
                r.ladderStage(), r.holds().stream().map(h -> new HoldView(h.code(), h.reason(), h.ruleId())).toList(),
                a.asOf() == null ? "" : a.asOf().toString(), Money.json(a.balance()), Money.json(a.threshold()),
                a.thresholdBasis() == null ? null : a.thresholdBasis().describe(), Money.json(r.proposedAmount()),
                Money.json(a.amount()), Money.json(a.refillTo()), a.deadline() == null ? null : a.deadline().toString(),
                a.recipients(), a.ruleId(), a.reason(), r.decidedBy(),
                r.decidedOn() == null ? null : r.decidedOn().toString(), r.note(), r.actionId(), r.createdAt().toString());
    }
}
