package com.trustwatch.evaluation;

/**
 * Told, after each chunk this process records, where the evaluation it belongs to stands (as the
 * database says: every replica's chunks included). Every bean of this type is told; a listener must
 * be quick and must not throw. {@link ProgressLog} writes the log lines; {@link EvaluationMetrics}
 * exposes the same figures as gauges.
 */
public interface EvaluationProgressListener {

    /** The evaluation began to run in this process (it was QUEUED); nothing is done yet. */
    default void started(String evaluationId, boolean dryRun, EvaluationView.Progress progress) {
    }

    /** The evaluation's progress after a chunk; {@code progress.estimatedSecondsLeft()} may be null. */
    void progressed(String evaluationId, boolean dryRun, EvaluationView.Progress progress);

    /** The evaluation ended (DONE, FAILED or CANCELLED) in this process. */
    default void ended(String evaluationId, boolean dryRun, String status, EvaluationView.Progress progress) {
    }
}
