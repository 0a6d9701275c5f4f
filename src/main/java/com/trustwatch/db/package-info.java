/**
 * Database plumbing every owner shares: table ownership, timestamps, column fitting, multi-row inserts,
 * lock-conflict retries, and the start's comparison of the applied migrations with the shipped ones.
 */
package com.trustwatch.db;
