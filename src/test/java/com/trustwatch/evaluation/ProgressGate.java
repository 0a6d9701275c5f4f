package com.trustwatch.evaluation;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A test's hand on a running evaluation, through the progress report every recorded chunk sends
 * once its transaction has committed (partitioned runs included, where a chunk's transaction also
 * holds its lease row): while the gate is closed, the thread that recorded a chunk waits here until
 * the test lets it through. Open, it is a no-op. Only in the test classes that name it in spec.name.
 */
@Singleton
@Requires(property = "spec.name", value = "PartitionedEvaluationIT")
class ProgressGate implements EvaluationProgressListener {

    private volatile Semaphore gate;
    private final Semaphore arrived = new Semaphore(0);

    /** From now on every recorded chunk waits for {@link #open()}. */
    void close() {
        arrived.drainPermits();
        gate = new Semaphore(0);
    }

    /** Lets every waiting and later chunk through. */
    void open() {
        Semaphore g = gate;
        gate = null;
        if (g != null) {
            g.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Waits until a chunk is recorded and held at the gate. */
    void awaitChunk() throws InterruptedException {
        if (!arrived.tryAcquire(120, TimeUnit.SECONDS)) {
            throw new AssertionError("no chunk reached the gate within 120 s");
        }
    }

    @Override
    public void progressed(String evaluationId, boolean dryRun, EvaluationView.Progress progress) {
        Semaphore g = gate;
        if (g == null) {
            return;
        }
        arrived.release();
        g.acquireUninterruptibly();
    }
}
