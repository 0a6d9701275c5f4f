package com.trustwatch.policy;

import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.Ruleset;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica on the version the database says is active: every
 * {@code trustwatch.rulesets.poll-interval} it reads the head row and, when another replica activated
 * a version, compiles it (from the cache when it can), swaps it in and logs it. Evaluations already
 * running finish on the ruleset they started with.
 */
@Singleton
public class ActivationWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationWatch.class);

    private final RulesetVersions versions;
    private final StoredRulesets stored;
    private final ActiveRuleset active;
    private final RulesetSettings settings;
    private final TaskScheduler scheduler;
    private final SignOffPack signoffs;

    public ActivationWatch(RulesetVersions versions, StoredRulesets stored, ActiveRuleset active,
                           RulesetSettings settings, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                           SignOffPack signoffs) {
        this.signoffs = signoffs;
        this.versions = versions;
        this.stored = stored;
        this.active = active;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(settings.pollInterval(), settings.pollInterval(), this::refreshQuietly);
    }

    private void refreshQuietly() {
        try {
            refresh();
            signoffs.refreshHolds(); // a sign-off made on another replica
        } catch (RuntimeException e) {
            LOG.warn("Could not check the database for a ruleset activation; trying again in {}", settings.pollInterval(), e);
        }
    }

    /** Puts the database's active version in force here if it is not already; returns the ruleset in force. */
    public synchronized Ruleset refresh() {
        Integer head = versions.activeVersion();
        Ruleset current = active.get();
        if (head == null || head == current.number()) {
            return current;
        }
        Ruleset next = stored.load(head);
        Ruleset replaced = active.activate(next);
        LOG.info("Ruleset version {} is now in force on this replica (was {}); evaluations that started before "
                + "finish on the version they started with", next.version(), replaced.version());
        return next;
    }
}
