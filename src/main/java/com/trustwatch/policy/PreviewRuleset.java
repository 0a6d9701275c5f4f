package com.trustwatch.policy;

import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.Recipients;
import com.trustwatch.config.FirmTime;
import com.trustwatch.decision.ActionType;
import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.money.Money;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The what-if: the whole current book as a dry run under the active version and under another
 * version, each chunk read once and decided by both, compared matter by matter. Nothing is recorded
 * and nothing is sent. The default as-of date is tomorrow: what the first run after an activation
 * would do.
 */
@Singleton
public class PreviewRuleset {

    private static final Logger LOG = LoggerFactory.getLogger(PreviewRuleset.class);

    private final EvaluateMatters evaluate;
    private final StoredRulesets stored;
    private final RulesetVersions versions;
    private final ActiveRuleset active;
    private final Actions actions;
    private final RulesetSettings settings;
    private final FirmTime firmTime;

    public PreviewRuleset(EvaluateMatters evaluate, StoredRulesets stored, RulesetVersions versions,
                          ActiveRuleset active, Actions actions, RulesetSettings settings, FirmTime firmTime) {
        this.evaluate = evaluate;
        this.stored = stored;
        this.versions = versions;
        this.active = active;
        this.actions = actions;
        this.settings = settings;
        this.firmTime = firmTime;
    }

    public PreviewView preview(int number, String asOfText) {
        long start = System.nanoTime();
        RulesetVersions.Version v = versions.find(number)
                .orElseThrow(() -> new NoSuchElementException("no ruleset version " + number));
        if ("REJECTED".equals(v.state())) {
            throw new TransitionRefusedException("version " + number + " was rejected; it can never be activated");
        }
        LocalDate asOf = asOf(asOfText);
        Ruleset before = active.get();
        Ruleset after = active.inUse(stored.load(number));
        Side a = new Side();
        Side b = new Side();
        List<PreviewView.MatterChange> changes = new ArrayList<>();
        int[] changed = {0};
        int evaluated = evaluate.compare(asOf, before, after, (chunk, outA, plannedA, outB, plannedB) -> {
            Set<String> recorded = actions.recordedKeys(clientKeys(plannedA, plannedB));
            a.add(outA, plannedA, recorded, asOf);
            b.add(outB, plannedB, recorded, asOf);
            Map<String, List<PlannedAction>> byMatterA = byMatter(plannedA);
            Map<String, List<PlannedAction>> byMatterB = byMatter(plannedB);
            for (Matter m : chunk) {
                PreviewView.MatterChange c = compare(m.matterNumber(), outA.figures().get(m.matterNumber()),
                        outB.figures().get(m.matterNumber()), byMatterA.getOrDefault(m.matterNumber(), List.of()),
                        byMatterB.getOrDefault(m.matterNumber(), List.of()));
                if (c != null) {
                    changed[0]++;
                    if (changes.size() < settings.previewChanges()) {
                        changes.add(c);
                    }
                }
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("Preview of ruleset version {} against {} on {} matters as of {}: {} matters change, {} ms",
                after.version(), before.version(), evaluated, asOf, changed[0], millis);
        return new PreviewView(number, asOf.toString(), before.version(), after.version(), evaluated, a.totals(),
                b.totals(), changed[0], changes.size(), changes, millis);
    }

    private LocalDate asOf(String text) {
        if (text == null || text.isBlank()) {
            return firmTime.today().plusDays(1);
        }
        try {
            return MatterFields.date(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "asOf", e.getMessage())));
        }
    }

    private static PreviewView.MatterChange compare(String matter, RuleEngine.Figures fa, RuleEngine.Figures fb,
                                                    List<PlannedAction> a, List<PlannedAction> b) {
        PreviewView.Change tier = change(fa == null ? null : fa.tier(), fb == null ? null : fb.tier());
        PreviewView.Change threshold = change(fa == null ? null : money(fa.threshold()), fb == null ? null : money(fb.threshold()));
        PreviewView.Change band = change(fa == null ? null : fa.band(), fb == null ? null : fb.band());
        PreviewView.Change stage = change(stage(a), stage(b));
        Map<String, PlannedAction> byKindA = byKind(a);
        Map<String, PlannedAction> byKindB = byKind(b);
        List<PreviewView.ActionChange> acts = new ArrayList<>();
        for (var e : byKindB.entrySet()) {
            PlannedAction before = byKindA.get(e.getKey());
            PlannedAction after = e.getValue();
            if (before == null) {
                acts.add(action("ADDED", null, after));
            } else if (!Objects.equals(money(before.amount()), money(after.amount()))
                    || before.band() != after.band() || !before.ruleId().equals(after.ruleId())) {
                acts.add(action("CHANGED", before, after));
            }
        }
        for (var e : byKindA.entrySet()) {
            if (!byKindB.containsKey(e.getKey())) {
                acts.add(action("REMOVED", e.getValue(), null));
            }
        }
        if (tier == null && threshold == null && band == null && stage == null && acts.isEmpty()) {
            return null;
        }
        return new PreviewView.MatterChange(matter, tier, threshold, band, stage, acts);
    }

    private static PreviewView.ActionChange action(String change, PlannedAction before, PlannedAction after) {
        PlannedAction any = after != null ? after : before;
        return new PreviewView.ActionChange(change, any.type().name(), any.code(),
                before == null ? null : before.ruleId(), after == null ? null : after.ruleId(),
                before == null ? null : money(before.amount()), after == null ? null : money(after.amount()),
                before == null || before.band() == null ? null : before.band().name(),
                after == null || after.band() == null ? null : after.band().name());
    }

    /** Actions of one matter by what they are: type, code and ladder stage (not the rule or the run). */
    private static Map<String, PlannedAction> byKind(List<PlannedAction> actions) {
        Map<String, PlannedAction> out = new TreeMap<>();
        for (PlannedAction p : actions) {
            out.putIfAbsent(p.type() + "|" + p.code() + "|" + (p.episode().isLadderStage() ? p.episode().ladderStage() : ""), p);
        }
        return out;
    }

    private static Integer stage(List<PlannedAction> actions) {
        Integer max = null;
        for (PlannedAction p : actions) {
            if (p.episode().isLadderStage()) {
                max = max == null ? p.episode().ladderStage() : Math.max(max, p.episode().ladderStage());
            }
        }
        return max;
    }

    private static PreviewView.Change change(Object before, Object after) {
        return Objects.equals(before, after) ? null : new PreviewView.Change(before == null ? "none" : before.toString(),
                after == null ? "none" : after.toString());
    }

    private static String money(BigDecimal v) {
        return v == null ? null : Money.json(v);
    }

    private static Map<String, List<PlannedAction>> byMatter(List<PlannedAction> planned) {
        Map<String, List<PlannedAction>> out = new LinkedHashMap<>();
        planned.forEach(p -> out.computeIfAbsent(p.matterNumber(), k -> new ArrayList<>()).add(p));
        return out;
    }

    private static List<String> clientKeys(List<PlannedAction> a, List<PlannedAction> b) {
        List<String> keys = new ArrayList<>();
        a.stream().filter(PlannedAction::toClient).forEach(p -> keys.add(p.idempotencyKey()));
        b.stream().filter(PlannedAction::toClient).forEach(p -> keys.add(p.idempotencyKey()));
        return keys;
    }

    /** The running totals of one side of the what-if. */
    private static final class Side {
        private final Set<String> requested = new HashSet<>();
        private BigDecimal amount = BigDecimal.ZERO.setScale(2);
        private final Map<String, Integer> bands = new TreeMap<>();
        private final Set<String> messages = new HashSet<>();
        private int count;

        void add(RuleEngine.Outcome outcome, List<PlannedAction> planned, Set<String> recorded, LocalDate asOf) {
            count += planned.size();
            outcome.figures().values().forEach(f -> {
                if (f.band() != null) {
                    bands.merge(f.band().name(), 1, Integer::sum);
                }
            });
            for (PlannedAction p : planned) {
                boolean request = p.type() == ActionType.REPLENISHMENT_REQUEST
                        || "ATTORNEY_REVIEW_REQUIRED".equals(p.code());
                if (request && requested.add(p.matterNumber()) && p.amount() != null) {
                    amount = amount.add(p.amount());
                }
                if (p.toClient() && !recorded.contains(p.idempotencyKey())) {
                    // a client's requests of one day travel as one consolidated message (see the outbox)
                    messages.add(p.type() == ActionType.REPLENISHMENT_REQUEST
                            ? "client:" + asOf + ":" + p.clientId() + ":" + Recipients.join(p.recipients().to())
                            : p.idempotencyKey());
                }
            }
        }

        PreviewView.Totals totals() {
            return new PreviewView.Totals(requested.size(), Money.json(amount), bands, messages.size(), count);
        }
    }
}
