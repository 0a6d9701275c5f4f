package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Today;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.math.BigDecimal;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.PolicyRow;
import com.trustwatch.decision.Replenishment;
import com.trustwatch.matter.Tier;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

/**
 * Runs one batch of matters through a fresh session of a {@link Ruleset}'s KieBase and returns
 * what the rules decided. The session is disposed in every case; nothing here sends, writes or
 * calls a service.
 */
public final class RuleEngine {

    /**
     * What one batch produced: proposals, episode stops, and (when asked) the rules that fired and each
     * matter's figures. A decision-table row is a fact its rule inserts once per session, so what
     * {@code firedRules} names for a row is each time it applied to a matter (a matter's figures came from
     * it, or a decision joined it), not the insert.
     */
    public record Outcome(List<ActionProposal> proposals, List<EpisodeStop> stops, List<String> firedRules,
                          Map<String, Figures> figures) {

        public Outcome(List<ActionProposal> proposals, List<EpisodeStop> stops, List<String> firedRules) {
            this(proposals, stops, firedRules, Map.of());
        }
    }

    /** What the rules worked out for one matter: its tier, threshold and band (each null when none applied). */
    public record Figures(Tier tier, BigDecimal threshold, Band band) {
    }

    public Outcome evaluate(Ruleset ruleset, LocalDate asOf, Collection<MatterFacts> matters,
                            Collection<OpenEpisode> openCases, boolean recordFiredRules) {
        return evaluate(ruleset, asOf, matters, openCases, java.util.List.of(), recordFiredRules, false);
    }

    /** As {@link #evaluate(Ruleset, LocalDate, Collection, Collection, boolean)}, with each matter's figures when asked. */
    public Outcome evaluate(Ruleset ruleset, LocalDate asOf, Collection<MatterFacts> matters,
                            Collection<OpenEpisode> openCases, boolean recordFiredRules, boolean withFigures) {
        return evaluate(ruleset, asOf, matters, openCases, java.util.List.of(), recordFiredRules, withFigures);
    }

    /** As above, with further facts about some matters (their {@link com.trustwatch.decision.UnclearedFunds}). */
    public Outcome evaluate(Ruleset ruleset, LocalDate asOf, Collection<MatterFacts> matters,
                            Collection<OpenEpisode> openCases, Collection<?> matterDetails, boolean recordFiredRules) {
        return evaluate(ruleset, asOf, matters, openCases, matterDetails, recordFiredRules, false);
    }

    /** Every fact: the matters, their open episodes, further facts about some matters; figures when asked. */
    public Outcome evaluate(Ruleset ruleset, LocalDate asOf, Collection<MatterFacts> matters,
                            Collection<OpenEpisode> openCases, Collection<?> matterDetails, boolean recordFiredRules,
                            boolean withFigures) {
        KieSession session = ruleset.kieBase().newKieSession();
        List<String> fired = new ArrayList<>();
        try {
            if (recordFiredRules) {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        if (event.getMatch().getRule().getMetaData().containsKey("sheet")) {
                            return; // a table row inserting itself as a fact
                        }
                        fired.add(event.getMatch().getRule().getName());
                        for (Object o : event.getMatch().getObjects()) {
                            if (o instanceof PolicyRow row) {
                                fired.add(row.ruleName());
                            }
                        }
                    }
                });
                session.addEventListener(new DefaultRuleRuntimeEventListener() {
                    @Override
                    public void objectInserted(ObjectInsertedEvent event) {
                        if (event.getObject() instanceof Replenishment r) {
                            fired.addAll(r.rows());
                        }
                    }
                });
            }
            session.insert(new Today(asOf));
            session.insert(ruleset.obligations());
            session.insert(ruleset.channels());
            for (MatterFacts matter : matters) {
                session.insert(matter);
            }
            for (OpenEpisode openCase : openCases) {
                session.insert(openCase);
            }
            for (Object detail : matterDetails) {
                session.insert(detail);
            }
            session.fireAllRules();
            List<ActionProposal> proposals = new ArrayList<>();
            List<EpisodeStop> stops = new ArrayList<>();
            Map<String, Figures> figures = withFigures ? new HashMap<>() : Map.of();
            for (Object o : session.getObjects(o -> o instanceof ActionProposal || o instanceof EpisodeStop
                    || withFigures && o instanceof Replenishment)) {
                if (o instanceof Replenishment r) {
                    figures.put(r.matterNumber(), new Figures(r.tier(), r.threshold() == null ? null
                            : r.threshold().amount(), r.firstBand()));
                } else if (o instanceof ActionProposal p) {
                    String citation = ruleset.citation(p.ruleId());
                    proposals.add(citation == null || p.citation() != null ? p : p.withCitation(citation));
                } else {
                    stops.add((EpisodeStop) o);
                }
            }
            return new Outcome(proposals, stops, fired, figures);
        } finally {
            session.dispose();
        }
    }
}
