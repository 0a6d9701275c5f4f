/**
 * Signed events out: the firm's other tools subscribe to events (low balance, request sent and paid, escalations, flags, stop-work), delivered through the outbox with an HMAC signature.
 */
package com.trustwatch.webhook;
