package com.trustwatch.evaluation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * trustwatch.evaluation.*: how an evaluation reads and records the book. Every default is here and
 * only here (docs/operations.md lists them).
 *
 * @param chunkSize            matters per chunk: one rules session and one recording transaction each
 * @param partitioned          lease the chunks of a whole-book run from the database, so every replica
 *                             sharing it works on the same evaluation (MySQL/MariaDB only; docs/scaling.md);
 *                             unset (null): on for a MySQL or MariaDB URL, off otherwise ({@link LeasedPathCondition})
 * @param workers              threads of this replica that lease chunks, when partitioned
 * @param leaseSeconds         how long a leased chunk stays with its replica before another may take it
 * @param waitMillis           how often the triggered replica looks whether the others have finished
 * @param pollInterval         how often every replica looks for chunks to lease, when partitioned
 * @param abandonAfter         a QUEUED or RUNNING evaluation without a sign of life for this long was left by a
 *                             dead process
 * @param abandonCheckInterval how often to look for such evaluations (and to mark this process's queued ones alive)
 * @param concurrentRuns       evaluations (real or dry) this process runs at once; more wait QUEUED. Only
 *                             one real evaluation of the book runs at a time, whatever this says
 * @param inlineActions        an evaluation's answer lists its actions when it has at most this many; a
 *                             larger one is read by page from {@code /api/evaluations/{id}/actions}
 * @param maxWait              the longest {@code wait} a trigger may ask for
 * @param progressLogInterval  how often a running evaluation logs its progress
 * @param dryRunRetention      how long a dry run (and what it found) is kept after it ended
 */
@ConfigurationProperties("trustwatch.evaluation")
public record EvaluationSettings(
        @Bindable(defaultValue = "1000") int chunkSize,
        @Nullable Boolean partitioned,
        @Bindable(defaultValue = "2") int workers,
        @Bindable(defaultValue = "120") int leaseSeconds,
        @Bindable(defaultValue = "50") long waitMillis,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "15m") Duration abandonAfter,
        @Bindable(defaultValue = "1m") Duration abandonCheckInterval,
        @Bindable(defaultValue = "2") int concurrentRuns,
        @Bindable(defaultValue = "1000") int inlineActions,
        @Bindable(defaultValue = "10m") Duration maxWait,
        @Bindable(defaultValue = "30s") Duration progressLogInterval,
        @Bindable(defaultValue = "7d") Duration dryRunRetention) {
}
