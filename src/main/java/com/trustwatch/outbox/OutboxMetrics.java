package com.trustwatch.outbox;

import com.trustwatch.db.Timestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox as Prometheus sees it, counted from the database every
 * {@code trustwatch.outbox.metrics-interval} (not at every scrape):
 * {@code trustwatch_outbox_messages{state}} (rows by state; the backlog is PENDING, SENDING and FAILED),
 * {@code trustwatch_outbox_dead_letters} (DEAD rows) and
 * {@code trustwatch_outbox_oldest_due_seconds} (how long the longest-waiting due message has waited; 0 if none).
 * The database is shared, so every replica reports the same figures.
 */
@Singleton
public class OutboxMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);
    private final Outbox outbox;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final Map<OutboxState, AtomicLong> byState = new EnumMap<>(OutboxState.class);
    private final AtomicLong oldestDueSeconds = new AtomicLong();

    public OutboxMetrics(Outbox outbox, Clock clock, MeterRegistry meters,
                         @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                         @Value("${trustwatch.outbox.metrics-interval:30s}") Duration interval) {
        this.outbox = outbox;
        this.clock = clock;
        this.scheduler = scheduler;
        this.interval = interval;
        for (OutboxState s : OutboxState.values()) {
            AtomicLong v = new AtomicLong();
            byState.put(s, v);
            Gauge.builder("trustwatch.outbox.messages", v, AtomicLong::get).tag("state", s.name())
                    .description("outbox rows by state").register(meters);
        }
        Gauge.builder("trustwatch.outbox.dead.letters", byState.get(OutboxState.DEAD), AtomicLong::get)
                .description("messages given up on, waiting for a person").register(meters);
        Gauge.builder("trustwatch.outbox.oldest.due.seconds", oldestDueSeconds, AtomicLong::get)
                .description("seconds the longest-waiting due message has been due").register(meters);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(Duration.ZERO, interval, this::refreshQuietly);
    }

    /** Counts the outbox now. */
    public void refresh() {
        LocalDateTime now = Timestamps.now(clock);
        Outbox.Backlog backlog = outbox.backlog(now);
        byState.forEach((state, v) -> v.set(backlog.byState().getOrDefault(state, 0L)));
        oldestDueSeconds.set(backlog.oldestDueSince() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestDueSince(), now).toSeconds()));
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debug("outbox metrics not refreshed: {}", e.getMessage());
        }
    }
}
