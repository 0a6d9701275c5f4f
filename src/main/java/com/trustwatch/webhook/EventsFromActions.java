package com.trustwatch.webhook;

import com.trustwatch.action.NewActionListener;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.decision.ActionType;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Channels;
import com.trustwatch.outbox.DeliveryObserver;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which recorded actions are which events. New actions (in the evaluation's transaction):
 * {@code matter.low_balance} for a matter's first new action in a low-balance band, {@code ladder.escalated}
 * for a ladder stage after the first, {@code flag.raised} for a compliance flag, {@code matter.stop_work}
 * for a pause-work notice (a ladder's last stage, or a band that recommends stopping work). Delivered
 * actions: {@code request.sent} when a client request's email has gone out. ({@code request.paid} comes
 * from the payment webhooks.) Each event is keyed by the action, so it is published once.
 */
@Singleton
class EventsFromActions implements NewActionListener, DeliveryObserver {

    private final PublishEvents publish;

    EventsFromActions(PublishEvents publish) {
        this.publish = publish;
    }

    @Override
    public void recorded(String evaluationId, List<RecordedAction> fresh, LocalDate asOf, LocalDateTime now) {
        List<PublishEvents.Event> out = new ArrayList<>();
        Set<String> lowBalance = new HashSet<>();
        for (RecordedAction r : fresh) {
            PlannedAction a = r.action();
            if (a.band() != null && lowBalance.add(a.matterNumber())) {
                Map<String, Object> data = base(r);
                data.put("band", a.band().name());
                data.put("threshold", money(a.threshold()));
                data.put("requested_amount", money(a.amount()));
                data.put("projected_depletion", a.depletionDate() == null ? null : a.depletionDate().toString());
                out.add(new PublishEvents.Event(PublishEvents.MATTER_LOW_BALANCE, a.idempotencyKey(), a.matterNumber(), data));
            }
            if (a.episode().isLadderStage() && a.episode().ladderStage() > 1) {
                Map<String, Object> data = base(r);
                data.put("stage", a.episode().ladderStage());
                data.put("request_of", a.episode().ladderStart().toString());
                data.put("step", a.code());
                out.add(new PublishEvents.Event(PublishEvents.LADDER_ESCALATED, a.idempotencyKey(), a.matterNumber(), data));
            }
            if (a.type() == ActionType.COMPLIANCE_FLAG) {
                Map<String, Object> data = base(r);
                data.put("code", a.code());
                data.put("severity", a.severity() == null ? null : a.severity().name());
                data.put("citation", a.citation());
                out.add(new PublishEvents.Event(PublishEvents.FLAG_RAISED, a.idempotencyKey(), a.matterNumber(), data));
            }
            if (a.type() == ActionType.PAUSE_WORK_NOTICE) {
                Map<String, Object> data = base(r);
                data.put("band", a.band() == null ? null : a.band().name());
                out.add(new PublishEvents.Event(PublishEvents.MATTER_STOP_WORK, a.idempotencyKey(), a.matterNumber(), data));
            }
        }
        publish.publish(out, evaluationId, now);
    }

    @Override
    public void delivered(List<RecordedAction> actions, String channel, String messageId, LocalDateTime now) {
        if (!Channels.CLIENT_EMAIL.equals(channel)) {
            return;
        }
        List<PublishEvents.Event> out = new ArrayList<>();
        for (RecordedAction r : actions) {
            if (r.action().type() != ActionType.REPLENISHMENT_REQUEST) {
                continue;
            }
            Map<String, Object> data = base(r);
            data.put("requested_amount", money(r.action().amount()));
            data.put("restores_to", money(r.action().refillTo()));
            data.put("deadline", r.action().deadline() == null ? null : r.action().deadline().toString());
            data.put("message_id", messageId);
            out.add(new PublishEvents.Event(PublishEvents.REQUEST_SENT, "action:" + r.id(), r.matterNumber(), data));
        }
        publish.publish(out, null, now);
    }

    /** What every event about an action says: the matter, the balance the decision saw, the rule and why. */
    private static Map<String, Object> base(RecordedAction r) {
        PlannedAction a = r.action();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matter_number", a.matterNumber());
        data.put("client_id", a.clientId());
        data.put("as_of", a.asOf() == null ? null : a.asOf().toString());
        data.put("trust_balance", money(a.balance()));
        data.put("action_id", r.id());
        data.put("action_type", a.type().name());
        data.put("rule_id", a.ruleId());
        data.put("reason", a.reason());
        return data;
    }

    private static String money(java.math.BigDecimal amount) {
        return amount == null ? null : Money.json(amount);
    }
}
