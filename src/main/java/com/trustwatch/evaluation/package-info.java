/**
 * The evaluation use case: the book through the rules in chunks, recorded chunk by chunk, alone or leased across replicas, run as jobs that show their progress, and dry runs that say what a real run would do.
 */
package com.trustwatch.evaluation;
