/**
 * Held requests: client messages that wait for a person (active litigation, a negative client ledger, or by firm setting every first request) until an attorney or billing manager approves, amends or declines them.
 */
package com.trustwatch.review;
