/**
 * The firm's settings, the clock and the business calendar, and database-driver tuning.
 */
package com.trustwatch.config;
