package com.trustwatch.action;

import com.trustwatch.db.Columns;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.Severity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A rule's proposal made concrete for one matter: addresses resolved, the facts that mattered
 * captured, and the idempotency key that makes it the same action however many evaluations plan it.
 * Amounts are dollars at cent scale; {@code balance} is the trust balance the decision saw.
 *
 * @param asOf          the evaluation's as-of date: the day the facts describe
 * @param deadline      for a client request or follow-up: the date the client is asked to pay by
 *                      (decided with the action, counted from the evaluation's as-of date)
 * @param drawdownsFrom for a client request or follow-up: the first day of the drawdowns its letter lists
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
        String citation) {

    /** The key: matter, action type, code and business episode; never the evaluation or the run. */
    static String keyOf(String matterNumber, ActionType type, String code, EpisodeKey episode) {
        return Columns.key(matterNumber + "|" + type + (code == null ? "" : "|" + code) + "|" + episode.text());
    }

    /** Whether this goes to the client (a request or a follow-up) rather than to people at the firm. */
    public boolean toClient() {
        return type == ActionType.REPLENISHMENT_REQUEST || "CLIENT_FOLLOW_UP".equals(code);
    }
}
