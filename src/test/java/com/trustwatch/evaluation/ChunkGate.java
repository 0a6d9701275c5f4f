package com.trustwatch.evaluation;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A test's hand on a running evaluation, through the timing hook every chunk passes: while the gate
 * is closed, each chunk waits at it once it is recorded (its transaction committed), until the test
 * lets it through. So a test can look at an evaluation between two chunks, as often as it likes,
 * without racing it. Open, it is a no-op. Only in the test classes that name it in spec.name.
 */
@Singleton
@Requires(property = "spec.name", pattern = "EvaluationJobsIT|SchedulerRecipeIT")
class ChunkGate implements EvaluationTimings {

    private volatile Semaphore gate;
    private final Semaphore arrived = new Semaphore(0);

    /** From now on every recorded chunk waits for {@link #step()}. */
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

    /** Lets the chunk held at the gate go on. */
    void step() {
        gate.release();
    }

    @Override
    public void chunk(Phase phase, int matters, long nanos) {
        Semaphore g = gate;
        if (phase != Phase.RECORD || g == null) {
            return;
        }
        arrived.release();
        g.acquireUninterruptibly();
    }
}
