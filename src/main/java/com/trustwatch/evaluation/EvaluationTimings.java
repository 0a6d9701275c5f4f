package com.trustwatch.evaluation;

/**
 * Optional per-phase timing of evaluations, for benchmarks and profiling. When an application
 * context holds a bean of this type, every chunk reports how long each phase took; when it holds
 * none (production), the evaluation does not read a clock at all.
 */
public interface EvaluationTimings {

    /** The phases one chunk goes through, in order. */
    enum Phase {
        /** reading a page of matters and their open episodes from the database */
        LOAD,
        /** turning matters into the facts the rules see */
        FACTS,
        /** one Drools session over the chunk */
        RULES,
        /** resolving recipients and idempotency keys */
        PLAN,
        /** the chunk's transaction: actions, links, outbox, exception items, episodes, audit entries */
        RECORD
    }

    void chunk(Phase phase, int matters, long nanos);
}
