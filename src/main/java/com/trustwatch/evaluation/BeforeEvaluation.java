package com.trustwatch.evaluation;

/**
 * Work done before each triggered evaluation that records (not a dry run), such as syncing the book
 * from the practice-management system. A failure is the hook's to record; the evaluation then goes on
 * with the book as it is.
 */
public interface BeforeEvaluation {

    void beforeEvaluation(String actor);
}
