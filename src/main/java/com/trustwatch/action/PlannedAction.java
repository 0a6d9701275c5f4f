package com.trustwatch.action;

import com.trustwatch.db.Columns;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.BurnSource;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.Severity;
import com.trustwatch.decision.ThresholdBasis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A rule's proposal made concrete for one matter: addresses resolved, the facts that mattered
 * captured, and the idempotency key that makes it the same action however many evaluations plan it.
 * Amounts are dollars at cent scale; {@code balance} is the trust balance the decision saw.
 *
 * @param asOf          the evaluation's as-of date: the day the facts describe
 * @param deadline      for a client request or follow-up: the date the client is asked to pay by
 *                      (decided with the action, counted from the evaluation's as-of date)
 * @param drawdownsFrom for a client request or follow-up: the first day of the drawdowns its letter lists
 * @param depletionDate the day the balance would run out at the burn rate the decision saw (after
 *                      {@code asOf}); null when there is no burn rate or the balance is already at or below zero
 * @param thresholdBasis where {@code threshold} comes from; null when the action names no threshold
 * @param burnSource    where the burn rate behind {@code depletionDate} comes from; null without one
 * @param monthlyBurn   that burn rate, in dollars a month; null without one
 * @param holds         why a client message waits for a person (empty: it goes out by itself); not
 *                      stored with the action, but with its review ({@code review.Reviews})
 * @param concern       the matter's problem this action is about, for the exception queue; not stored
 */
public record PlannedAction(
        String idempotencyKey,
        LocalDate asOf,
        String matterNumber,
        String clientId,
        ActionType type,
        Band band,
        Severity severity,
        String code,
        BigDecimal amount,
        BigDecimal balance,
        BigDecimal threshold,
        BigDecimal refillTo,
        LocalDate depletionDate,
        LocalDate deadline,
        LocalDate drawdownsFrom,
        Recipients recipients,
        String ruleId,
        String ruleName,
        String reason,
        EpisodeKey episode,
        String rulesetVersion,
        String citation,
        ThresholdBasis thresholdBasis,
        BurnSource burnSource,
        BigDecimal monthlyBurn,
        List<Hold> holds,
        String concern) {

    public PlannedAction {
        holds = holds == null ? List.of() : List.copyOf(holds);
    }

    /** The key: matter, action type, code and business episode; never the evaluation or the run. */
    static String keyOf(String matterNumber, ActionType type, String code, EpisodeKey episode) {
        return Columns.key(matterNumber + "|" + type + (code == null ? "" : "|" + code) + "|" + episode.text());
    }

    /** Whether this goes to the client (a request or a follow-up) rather than to people at the firm. */
    public boolean toClient() {
        return type == ActionType.REPLENISHMENT_REQUEST || "CLIENT_FOLLOW_UP".equals(code);
    }

    /** Whether this waits for a person to release it before it reaches the outbox. */
    public boolean held() {
        return !holds.isEmpty();
    }

    /** The same action as a person released it: the amount they approved, the balance it restores, the deadline. */
    public PlannedAction released(BigDecimal releasedAmount, LocalDate releasedDeadline) {
        BigDecimal restores = balance == null || releasedAmount == null ? refillTo : balance.add(releasedAmount);
        return new PlannedAction(idempotencyKey, asOf, matterNumber, clientId, type, band, severity, code, releasedAmount,
                balance, threshold, restores, depletionDate, releasedDeadline, drawdownsFrom, recipients, ruleId,
                ruleName, reason, episode, rulesetVersion, citation, thresholdBasis, burnSource, monthlyBurn,
                List.of(), concern);
    }
}
