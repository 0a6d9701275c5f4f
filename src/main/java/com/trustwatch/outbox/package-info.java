/**
 * Delivery: the transactional outbox's state machine and the dispatcher that empties it.
 */
package com.trustwatch.outbox;
