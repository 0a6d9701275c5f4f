package com.trustwatch.evaluation;

import com.trustwatch.action.ActionPlanner;
import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Severity;
import com.trustwatch.money.Money;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a real run would do now with each action one chunk of a dry run decided, told from what is
 * recorded (issue 10 B: a dry run right after a real run must not call recorded actions new):
 * <ul>
 *   <li>NEW: its idempotency key is not recorded; a real run would record it and deliver it;</li>
 *   <li>ALREADY_RECORDED: the key is recorded; the entry shows the action as recorded (what was sent),
 *       with its delivery state;</li>
 *   <li>SUPPRESSED: a real run would not record it, because another rule proposes the very same action
 *       (same key): it is recorded once, under the other rule.</li>
 * </ul>
 * The ladder stages already sent in a matter's open low-balance episode (the client request, follow-ups)
 * are listed too, as ALREADY_RECORDED: the rules do not propose them again while the episode is open,
 * but they are what stands for the matter, and their delivery is what a person wants to know. When the
 * dry run's rules would end the episode, their note says so. Reads only; writes nothing.
 */
@Singleton
class DryRunOutcomes {

    static final String NEW = Actions.Outcome.NEW.name();
    static final String ALREADY_RECORDED = Actions.Outcome.ALREADY_RECORDED.name();
    static final String SUPPRESSED = "SUPPRESSED";

    private final Actions actions;
    private final DeliveryStates deliveries;

    DryRunOutcomes(Actions actions, DeliveryStates deliveries) {
        this.actions = actions;
        this.deliveries = deliveries;
    }

    /** One chunk's findings, matter by matter. */
    List<EvaluationView.Action> of(ChunkEvaluator.Decided decided, List<ActionPlanner.Collapsed> collapsed) {
        List<PlannedAction> planned = decided.planned();
        Map<String, RecordedAction> recorded = actions.byKeys(planned.stream().map(PlannedAction::idempotencyKey).toList());
        List<RecordedAction> stages = stagesOf(decided.open(), recorded.keySet());
        List<Long> ids = new ArrayList<>();
        recorded.values().forEach(r -> ids.add(r.id()));
        stages.forEach(r -> ids.add(r.id()));
        Map<Long, String> delivery = deliveries.of(ids);
        Map<Long, List<String>> held = deliveries.holds(ids);
        Map<String, EpisodeStop> stops = new HashMap<>();
        decided.outcome().stops().forEach(s -> stops.putIfAbsent(s.matterNumber(), s));
        Map<String, PlannedAction> byKey = new HashMap<>();
        planned.forEach(a -> byKey.put(a.idempotencyKey(), a));

        List<Entry> out = new ArrayList<>(planned.size() + stages.size() + collapsed.size());
        for (PlannedAction a : planned) {
            RecordedAction r = recorded.get(a.idempotencyKey());
            if (r == null) {
                out.add(new Entry(0, EvaluationView.Action.of(a, NEW, null, a.holds().stream().map(Hold::code).toList(),
                        wouldRecord(a))));
            } else {
                String state = delivery.get(r.id());
                out.add(new Entry(0, EvaluationView.Action.of(r.action(), ALREADY_RECORDED, state, held.get(r.id()),
                        recordedNote(r, state))));
            }
        }
        for (RecordedAction r : stages) {
            String state = delivery.get(r.id());
            EpisodeStop stop = stops.get(r.matterNumber());
            OpenEpisode episode = decided.open().get(r.matterNumber());
            out.add(new Entry(-1, EvaluationView.Action.of(r.action(), ALREADY_RECORDED, state, held.get(r.id()),
                    stageNote(r, episode, state, stop))));
        }
        for (ActionPlanner.Collapsed c : collapsed) {
            PlannedAction kept = byKey.get(c.idempotencyKey());
            out.add(new Entry(1, suppressed(c, kept)));
        }
        out.sort(Comparator.comparing((Entry e) -> e.action().matterNumber()).thenComparingInt(Entry::rank));
        return out.stream().map(Entry::action).toList();
    }

    /** Orders a matter's findings: what stands from its open episode, then what the rules decided, then what they collapsed. */
    private record Entry(int rank, EvaluationView.Action action) {
    }

    /** The recorded ladder stages (1 up to the last sent) of each open episode, except those already found by key. */
    private List<RecordedAction> stagesOf(Map<String, OpenEpisode> open, Set<String> alreadyFound) {
        Map<String, Set<String>> wanted = new HashMap<>();
        for (OpenEpisode e : open.values()) {
            Set<String> texts = new HashSet<>();
            for (int stage = 1; stage <= e.stageSent(); stage++) {
                texts.add(EpisodeKey.ladderStage(e.episodeStart(), stage).text());
            }
            if (!texts.isEmpty()) {
                wanted.put(e.matterNumber(), texts);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        return actions.ofEpisodes(wanted).stream()
                .filter(r -> !alreadyFound.contains(r.action().idempotencyKey())).toList();
    }

    private static String wouldRecord(PlannedAction a) {
        if (a.type() == ActionType.EXCEPTION_TASK) {
            return "Not recorded yet: a real run now would record it and put it in the exception queue for a person.";
        }
        String to = a.recipients().to().isEmpty() ? null : String.join(", ", a.recipients().to());
        if (a.held()) {
            return "Not recorded yet: a real run now would record it and hold it for a person's review ("
                    + String.join(", ", a.holds().stream().map(Hold::code).toList()) + "); it goes out"
                    + (to == null ? "" : " to " + to) + " only once someone releases it from the review list.";
        }
        boolean queued = a.type() == ActionType.COMPLIANCE_FLAG && a.severity() != null && a.severity().atLeast(Severity.HIGH);
        return "Not recorded yet: a real run now would record it and send it"
                + (to == null ? "; no address is on file for it, so its delivery would fail at once (a dead letter)"
                : " to " + to) + (queued ? ", and put it in the exception queue" : "") + ".";
    }

    private static String recordedNote(RecordedAction r, String state) {
        return "Recorded as of " + r.action().asOf() + " by evaluation " + r.evaluationId() + "; "
                + DeliveryStates.inWords(state) + ". A real run now records nothing new for it and sends nothing again.";
    }

    private static String stageNote(RecordedAction r, OpenEpisode episode, String state, EpisodeStop stop) {
        int stage = r.action().episode() == null ? 0 : stageOf(r.action().episode().text());
        String what = r.action().type() == ActionType.REPLENISHMENT_REQUEST ? "The replenishment request"
                : "Stage " + stage + " of the escalation ladder";
        return what + " of the open low-balance episode that began on " + episode.episodeStart()
                + ", recorded as of " + r.action().asOf() + " by evaluation " + r.evaluationId() + "; "
                + DeliveryStates.inWords(state) + ". No new request goes out while the episode is open"
                + (stop == null ? "." : "; a real run now would end the episode (" + stop.ruleId() + "): " + stop.reason()
                + ".");
    }

    /** The stage number of a ladder-stage episode key ({@code low-balance:2026-11-20:stage-2} gives 2). */
    private static int stageOf(String episode) {
        int at = episode.lastIndexOf(":stage-");
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(episode.substring(at + ":stage-".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static EvaluationView.Action suppressed(ActionPlanner.Collapsed c, PlannedAction kept) {
        ActionProposal p = c.proposal();
        return new EvaluationView.Action(p.matterNumber(), p.type().name(),
                p.severity() == null ? null : p.severity().name(), p.band() == null ? null : p.band().name(), p.code(),
                Money.json(p.amount()), kept.recipients(), p.ruleId(), p.reason(), p.citation(), c.idempotencyKey(),
                SUPPRESSED, null, null, "Suppressed: " + c.keptRuleId() + " proposes the very same action (same matter, type,"
                + " code and episode, so the same idempotency key); a real run records it once, under "
                + c.keptRuleId() + ".");
    }
}
