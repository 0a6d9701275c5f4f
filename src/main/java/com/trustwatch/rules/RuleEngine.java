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
import java.util.List;

/**
 * Runs one batch of matters through a fresh session of a {@link Ruleset}'s KieBase and returns
 * what the rules decided. The session is disposed in every case; nothing here sends, writes or
 * calls a service.
 */
public final class RuleEngine {

    /** What one batch produced: proposals, episode stops, and (when asked) every rule that fired. */
    public record Outcome(List<ActionProposal> proposals, List<EpisodeStop> stops, List<String> firedRules) {
    }

    public Outcome evaluate(Ruleset ruleset, LocalDate asOf, Collection<MatterFacts> matters,
                            Collection<OpenEpisode> openCases, boolean recordFiredRules) {
        KieSession session = ruleset.kieBase().newKieSession();
        List<String> fired = new ArrayList<>();
        try {
            if (recordFiredRules) {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        fired.add(event.getMatch().getRule().getName());
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
            session.fireAllRules();
            List<ActionProposal> proposals = new ArrayList<>();
            List<EpisodeStop> stops = new ArrayList<>();
            for (Object o : session.getObjects(o -> o instanceof ActionProposal || o instanceof EpisodeStop)) {
                if (o instanceof ActionProposal p) {
                    String citation = ruleset.citation(p.ruleId());
                    proposals.add(citation == null || p.citation() != null ? p : p.withCitation(citation));
                } else {
                    stops.add((EpisodeStop) o);
                }
            }
            return new Outcome(proposals, stops, fired);
        } finally {
            session.dispose();
        }
    }
}
