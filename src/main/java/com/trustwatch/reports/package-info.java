/**
 * Reports (seed 002): trust aging, replenishment performance and trust-account activity, worked out once for the console's pages, their CSV downloads and the monthly email to the trust-account supervisor, which goes through the outbox.
 */
package com.trustwatch.reports;
