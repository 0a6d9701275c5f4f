package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Obligation;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.PackObligation;
import com.trustwatch.decision.Today;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.KieServices;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * Sessions without the engine's internal locking ({@code drools.threadSafe=false}). The engine's
     * documentation (ThreadSafeOption) allows it when a session is not used from several threads: each
     * session here is created, filled, fired, read and disposed by the one thread that called
     * {@code evaluate}, and never escapes it. Parallel evaluations use a session each.
     */
    private static final KieSessionConfiguration SINGLE_THREAD = singleThreadSessions();

    private static KieSessionConfiguration singleThreadSessions() {
        KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        return conf;
    }

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
        KieSession session = ruleset.kieBase().newKieSession(SINGLE_THREAD, null);
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
            // each obligation row once for every jurisdiction of the session's matters that reads it: the packs
            // join a matter with its rows on the jurisdiction (indexed) instead of looking them up per matter
            Set<String> jurisdictions = new HashSet<>();
            for (MatterFacts matter : matters) {
                if (jurisdictions.add(matter.jurisdiction())) {
                    for (Obligation row : ruleset.obligations().rowsFor(matter.jurisdiction())) {
                        session.insert(new PackObligation(matter.jurisdiction(), row.kind(), row));
                    }
                }
            }
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
            // read each kind from its own part of the fact store, not by filtering every fact of the session
            List<ActionProposal> proposals = new ArrayList<>(matters.size() * 2);
            for (Object o : session.getObjects(new ClassObjectFilter(ActionProposal.class))) {
                ActionProposal p = (ActionProposal) o;
                String citation = p.citation() != null ? null : ruleset.citationOfRuleNamed(p.ruleName());
                proposals.add(citation == null ? p : p.withCitation(citation));
            }
            List<EpisodeStop> stops = new ArrayList<>();
            for (Object o : session.getObjects(new ClassObjectFilter(EpisodeStop.class))) {
                stops.add((EpisodeStop) o);
            }
            Map<String, Figures> figures = withFigures ? new HashMap<>() : Map.of();
            if (withFigures) {
                for (Object o : session.getObjects(new ClassObjectFilter(Replenishment.class))) {
                    Replenishment r = (Replenishment) o;
                    figures.put(r.matterNumber(), new Figures(r.tier(), r.threshold() == null ? null
                            : r.threshold().amount(), r.bandOrNull()));
                }
            }
            return new Outcome(proposals, stops, fired, figures);
        } finally {
            session.dispose();
        }
    }
}
