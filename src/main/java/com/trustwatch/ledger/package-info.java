/**
 * The trust ledger: deposits, drawdowns and refunds that move a matter's balance.
 */
package com.trustwatch.ledger;
