/**
 * Payments in: processors' webhooks (Stripe, and a signed generic one for LawPay-style processors) recorded as trust deposits that stop the ladder.
 */
package com.trustwatch.payments;
