/**
 * Database plumbing every owner shares: table ownership, timestamps, column fitting, multi-row inserts,
 * lock-conflict retries.
 */
package com.trustwatch.db;
