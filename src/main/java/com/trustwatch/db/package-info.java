/**
 * Database plumbing every owner shares: table ownership, timestamps, column fitting, lock-conflict retries.
 */
package com.trustwatch.db;
