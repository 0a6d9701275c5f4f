/**
 * Graceful shutdown: on SIGTERM an evaluation finishes the chunk it is recording and the dispatcher
 * the message it is sending, within the configured grace period, and nothing new starts.
 */
package com.trustwatch.lifecycle;
