package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import com.trustwatch.action.NewActionListener;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.action.Recorded;
import com.trustwatch.action.Recipients;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.Columns;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.Severity;
import com.trustwatch.episode.EpisodeChange;
import com.trustwatch.episode.Episodes;
import com.trustwatch.episode.StageSent;
import com.trustwatch.exceptionqueue.ExceptionItem;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.exceptionqueue.ItemKind;
import com.trustwatch.exceptionqueue.NewItem;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Delivery;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.review.NewReview;
import com.trustwatch.review.Review;
import com.trustwatch.review.Reviews;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The executor's first half: records one chunk's decisions in one transaction. Each action whose
 * idempotency key is new is recorded with its outbox row (held until the evaluation finishes) or, for a
 * client message the rules hold for a person, its review instead; its exception-queue finding where it
 * needs a person (attached to the open item of its matter and concern); the change it makes to the
 * matter's low-balance episode; and its audit entries. An action already recorded is only linked to
 * the evaluation. So overlapping evaluations produce each action once, and a chunk is recorded whole or
 * not at all. Then what the evaluation no longer finds is tidied up: the reviews of episodes that
 * ended are withdrawn, and the queue items whose cause is gone close themselves, each audited. The
 * evaluation's progress and counts move on in the same transaction, so they say exactly what is recorded.
 */
@Singleton
class RecordChunk {

    /** Action types delivered by message; exception tasks are queued for a person instead. */
    private static final List<ActionType> MESSAGES = List.of(ActionType.REPLENISHMENT_REQUEST, ActionType.ESCALATION,
            ActionType.PAUSE_WORK_NOTICE, ActionType.INTERNAL_ALERT, ActionType.COMPLIANCE_FLAG);

    /** One matter's check, for the audit trail: what was seen and what was decided. */
    record Check(String matterNumber, String detail) {
    }

    private final Actions actions;
    private final Outbox outbox;
    private final ExceptionQueue queue;
    private final Episodes episodes;
    private final Reviews reviews;
    private final Evaluations evaluations;
    private final AuditLog audit;
    private final Clock clock;
    private final List<NewActionListener> listeners;

    RecordChunk(Actions actions, Outbox outbox, ExceptionQueue queue, Episodes episodes, Reviews reviews,
                Evaluations evaluations,
                AuditLog audit, Clock clock, List<NewActionListener> listeners) {
        this.listeners = listeners;
        this.actions = actions;
        this.outbox = outbox;
        this.queue = queue;
        this.episodes = episodes;
        this.reviews = reviews;
        this.evaluations = evaluations;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return how many of {@code planned} this evaluation recorded first */
    @Transactional
    int record(String evaluationId, String rulesetVersion, List<PlannedAction> planned, List<EpisodeStop> stops,
               List<Check> checks, LocalDate asOf, String actor) {
        LocalDateTime now = Timestamps.now(clock);
        Map<String, Recorded> recorded = actions.record(evaluationId, planned, now);
        List<AuditRecord> trail = new ArrayList<>();
        for (Check c : checks) {
            trail.add(AuditRecord.of(AuditKind.CHECKED, actor, c.detail()).forMatter(c.matterNumber())
                    .inEvaluation(evaluationId, rulesetVersion));
        }
        List<Delivery> deliveries = new ArrayList<>();
        List<NewReview> held = new ArrayList<>();
        List<NewItem> items = new ArrayList<>();
        List<StageSent> stages = new ArrayList<>();
        List<RecordedAction> freshActions = new ArrayList<>();
        int fresh = 0;
        Tallies tallies = new Tallies();
        for (PlannedAction a : planned) {
            Recorded r = recorded.get(a.idempotencyKey());
            tallies.add(a.type().name(), a.severity() == null ? null : a.severity().name(),
                    a.band() == null ? null : a.band().name(), (r.fresh() ? Actions.Outcome.NEW
                            : Actions.Outcome.ALREADY_RECORDED).name());
            if (!r.fresh()) {
                continue;
            }
            fresh++;
            freshActions.add(new RecordedAction(r.id(), evaluationId, now, a));
            trail.add(entry(AuditKind.ACTION_PLANNED, a, r, evaluationId, rulesetVersion, actor, a.type()
                    + (a.code() == null ? "" : " " + a.code()) + (a.band() == null ? "" : " " + a.band())
                    + (a.severity() == null ? "" : " " + a.severity())
                    + (a.amount() == null ? "" : " amount " + Money.letter(a.amount())) + " to " + a.recipients().to() + "; " + a.reason()));
            if (a.held()) {
                // a client message that must not go out alone waits for a person; it reaches the outbox on release
                held.add(new NewReview(r.id(), evaluationId, a.matterNumber(), a.clientId(), a.type().name(),
                        a.episode().ladderStart(), Math.max(1, a.episode().ladderStage()), a.holds(), a.amount()));
                trail.add(entry(AuditKind.REQUEST_HELD, a, r, evaluationId, rulesetVersion, actor,
                        "held for an attorney or billing manager to release before it reaches the client: "
                                + a.holds().stream().map(h -> h.code() + " (" + h.ruleId() + "): " + h.reason())
                                .collect(Collectors.joining("; "))));
            } else if (MESSAGES.contains(a.type())) {
                deliveries.add(new Delivery(r.id(), evaluationId, a.matterNumber(), a.type().name(),
                        a.toClient() ? "CLIENT_EMAIL" : "INTERNAL_EMAIL", groupKey(a, asOf, r.id())));
            }
            ItemKind kind = queueKind(a);
            if (kind != null) {
                items.add(new NewItem("action:" + r.id(), kind, a.matterNumber(), r.id(), a.type().name(), a.ruleId(),
                        a.severity(), (a.code() == null ? "" : a.code() + ": ") + a.reason(), a.code(), a.concern()));
                trail.add(entry(AuditKind.TASK_QUEUED, a, r, evaluationId, rulesetVersion, actor,
                        "exception queue: " + (a.code() == null ? "" : a.code())
                                + (a.concern() == null ? "" : " (the matter's " + a.concern() + " item)")));
            }
            if (a.episode().isLadderStage()) {
                stages.add(new StageSent(a.matterNumber(), a.episode().ladderStart(), a.episode().ladderStage(), r.id(),
                        a.ruleId(), a.type() + (a.code() == null ? "" : " " + a.code()), a.held(), a.deadline()));
            }
        }
        outbox.enqueue(deliveries, now);
        reviews.open(held, now);
        for (NewActionListener listener : listeners) {
            listener.recorded(evaluationId, freshActions, asOf, now);
        }
        queue.open(items, now);
        for (EpisodeChange change : episodes.record(stages, now)) {
            StageSent s = change.stage();
            String detail = change.kind() == EpisodeChange.Kind.OPENED
                    ? "low-balance episode opened on " + s.episodeStart() + " with the stage-1 request"
                    : "low-balance episode of " + s.episodeStart() + " advanced to stage " + s.stage() + " by " + s.what();
            trail.add(AuditRecord.of(change.kind() == EpisodeChange.Kind.OPENED ? AuditKind.EPISODE_OPENED
                    : AuditKind.EPISODE_ADVANCED, actor, detail).forMatter(s.matterNumber())
                    .inEvaluation(evaluationId, rulesetVersion).forAction(s.actionId(), s.ruleId()));
        }
        Map<String, String> stopped = new LinkedHashMap<>();
        for (EpisodeStop s : episodes.stop(stops, asOf, now)) {
            stopped.put(s.matterNumber(), s.reason());
            trail.add(AuditRecord.of(AuditKind.EPISODE_STOPPED, actor, s.reason()).forMatter(s.matterNumber())
                    .inEvaluation(evaluationId, rulesetVersion).byRule(s.ruleId()));
        }
        for (Review w : reviews.withdraw(stopped, asOf, now)) {
            trail.add(AuditRecord.of(AuditKind.REQUEST_WITHDRAWN, actor, "held " + w.actionType() + " for "
                    + Money.letter(w.proposedAmount()) + " withdrawn before anyone released it: " + stopped.get(w.matterNumber()))
                    .forMatter(w.matterNumber()).inEvaluation(evaluationId, rulesetVersion).forAction(w.actionId(), null));
        }
        trail.addAll(closeGone(planned, checks, stopped, asOf, evaluationId, rulesetVersion, actor, now));
        // the evaluation row before the audit head, as every transaction that locks both does
        evaluations.chunkRecorded(evaluationId, checks.size(), tallies.list(), now);
        audit.append(trail);
        return fresh;
    }

    /**
     * Closes the queue items of the chunk's matters whose concern this evaluation no longer finds
     * (every action it decided counts, new or already recorded), with the reason.
     */
    private List<AuditRecord> closeGone(List<PlannedAction> planned, List<Check> checks, Map<String, String> stopped,
                                        LocalDate asOf, String evaluationId, String rulesetVersion, String actor,
                                        LocalDateTime now) {
        Map<String, Set<String>> present = new HashMap<>();
        for (PlannedAction a : planned) {
            if (a.concern() != null && queueKind(a) != null) {
                present.computeIfAbsent(a.matterNumber(), m -> new HashSet<>()).add(a.concern());
            }
        }
        Map<String, String> seen = new HashMap<>();
        checks.forEach(c -> seen.put(c.matterNumber(), c.detail()));
        List<ExceptionItem> closed = queue.closeGone(seen.keySet(), present, item -> "Closed by the evaluation as of "
                + asOf + ": nothing about " + concernInWords(item.concern()) + " needs a person any more"
                + (stopped.containsKey(item.matterNumber()) ? " (" + stopped.get(item.matterNumber()) + ")" : "")
                + "; " + checked(seen.get(item.matterNumber())), now);
        List<AuditRecord> out = new ArrayList<>(closed.size());
        for (ExceptionItem item : closed) {
            out.add(AuditRecord.of(AuditKind.EXCEPTION_CLOSED, ExceptionQueue.SYSTEM, "exception item " + item.id() + " ("
                    + item.kind() + ", " + item.findingCount() + " finding(s)) closed itself: " + item.handledNote())
                    .forMatter(item.matterNumber()).inEvaluation(evaluationId, rulesetVersion)
                    .forAction(item.actionId(), item.ruleId()));
        }
        return out;
    }

    private static String concernInWords(String concern) {
        return switch (concern) {
            case "balance" -> "the trust balance";
            case "data-quality" -> "missing or doubtful data";
            default -> concern.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** The "checked: …" part of a matter's check, without what was decided. */
    private static String checked(String detail) {
        if (detail == null) {
            return "";
        }
        int decided = detail.indexOf("; decided:");
        return decided < 0 ? detail : detail.substring(0, decided);
    }

    /** Which queue an action goes to, when it needs a person: tasks, and HIGH or CRITICAL flags. */
    private static ItemKind queueKind(PlannedAction a) {
        if (a.type() == ActionType.EXCEPTION_TASK) {
            return a.code() != null && a.code().startsWith("DATA_QUALITY") ? ItemKind.DATA_QUALITY : ItemKind.TASK;
        }
        if (a.type() == ActionType.COMPLIANCE_FLAG && a.severity() != null && a.severity().atLeast(Severity.HIGH)) {
            return ItemKind.COMPLIANCE_FLAG;
        }
        return null;
    }

    private static AuditRecord entry(AuditKind kind, PlannedAction a, Recorded r, String evaluationId, String version,
                                     String actor, String detail) {
        return AuditRecord.of(kind, actor, detail).forMatter(a.matterNumber()).inEvaluation(evaluationId, version)
                .forAction(r.id(), a.ruleId());
    }

    /**
     * Client requests of one as-of day to the same billing contact share a group, and go out as one
     * consolidated message listing each matter; every other action is a group of its own. The group is
     * the day's, not the evaluation's: overlapping evaluations each record the chunks they reach first,
     * so one client's matters can be recorded by two evaluations and must still travel together.
     */
    static String groupKey(PlannedAction a, LocalDate asOf, long id) {
        if (a.type() == ActionType.REPLENISHMENT_REQUEST) {
            String key = "client:" + asOf + ":" + a.clientId() + ":" + Recipients.join(a.recipients().to());
            return Columns.key(key);
        }
        return "action:" + id;
    }
}
