package com.trustwatch.evaluation;

import com.trustwatch.action.Actions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * What evaluations report to Prometheus (docs/operations.md, "Metrics"):
 * {@code trustwatch_evaluation_duration_seconds{dry_run,status}} (a timer: count, sum, max),
 * {@code trustwatch_evaluation_matters_total{dry_run}} (its rate is matters per second),
 * {@code trustwatch_evaluation_last_matters_per_second} (the last real run's throughput) and
 * {@code trustwatch_actions_recorded_total{type,severity}} (actions recorded for the first time).
 *
 * <p>And the progress of the evaluations running in this process, as gauges tagged {@code dry_run}
 * (summed over the runs of that kind; 0 when none runs): {@code trustwatch_evaluation_running},
 * {@code trustwatch_evaluation_progress_matters_done}, {@code trustwatch_evaluation_progress_matters_total},
 * {@code trustwatch_evaluation_progress_actions_new} and {@code trustwatch_evaluation_progress_seconds_left}
 * (the longest estimate; NaN while none is known). They move after each chunk, as the evaluation's own
 * {@code progress} does (the database's figures: a partitioned run's chunks of every replica included).
 */
@Singleton
class EvaluationMetrics implements EvaluationProgressListener {

    /** One evaluation running here, as of its last report. */
    private record Running(boolean dryRun, EvaluationView.Progress progress) {
    }

    private final MeterRegistry meters;
    /** Matters per second of the last real run, times 1000 (a gauge reads it as a double). */
    private final AtomicLong lastRateMilli = new AtomicLong();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    EvaluationMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("trustwatch.evaluation.last.matters.per.second", lastRateMilli, r -> r.get() / 1000.0)
                .description("matters per second of the last real evaluation").register(meters);
        for (boolean dryRun : new boolean[]{false, true}) {
            gauge("trustwatch.evaluation.running", dryRun, "evaluations running in this process", p -> 1);
            gauge("trustwatch.evaluation.progress.matters.done", dryRun, "matters evaluated so far by the running"
                    + " evaluations", EvaluationView.Progress::mattersDone);
            gauge("trustwatch.evaluation.progress.matters.total", dryRun, "matters the running evaluations set out"
                    + " to evaluate", EvaluationView.Progress::mattersTotal);
            gauge("trustwatch.evaluation.progress.actions.new", dryRun, "actions the running evaluations recorded"
                    + " new so far (a dry run: would record)", EvaluationView.Progress::actionsNew);
            Gauge.builder("trustwatch.evaluation.progress.seconds.left", running, r -> secondsLeft(r, dryRun))
                    .tag("dry_run", Boolean.toString(dryRun))
                    .description("the longest estimate of the time left among the running evaluations").register(meters);
        }
    }

    private void gauge(String name, boolean dryRun, String description, ToDoubleFunction<EvaluationView.Progress> of) {
        Gauge.builder(name, running, r -> r.values().stream().filter(e -> e.dryRun() == dryRun)
                        .mapToDouble(e -> of.applyAsDouble(e.progress())).sum())
                .tag("dry_run", Boolean.toString(dryRun)).description(description).register(meters);
    }

    private static double secondsLeft(Map<String, Running> running, boolean dryRun) {
        return running.values().stream().filter(e -> e.dryRun() == dryRun && e.progress().estimatedSecondsLeft() != null)
                .mapToDouble(e -> e.progress().estimatedSecondsLeft()).max().orElse(Double.NaN);
    }

    @Override
    public void started(String evaluationId, boolean dryRun, EvaluationView.Progress progress) {
        running.put(evaluationId, new Running(dryRun, progress));
    }

    /** Only evaluations that began to run here: a replica helping with a partitioned run is never told it ended. */
    @Override
    public void progressed(String evaluationId, boolean dryRun, EvaluationView.Progress progress) {
        running.computeIfPresent(evaluationId, (id, before) -> new Running(dryRun, progress));
    }

    @Override
    public void ended(String evaluationId, boolean dryRun, String status, EvaluationView.Progress progress) {
        running.remove(evaluationId);
    }

    void finished(boolean dryRun, String status, int matters, long nanos) {
        Timer.builder("trustwatch.evaluation.duration").description("how long evaluations take")
                .tags("dry_run", Boolean.toString(dryRun), "status", status).register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        meters.counter("trustwatch.evaluation.matters", "dry_run", Boolean.toString(dryRun)).increment(matters);
        if (!dryRun && nanos > 0 && "DONE".equals(status)) {
            lastRateMilli.set(Math.round(matters * 1_000_000_000_000.0 / nanos));
        }
    }

    void recorded(List<Actions.Tally> tally) {
        for (Actions.Tally t : tally) {
            meters.counter("trustwatch.actions.recorded", "type", t.type(), "severity", t.severity()).increment(t.count());
        }
    }
}
