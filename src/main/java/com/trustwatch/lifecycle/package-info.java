/**
 * The service's start and stop: a warm-up pass of synthetic matters through the rules at start, the
 * training run of the class-data archive, and graceful shutdown: on SIGTERM an evaluation finishes the
 * chunk it is recording and the dispatcher the message it is sending, within the configured grace
 * period, and nothing new starts.
 */
package com.trustwatch.lifecycle;
