package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What evaluations report to Prometheus (docs/operations.md, "Metrics"):
 * {@code trustwatch_evaluation_duration_seconds{dry_run,status}} (a timer: count, sum, max),
 * {@code trustwatch_evaluation_matters_total{dry_run}} (its rate is matters per second),
 * {@code trustwatch_evaluation_last_matters_per_second} (the last real run's throughput) and
 * {@code trustwatch_actions_recorded_total{type,severity}} (actions recorded for the first time).
 */
@Singleton
class EvaluationMetrics {

    private final MeterRegistry meters;
    /** Matters per second of the last real run, times 1000 (a gauge reads it as a double). */
    private final AtomicLong lastRateMilli = new AtomicLong();

    EvaluationMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("trustwatch.evaluation.last.matters.per.second", lastRateMilli, r -> r.get() / 1000.0)
                .description("matters per second of the last real evaluation").register(meters);
    }

    void finished(boolean dryRun, String status, int matters, long nanos) {
        Timer.builder("trustwatch.evaluation.duration").description("how long evaluations take")
                .tags("dry_run", Boolean.toString(dryRun), "status", status).register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        meters.counter("trustwatch.evaluation.matters", "dry_run", Boolean.toString(dryRun)).increment(matters);
        if (!dryRun && nanos > 0) {
            lastRateMilli.set(Math.round(matters * 1_000_000_000_000.0 / nanos));
        }
    }

    void recorded(List<Actions.Tally> tally) {
        for (Actions.Tally t : tally) {
            meters.counter("trustwatch.actions.recorded", "type", t.type(), "severity", t.severity()).increment(t.count());
        }
    }
}
