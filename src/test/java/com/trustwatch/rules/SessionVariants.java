package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Today;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.FactHandle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Other ways of running a batch through a ruleset's KieBase than {@link RuleEngine}'s fresh session,
 * for the benchmark's "what would close the gap" measurements only. Production code keeps to
 * {@link RuleEngine}.
 */
public final class SessionVariants {

    private final Ruleset ruleset;
    private KieSessionsPool pool;
    private KieSession reused;

    public SessionVariants(Ruleset ruleset) {
        this.ruleset = ruleset;
    }

    /**
     * A fresh session as {@link RuleEngine} runs it, with {@code atFullest} called after the rules have
     * fired and before the session is disposed: the moment the batch holds the most memory.
     */
    public List<ActionProposal> fresh(LocalDate asOf, List<MatterFacts> matters, Runnable atFullest) {
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            List<ActionProposal> out = run(session, asOf, matters);
            atFullest.run();
            return out;
        } finally {
            session.dispose();
        }
    }

    /** A session from a pool: {@code dispose()} resets it and hands it back instead of throwing it away. */
    public List<ActionProposal> pooled(LocalDate asOf, List<MatterFacts> matters) {
        if (pool == null) {
            pool = ruleset.kieBase().newKieSessionsPool(1);
        }
        KieSession session = pool.newKieSession();
        try {
            return run(session, asOf, matters);
        } finally {
            session.dispose();
        }
    }

    /** One long-lived session: insert the batch, fire, collect, then delete every fact again. */
    public List<ActionProposal> reusedWithDelete(LocalDate asOf, List<MatterFacts> matters) {
        if (reused == null) {
            reused = ruleset.kieBase().newKieSession();
        }
        List<ActionProposal> out = run(reused, asOf, matters);
        for (FactHandle handle : new ArrayList<FactHandle>(reused.getFactHandles())) {
            reused.delete(handle);
        }
        reused.fireAllRules();
        return out;
    }

    private static List<ActionProposal> run(KieSession session, LocalDate asOf, List<MatterFacts> matters) {
        session.insert(new Today(asOf));
        for (MatterFacts m : matters) {
            session.insert(m);
        }
        session.fireAllRules();
        List<ActionProposal> out = new ArrayList<>();
        for (Object o : session.getObjects(o -> o instanceof ActionProposal)) {
            out.add((ActionProposal) o);
        }
        return out;
    }

    public void close() {
        if (reused != null) {
            reused.dispose();
            reused = null;
        }
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }
}
