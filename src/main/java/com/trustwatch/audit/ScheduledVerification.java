package com.trustwatch.audit;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the chain every {@code trustwatch.audit.verify-interval} (first after one interval), so the
 * {@code trustwatch.audit.chain.valid} metric and the log say whether it is intact without anyone asking.
 */
@Singleton
class ScheduledVerification {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledVerification.class);
    private final AuditLog audit;
    private final CheckpointSettings settings;
    private final TaskScheduler scheduler;

    ScheduledVerification(AuditLog audit, CheckpointSettings settings, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.audit = audit;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!settings.verifyInterval().isZero() && !settings.verifyInterval().isNegative()) {
            scheduler.scheduleWithFixedDelay(settings.verifyInterval(), settings.verifyInterval(), this::verify);
        }
    }

    void verify() {
        try {
            AuditLog.Verification v = audit.verify();
            if (v.valid()) {
                LOG.info("audit chain verified: {} entries intact{}", v.entriesChecked(),
                        v.checkpoint() == null ? " (no checkpoint yet)" : ", agreeing with the checkpoint of " + v.checkpoint().at());
            } else {
                LOG.error("AUDIT CHAIN BROKEN at entry {}: {}", v.firstBrokenSeq(), v.problem());
            }
        } catch (RuntimeException e) {
            LOG.warn("scheduled audit verification could not run: {}", e.getMessage());
        }
    }
}
