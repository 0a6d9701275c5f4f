/**
 * The evaluation use case: the book through the rules in chunks, recorded chunk by chunk, alone or leased across replicas.
 */
package com.trustwatch.evaluation;
