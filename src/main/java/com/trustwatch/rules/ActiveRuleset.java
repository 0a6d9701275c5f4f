package com.trustwatch.rules;

import com.trustwatch.config.SmsSettings;
import com.trustwatch.decision.DeliveryChannels;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ruleset in force. Read once at startup from its {@link RulesetSource} (a rule file or table
 * that does not compile stops startup with every problem named), then swapped atomically when a
 * ruleset version is activated: an evaluation takes the ruleset once when it starts and finishes on
 * it, whatever is activated meanwhile. Its sessions see the delivery channels the service has
 * switched on (text messages when the Twilio connector is configured, trustwatch.sms), whichever version is in force.
 */
@Context
public class ActiveRuleset {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveRuleset.class);
    private final AtomicReference<Ruleset> current = new AtomicReference<>();
    private final AtomicReference<List<String>> holds = new AtomicReference<>(List.of());
    private final RulesSettings settings;
    private final DeliveryChannels channels;

    public ActiveRuleset(RulesSettings settings, SmsSettings sms, RulesetSource source) {
        this.settings = settings;
        this.channels = new DeliveryChannels(sms.inUse());
        try {
            current.set(inUse(source.startup()));
        } catch (RulesetException e) {
            LOG.error("The ruleset does not compile; Trustwatch will not start:\n  {}",
                    String.join("\n  ", e.problems()));
            throw e;
        }
    }

    /** The ruleset in force now. */
    public Ruleset get() {
        return current.get();
    }

    /**
     * The ruleset in force, for a run that records and sends: refused while something holds real runs
     * (a compliance pack awaiting counsel's review when {@code trustwatch.rules.require-signoff} is on).
     */
    public Ruleset forRealRun() {
        List<String> reasons = holds.get();
        if (!reasons.isEmpty()) {
            throw new com.trustwatch.web.TransitionRefusedException("real evaluations are held: "
                    + String.join("; ", reasons) + " (dry runs still work)");
        }
        return current.get();
    }

    /** Holds real runs for these reasons (none: releases them). */
    public void holdRealRuns(List<String> reasons) {
        holds.set(List.copyOf(reasons));
    }

    /** Puts {@code next} in force for every evaluation that starts from now on; returns the one it replaces. */
    public Ruleset activate(Ruleset next) {
        return current.getAndSet(inUse(next));
    }

    /** {@code ruleset} as this service runs it: with the delivery channels switched on here (for a preview). */
    public Ruleset inUse(Ruleset ruleset) {
        return ruleset.withChannels(channels);
    }

    public RulesSettings settings() {
        return settings;
    }
}
